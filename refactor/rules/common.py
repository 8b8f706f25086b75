"""Commands every ecosystem shares: users, folders, links, downloads, cleanup.

Run-time setup (useradd, mkdir, ln, writes under /etc) is replayed in the final
stage. Work inside the application folders is a build step. A download or copy
that lands outside them becomes an artifact copied from the builder. Scratch
space (/tmp, caches) is noise. A command that runs code the rewriter cannot
read (`sh script.sh`, `bash -c ...`) is unsafe.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Command, Role, StageState, operands, program

ECOSYSTEM = "shell"

SETUP = frozenset(
    {
        "useradd",
        "groupadd",
        "adduser",
        "addgroup",
        "usermod",
        "groupmod",
        "mkdir",
        "ln",
        "update-ca-certificates",
        "ldconfig",
        "locale-gen",
        "update-locale",
        "localedef",
        "dpkg-reconfigure",
        "setcap",
        "chpasswd",
        "passwd",
        "update-alternatives",
    }
)
# Commands that only read, print or set shell state.
QUIET = frozenset(
    {
        "echo", "printf", "true", "false", ":", "set", "export", "cd", "sleep",
        "test", "[", "[[", "exit", "which", "type", "id", "whoami", "ls", "cat",
        "pwd", "env", "printenv", "uname", "date", "nproc", "head", "tail", "wc",
        "grep", "du", "df", "stat", "file", "ldd", "readlink", "dirname",
        "basename", "command", "hash", "unset", "shopt", "trap", "sort", "uniq",
        "tr", "cut", "sed", "awk", "md5sum", "sha256sum", "sha1sum", "sha512sum",
        "gpg", "tree", "free", "lscpu", "cmp", "diff", "local", "declare",
        "mktemp", "yes", "seq", "getent", "groups", "nslookup", "ping",
        "gpgconf", "lsb_release", "dpkg-query", "dpkg-architecture",
    }
)  # fmt: skip
SCRATCH = (
    "/tmp", "/var/tmp", "/var/cache", "/var/lib/apt/lists", "/var/log", "/root/.cache",
    "/root/.npm", "/usr/share/doc", "/usr/share/man", "/usr/share/info",
)  # fmt: skip
OWNERSHIP = frozenset({"chown", "chgrp", "chmod"})
PLACES_FILES = frozenset({"cp", "mv", "install"})
# Folders a copy usually targets as a folder even without a trailing slash.
BIN_FOLDERS = ("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin")


class CommonRule:
    ecosystem = ECOSYSTEM

    def claim(self, command: Command, state: StageState) -> Claim | None:
        name = program(command)
        if name is None:
            return None
        writes = _writes(command, state)
        if name in QUIET and not writes:
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE)
        if name in QUIET and all(state.in_app_folder(p) for p in writes):
            return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why="writes in the app")
        if name in ("source", "."):
            return Claim(
                ecosystem=ECOSYSTEM, role=Role.NOISE, why="sets shell variables"
            )
        if name in ("sh", "bash", "dash", "ash", "zsh", "eval", "xargs"):
            why = "it runs a script the rewriter cannot read"
            return Claim(ecosystem=ECOSYSTEM, role=Role.UNSAFE, why=why)
        if writes and all(_scratch(p) for p in writes):
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE)
        if writes and not all(state.in_app_folder(p) for p in writes):
            return _written(name, command, writes)
        return _by_name(name, command, state)


def _written(name: str, command: Command, writes: tuple[str, ...]) -> Claim:
    """A file written whole from text is copied; an edit or append is replayed,
    since the final base's own version of the file must be the one edited."""
    if name in ("echo", "printf", "cat") and ">>" not in command.text:
        why = f"written by `{name}`"
        artifacts = tuple(Artifact(p, p, why) for p in writes)
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why, artifacts=artifacts)
    return _setup("it edits files outside the application folders")


def _by_name(name: str, command: Command, state: StageState) -> Claim | None:
    words = _without_option_values(name, command.arguments)
    paths = tuple(state.resolve(_home(p, state)) for p in operands(words))
    if name == "install" and ("-d" in words or "--directory" in words):
        name = "mkdir"
    if name == "mkdir" and paths and all(_scratch(p) for p in paths):
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why="scratch space")
    if name == "mkdir" and paths and all(_in_app(p, state) for p in paths):
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why="a folder for the build")
    if name == "find" and not {"-delete", "-exec", "-execdir"} & set(command.arguments):
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why="only lists files")
    if name in ACCOUNTS and not HOME_OPTIONS & set(command.arguments):
        return _accounts()
    if name in SETUP:
        return _setup("run-time setup")
    if name in OWNERSHIP:
        return _ownership(name, paths[1:], state)
    if name in ("rm", "touch", "find", "rmdir"):
        return _local(paths, state)
    if name in PLACES_FILES:
        return _placed(paths, command, state)
    if name in ("curl", "wget"):
        return _download(name, command, state)
    if name in ("tar", "unzip"):
        return _unpacked(name, command, state)
    if name == "git":
        return Claim(
            ecosystem=ECOSYSTEM, role=Role.BUILD, why="git work in the builder"
        )
    return None


# Options of cp, mv and install whose value is the next word.
_VALUED = {
    "install": frozenset({"-m", "--mode", "-o", "--owner", "-g", "--group", "-S"}),
    "cp": frozenset({"--suffix", "-S"}),
    "mv": frozenset({"--suffix", "-S"}),
}


def _without_option_values(name: str, words: tuple[str, ...]) -> tuple[str, ...]:
    valued = _VALUED.get(name, frozenset())
    kept: list[str] = []
    skip = False
    for word in words:
        if not skip and word not in valued:
            kept.append(word)
        skip = not skip and word in valued
    return tuple(kept)


# useradd and groupadd touch only the account files unless asked for a home;
# Debian's adduser makes one by default, so it is always replayed.
ACCOUNTS = frozenset({"useradd", "groupadd"})
HOME_OPTIONS = frozenset({"-m", "--create-home"})
_ACCOUNT_FILES = ("/etc/passwd", "/etc/group")


def _accounts() -> Claim:
    why = "accounts made in the builder"
    return replace(
        _setup("run-time setup"),
        shell_free=tuple(Artifact(path, path, why) for path in _ACCOUNT_FILES),
    )


def _setup(why: str) -> Claim:
    return Claim(ecosystem=ECOSYSTEM, role=Role.SETUP, why=why, needs_shell=True)


def _ownership(name: str, paths: tuple[str, ...], state: StageState) -> Claim:
    if paths and all(_scratch(p) for p in paths):
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE)
    inside = paths and all(_in_app(p, state) for p in paths)
    # Modes travel with files copied from the builder; owners of the folders
    # themselves do not, so chown is replayed.
    if inside and name == "chmod":
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why="modes of built files")
    return _setup("ownership and modes in the final image")


def _local(paths: tuple[str, ...], state: StageState) -> Claim:
    if all(_scratch(p) for p in paths):
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE)
    if all(_in_app(p, state) for p in paths):
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why="work in the app folder")
    return _setup("changes files of the base image")


def _placed(paths: tuple[str, ...], command: Command, state: StageState) -> Claim:
    if len(paths) < 2:
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD)
    target, sources = paths[-1], paths[:-1]
    if _scratch(target):
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why="work in scratch space")
    folder = (
        command.arguments[-1].endswith("/") or len(sources) > 1 or target in BIN_FOLDERS
    )
    targets = [posixpath.join(target, posixpath.basename(s)) for s in sources]
    placed = targets if folder else [target]
    why = f"placed by `{program(command)}`"
    artifacts = tuple(Artifact(p, p, why) for p in placed)
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=artifacts,
        inputs=sources,
    )


def _download(name: str, command: Command, state: StageState) -> Claim:
    flags = ("-o", "--output") if name == "curl" else ("-O", "--output-document")
    target = _option_value(command.arguments, flags)
    if target is None and name == "wget":
        urls = [w for w in operands(command.arguments) if "://" in w]
        if not urls:
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why="downloads nothing")
        target = posixpath.basename(urls[0].split("?")[0].rstrip("/")) or "index.html"
    if target is None or target == "-":
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why="prints to a pipe")
    return _lands(state.resolve(target), state, f"downloaded by {name}")


def _unpacked(name: str, command: Command, state: StageState) -> Claim:
    flags = ("-C", "--directory") if name == "tar" else ("-d",)
    target = _option_value(command.arguments, flags)
    folder = state.resolve(target) if target else state.cwd
    return _lands(folder, state, f"unpacked by {name}")


def _lands(path: str, state: StageState, why: str) -> Claim:
    if _scratch(path) or _in_app(path, state):
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why)
    if path == "/":
        return Claim(ecosystem=ECOSYSTEM, role=Role.UNSAFE, why="it writes into /")
    artifact = Artifact(path, path, why)
    return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why, artifacts=(artifact,))


def _option_value(words: tuple[str, ...], flags: tuple[str, ...]) -> str | None:
    for index, word in enumerate(words):
        if index + 1 < len(words) and (word in flags or _cluster_ends(word, flags)):
            return words[index + 1]
        for flag in flags:
            if flag.startswith("--") and word.startswith(flag + "="):
                return word.partition("=")[2]
            if not flag.startswith("--") and word.startswith(flag) and len(word) > 2:
                return word[len(flag) :]
    return None


def _cluster_ends(word: str, flags: tuple[str, ...]) -> bool:
    """`-fsSLo`: short options run together, the last one taking the next word."""
    if not word.startswith("-") or word.startswith("--") or not word[1:].isalpha():
        return False
    return any(len(f) == 2 and word.endswith(f[1]) for f in flags)


def _writes(command: Command, state: StageState) -> tuple[str, ...]:
    targets = [t for t in command.redirects if t not in ("/dev/null", "/dev/stderr")]
    if program(command) == "tee":
        targets += list(operands(command.arguments))
    if program(command) == "sed" and any(w.startswith("-i") for w in command.arguments):
        targets += list(operands(command.arguments)[1:])
    return tuple(state.resolve(_home(t, state)) for t in targets)


def _home(path: str, state: StageState) -> str:
    if not path.startswith("~"):
        return path
    home = state.env.get("HOME") or (
        "/root" if state.user in (None, "root", "0") else f"/home/{state.user}"
    )
    return home + path[1:]


def _in_app(path: str, state: StageState) -> bool:
    return state.in_app_folder(path)


def _scratch(path: str) -> bool:
    return any(path == s or path.startswith(s + "/") for s in SCRATCH)


RULE = CommonRule()
