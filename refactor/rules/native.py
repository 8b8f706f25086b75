"""C and C++: compiler calls, make, cmake, configure/make install.

`gcc -o OUT` makes OUT, which keeps its path. What `make` or `cmake --build`
makes is not written in the command, so the final stage gets the file the
entry runs when it lies in the build folder (a later `cp`/`mv` onto PATH is
the shell rule's artifact). `make install` and `cmake --install` put files
under a prefix: those the Makefile's install recipe or CMakeLists.txt's
install() name, else the prefix's bin, lib and share folders.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Iterable, Mapping

from refactor.plan.bases import parse_image
from refactor.plan.outcome import Artifact
from refactor.rules.base import (
    Claim,
    Command,
    PackageInstall,
    Role,
    StageState,
    program,
)
from refactor.rules.binaries import entry_files, read_context
from refactor.rules.scripts import claim_script

ECOSYSTEM = "c"
COMPILER = re.compile(r"^(?:[\w.-]+-)?(gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+)?$")
TOOLS = frozenset({"make", "cmake", "ninja", "gcc", "g++", "cc", "c++", "clang"})
CONFIGURE = frozenset(
    {"configure", "autogen.sh", "bootstrap", "autoreconf", "aclocal", "autoconf",
     "automake", "libtoolize"}
)  # fmt: skip
PREFIX = "/usr/local"
# Where an install whose files cannot be listed is staged (make's DESTDIR).
STAGING = "/out"
# Debian's base-files creates these under /usr/local, so copying them never
# fails; for another prefix the whole folder is copied.
PREFIX_FOLDERS = ("bin", "lib", "share")
_MAKE_VALUED = frozenset({"-C", "-f", "--file", "--makefile", "-l", "-o", "-I"})
_NO_OUTPUT = frozenset({"-c", "-E", "-S", "-M", "-MM"})
_PRINTS = frozenset({"--version", "-v", "-dumpversion", "-dumpmachine", "--help"})


class NativeRule:
    ecosystem = ECOSYSTEM

    def claim(self, command: Command, state: StageState) -> Claim | None:
        name = program(command) or ""
        if COMPILER.match(name):
            return _compile(command, state)
        if name in ("make", "gmake", "ninja"):
            return _make(command, state)
        if name == "cmake":
            return _cmake(command, state)
        if name in CONFIGURE:
            why = "configures the build in its folder"
            return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why)
        if name in ("pkg-config", "pkgconf"):
            why = "prints compiler flags"
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why)
        if name == "patch" and state.in_app_folder(state.cwd):
            why = "patches the sources in the builder"
            return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why)
        if name == "strip":
            # Stripping changes size, not behaviour; the stripped file is an
            # artifact of the command that built it.
            why = "strips symbols from built files"
            return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why)
        return claim_script(command, state, ECOSYSTEM, TOOLS)


def _compile(command: Command, state: StageState) -> Claim:
    words = command.arguments
    why = f"compiled by {program(command)}"
    sources = tuple(
        state.resolve(w)
        for w in words
        if re.search(r"\.(c|cc|cpp|cxx|C|h|hpp)$", w) and not w.startswith("-")
    )
    static = "-static" in words
    if set(words) and set(words) <= _PRINTS:
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why="prints its version")
    if _NO_OUTPUT & set(words):
        return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why, left_behind=sources)
    output = _value_after(words, "-o") or "a.out"
    path = state.resolve(output)
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=(Artifact(path, path, why),),
        static_binary=static,
        left_behind=sources,
        packages=_cxx_runtime(command, state, static),
    )


def _cxx_runtime(
    command: Command, state: StageState, static: bool
) -> PackageInstall | None:
    """Alpine's base lacks libstdc++, which every glibc base carries."""
    match = COMPILER.match(program(command) or "")
    cxx = match is not None and match.group(1) in ("g++", "c++", "clang++")
    image = parse_image(state.base)
    alpine = image.name == "alpine" or "alpine" in (image.tag or "")
    if not (cxx and alpine) or static:
        return None
    return PackageInstall("apk", (), ("libgcc", "libstdc++"))


def _value_after(words: tuple[str, ...], flag: str) -> str | None:
    found = None
    for index, word in enumerate(words):
        if word == flag and index + 1 < len(words):
            found = words[index + 1]
        elif word.startswith(flag) and len(word) > len(flag) and flag == "-o":
            found = word[len(flag) :]
    return found


def _make(command: Command, state: StageState) -> Claim:
    words = list(command.arguments)
    options, variables, targets = _make_words(words)
    folder = state.resolve(options["-C"]) if "-C" in options else state.cwd
    tool = program(command)
    if "install" not in targets:
        why = f"built by {tool}"
        artifacts = entry_files(state, folder, why)
        return Claim(
            ecosystem=ECOSYSTEM,
            role=Role.BUILD,
            why=why,
            artifacts=artifacts,
            static_binary=False,
        )
    why = f"installed by {tool} install"
    makefile = options.get("-f") or options.get("--file") or "Makefile"
    text = read_context(state, posixpath.join(folder, makefile))
    if "DESTDIR" in variables:
        # Staged by the Dockerfile itself: the image has the files there.
        destdir = state.resolve(variables["DESTDIR"])
        return _installed_claim((destdir,), why)
    known = {**state.env, **variables}
    installed = _make_installed(text, known) if text is not None else None
    if installed is not None:
        return _installed_claim(installed, why)
    if text is None or "DESTDIR" in text:
        return _staged(f"{command.text} DESTDIR={STAGING}", why)
    prefix = known.get("PREFIX") or known.get("prefix") or PREFIX
    return _installed_claim(_prefix_folders(state.resolve(prefix)), why)


def _make_words(
    words: list[str],
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """make's options, VAR=value words and targets."""
    options: dict[str, str] = {}
    variables: dict[str, str] = {}
    targets: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else ""
        takes_value = word in _MAKE_VALUED or (
            word in ("-j", "--jobs") and following.isdigit()
        )
        if takes_value and following:
            options[word] = following
            index += 1
        elif word.startswith("-"):
            name, _, value = word.partition("=")
            options[name[:2] if not name.startswith("--") else name] = value or name[2:]
        elif "=" in word:
            name, _, value = word.partition("=")
            variables[name] = value
        else:
            targets.append(word)
        index += 1
    return options, variables, targets


_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_]\w*)\s*(?:\?|:|::|\+)?=\s*(.*)$")
_RULE = re.compile(r"^([^\s:=#][^:=#]*):(?!=)(.*)$")


def _make_installed(text: str, known: Mapping[str, str]) -> tuple[str, ...] | None:
    """Paths the `install` recipe writes, or None when any of them is unknown."""
    variables = {"DESTDIR": ""}
    recipe: list[str] = []
    in_install = False
    for line in text.splitlines():
        if line.startswith("\t"):
            if in_install:
                recipe.append(line.strip())
            continue
        assignment = _ASSIGNMENT.match(line)
        rule = _RULE.match(line)
        if assignment and not rule:
            variables[assignment.group(1)] = assignment.group(2).strip()
        elif rule:
            in_install = "install" in rule.group(1).split()
    variables.update(known)
    paths = []
    for line in recipe:
        expanded = _expanded(line, variables)
        if expanded is None:
            return None
        destination = _destination(expanded)
        if destination:
            paths.append(destination)
    return tuple(paths) or None


def _expanded(text: str, variables: Mapping[str, str], depth: int = 0) -> str | None:
    """`$(NAME)`/`${NAME}` replaced; None if one is not defined (an `include`d
    file generated by configure, say), since make would read it as empty."""
    unknown = False

    def value(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group(1) or match.group(2)
        if name not in variables:
            unknown = True
        return variables.get(name, "")

    expanded = re.sub(r"\$\((\w+)\)|\$\{(\w+)\}", value, text)
    if unknown:
        return None
    if expanded == text or depth > 5:
        return expanded
    return _expanded(expanded, variables, depth + 1)


def _destination(line: str) -> str | None:
    """The absolute path an `install`/`cp` line writes, skipping `install -d`."""
    try:
        words = shlex.split(line.lstrip("@-"))
    except ValueError:
        return None
    if not words or posixpath.basename(words[0]) not in ("install", "cp", "mkdir"):
        return None
    if posixpath.basename(words[0]) == "mkdir" or "-d" in words:
        return None
    last = words[-1]
    return posixpath.normpath(last) if last.startswith("/") else None


def _cmake(command: Command, state: StageState) -> Claim:
    words = command.arguments
    if "--build" in words:
        folder = state.resolve(_value_after(words, "--build") or ".")
        why = "built by cmake --build"
        artifacts = entry_files(state, folder, why)
        return Claim(
            ecosystem=ECOSYSTEM, role=Role.BUILD, why=why, artifacts=artifacts,
            static_binary=False,
        )  # fmt: skip
    if "--install" in words:
        return _cmake_install(command, state)
    why = "configures the build"
    return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why)


def _cmake_install(command: Command, state: StageState) -> Claim:
    words = command.arguments
    why = "installed by cmake --install"
    folder = state.resolve(_value_after(words, "--install") or ".")
    prefix = _value_after(words, "--prefix")
    # Without --prefix the prefix was chosen at configure time, out of sight.
    if prefix is not None:
        places = (posixpath.dirname(folder), folder, state.cwd)
        installed = _cmake_installed(state, places, state.resolve(prefix))
        if installed is not None:
            return _installed_claim(installed, why)
    return _staged(f"DESTDIR={STAGING} {command.text}", why)


_INSTALL_CALL = re.compile(r"\binstall\s*\(([^)]*)\)", re.IGNORECASE)
_EXECUTABLE = re.compile(r"\badd_executable\s*\(\s*([\w.-]+)", re.IGNORECASE)
_SHARED = re.compile(r"\badd_library\s*\(\s*([\w.-]+)\s+SHARED", re.IGNORECASE)


def _cmake_installed(
    state: StageState, folders: Iterable[str], prefix: str
) -> tuple[str, ...] | None:
    """Paths CMakeLists.txt's install() calls name, or None when unreadable."""
    for folder in folders:
        text = read_context(state, posixpath.join(folder, "CMakeLists.txt"))
        if text is not None:
            return _from_cmakelists(text, prefix)
    return None


def _from_cmakelists(text: str, prefix: str) -> tuple[str, ...] | None:
    executables = set(_EXECUTABLE.findall(text))
    shared = set(_SHARED.findall(text))
    paths: list[str] = []
    for call in _INSTALL_CALL.findall(text):
        words = call.split()
        if not words or "DESTINATION" not in words or "$" in call:
            return None
        kind, names = words[0].upper(), _names_before_keywords(words[1:])
        for place, destination in _destinations(words):
            folder = posixpath.join(prefix, destination)
            if kind == "TARGETS" and place in ("RUNTIME", ""):
                paths += [posixpath.join(folder, n) for n in names if n in executables]
            if kind == "TARGETS" and place in ("LIBRARY", ""):
                paths += [
                    posixpath.join(folder, f"lib{n}.so*") for n in names if n in shared
                ]
            if kind in ("FILES", "PROGRAMS", "DIRECTORY"):
                paths += [
                    posixpath.join(folder, posixpath.basename(n.rstrip("/")))
                    for n in names
                ]
    return tuple(dict.fromkeys(paths)) or None


_CMAKE_KEYWORDS = frozenset(
    {"DESTINATION", "RUNTIME", "LIBRARY", "ARCHIVE", "PERMISSIONS", "COMPONENT",
     "CONFIGURATIONS", "OPTIONAL", "EXPORT", "INCLUDES", "RENAME", "PUBLIC_HEADER"}
)  # fmt: skip


def _names_before_keywords(words: list[str]) -> list[str]:
    names = []
    for word in words:
        if word.upper() in _CMAKE_KEYWORDS:
            break
        names.append(word)
    return names


def _destinations(words: list[str]) -> list[tuple[str, str]]:
    """(kind, folder) of each DESTINATION: `RUNTIME DESTINATION bin` or plain."""
    found = []
    for index, word in enumerate(words[:-1]):
        if word.upper() == "DESTINATION":
            before = words[index - 1].upper() if index else ""
            kind = before if before in ("RUNTIME", "LIBRARY", "ARCHIVE") else ""
            found.append((kind, words[index + 1]))
    return found


def _installed_claim(paths: Iterable[str], why: str) -> Claim:
    artifacts = tuple(_artifact(path, why) for path in paths)
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=artifacts,
        static_binary=False,
    )


def _staged(replacement: str, why: str) -> Claim:
    """Install into a staging root in the builder; the final stage gets all of it.

    The builder itself then lacks the install, which breaks a later builder
    step that links against what was installed.
    """
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=(Artifact(f"{STAGING}/", "/", f"{why}, staged in {STAGING}"),),
        replacement=replacement,
        static_binary=False,
    )


def _artifact(path: str, why: str) -> Artifact:
    # A glob copies into its folder: COPY needs the folder as the target.
    if any(char in path for char in "*?["):
        return Artifact(path, posixpath.dirname(path) + "/", why)
    return Artifact(path, path, why)


def _prefix_folders(prefix: str) -> tuple[str, ...]:
    if prefix == PREFIX:
        return tuple(posixpath.join(prefix, f) for f in PREFIX_FOLDERS)
    return (prefix,)


RULE = NativeRule()
