"""The checks, as pure functions of inspected data: configs, file trees, runs.

Each returns one Check: passed, failed with the evidence a reviewer needs, or
not applicable with the reason.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from refactor.verify.filesystem import Tree
from refactor.verify.model import Check

SCALARS = ("Entrypoint", "Cmd", "WorkingDir", "User", "Healthcheck", "StopSignal")
KEYED = ("Env", "Labels", "ExposedPorts", "Volumes")
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
LIBRARY_DIRS = (
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/lib/aarch64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/lib64",
    "/usr/lib64",
    "/lib",
    "/usr/lib",
)
SHOWN = 20
RUNTIME = ("/dev", "/proc", "/sys")


def _keyed(config: Mapping[str, Any] | None, field: str) -> dict[str, str]:
    value = (config or {}).get(field) or {}
    if field == "Env":
        return {k: v for k, _, v in (item.partition("=") for item in value)}
    return {str(k): str(v) if v else "" for k, v in value.items()}


def _scalar(config: Mapping[str, Any] | None, field: str) -> Any:
    return (config or {}).get(field) or None


def _expand(value: str, env: Mapping[str, str]) -> str:
    pattern = re.compile(r"\$\{(\w+)\}|\$(\w+)")
    return pattern.sub(lambda m: env.get(m.group(1) or m.group(2), ""), value)


@dataclass(frozen=True)
class Bases:
    """The configs of the original's base image and of the rewrite's final base."""

    original: Mapping[str, Any] | None
    final: Mapping[str, Any] | None


def config(
    original: Mapping[str, Any],
    rewrite: Mapping[str, Any],
    *,
    bases: Bases,
    planned_env: Mapping[str, str],
) -> Check:
    """Same run-time config, except base and planned differences (listed as such)."""
    failures: list[str] = []
    planned: list[str] = []
    for field in SCALARS:
        o, r = _scalar(original, field), _scalar(rewrite, field)
        ob, fb = _scalar(bases.original, field), _scalar(bases.final, field)
        _judge(field, o, r, o == ob and r == fb, False, failures, planned)

    for field in KEYED:
        o_map, r_map = _keyed(original, field), _keyed(rewrite, field)
        ob_map, fb_map = _keyed(bases.original, field), _keyed(bases.final, field)
        for key in sorted(set(o_map) | set(r_map)):
            o, r = o_map.get(key), r_map.get(key)
            from_base = o == ob_map.get(key) and r == fb_map.get(key)
            intended = field == "Env" and _planned(key, r, planned_env, fb_map)
            _judge(f"{field} {key}", o, r, from_base, intended, failures, planned)

    if failures:
        return Check("config", "failed", "\n".join(failures + planned))
    notes = "\n".join(planned) or "identical"
    return Check("config", "passed", notes)


def _planned(
    key: str, value: str | None, plan: Mapping[str, str], base_env: Mapping[str, str]
) -> bool:
    if key not in plan or value is None:
        return False
    return value in (plan[key], _expand(plan[key], base_env))


def _judge(
    what: str,
    o: Any,
    r: Any,
    from_base: bool,
    intended: bool,
    failures: list[str],
    planned: list[str],
) -> None:
    if o == r:
        return
    change = f"{what}: {o!r} -> {r!r}"
    if intended:
        planned.append(f"{change} (planned by the rewrite)")
    elif from_base:
        planned.append(f"{change} (planned: comes from the final base image)")
    else:
        failures.append(change)


def command_of(config: Mapping[str, Any]) -> list[str]:
    return list(config.get("Entrypoint") or []) + list(config.get("Cmd") or [])


def _programs(argv: list[str]) -> list[str]:
    """The executable, and for `sh -c SCRIPT` also the script's first program."""
    programs = [argv[0]]
    if posixpath.basename(argv[0]) in ("sh", "bash") and argv[1:2] == ["-c"]:
        try:
            words = shlex.split(argv[2]) if len(argv) > 2 else []
        except ValueError:
            words = []
        words = [w for w in words if w != "exec" and "=" not in w]
        if words and not any(c in words[0] for c in "$;|&"):
            programs.append(words[0])
    return programs


def locate(tree: Tree, program: str, *, path: str, workdir: str) -> str | None:
    """Where the system would find `program`, as the shell's PATH search does."""
    if "/" in program:
        candidate = posixpath.join(workdir or "/", program)
        return candidate if tree.is_file(candidate) else None
    for folder in path.split(":"):
        candidate = posixpath.join(workdir or "/", folder or ".", program)
        if tree.is_file(candidate):
            return posixpath.normpath(candidate)
    return None


def closure(rewrite: Mapping[str, Any], tree: Tree, copied: tuple[str, ...]) -> Check:
    """The command, its interpreter, and the libraries of copied ELF files exist."""
    env = _keyed(rewrite, "Env")
    path, workdir = env.get("PATH", DEFAULT_PATH), rewrite.get("WorkingDir") or "/"
    problems: list[str] = []
    notes: list[str] = []
    argv = command_of(rewrite)
    for program in _programs(argv) if argv else []:
        found = locate(tree, program, path=path, workdir=workdir)
        if found is None:
            problems.append(f"the command's program {program!r} is not in the image")
            continue
        notes.append(f"{program} -> {found}")
        problems += _interpreter(tree, found, path=path, workdir=workdir)

    elves = [p for p in tree.elves if under(p, copied)]
    for elf_path in elves:
        problems += _libraries(tree, elf_path, env)
    problems += _dangling(tree, copied)

    notes.append(f"{len(elves)} copied ELF file(s) checked for NEEDED libraries")
    return Check(
        "closure",
        "failed" if problems else "passed",
        "\n".join(problems[: SHOWN * 2] + notes),
    )


def under(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def _interpreter(tree: Tree, program: str, *, path: str, workdir: str) -> list[str]:
    real = tree.resolve(program) or program
    head = tree.heads.get(real, b"")
    if head.startswith(b"#!"):
        words = head[2:].split(b"\n")[0].decode(errors="replace").split()
        if not words:
            return [f"{program} has an empty #! line"]
        wanted = words[0]
        if posixpath.basename(wanted) == "env" and len(words) > 1:
            wanted = next((w for w in words[1:] if not w.startswith("-")), wanted)
        if locate(tree, wanted, path=path, workdir=workdir) is None:
            return [
                f"{program} needs the interpreter {wanted!r}, absent from the image"
            ]
        return []
    info = tree.elves.get(real)
    if info and info.interpreter and not tree.exists(info.interpreter):
        return [f"{program} needs the loader {info.interpreter}, absent from the image"]
    return _libraries(tree, real, {}) if info else []


def library_dirs(tree: Tree, env: Mapping[str, str]) -> list[str]:
    configured = []
    for conf, head in sorted(tree.heads.items()):
        if conf.startswith("/etc/ld.so.conf"):
            text = head.decode(errors="replace")
            configured += [ln.strip() for ln in text.splitlines() if ln.startswith("/")]
    extra = [d for d in env.get("LD_LIBRARY_PATH", "").split(":") if d]
    return extra + configured + list(LIBRARY_DIRS)


def _libraries(tree: Tree, path: str, env: Mapping[str, str]) -> list[str]:
    info = tree.elves[path]
    origin = posixpath.dirname(path)
    own = [
        d.replace("$ORIGIN", origin).replace("${ORIGIN}", origin) for d in info.search
    ]
    folders = own + library_dirs(tree, env)
    missing = [
        name
        for name in info.needed
        if not any(tree.exists(posixpath.join(f, name)) for f in folders)
    ]
    loader = info.interpreter
    problems = [f"{path} needs {name}, not found in the image" for name in missing]
    if loader and not tree.exists(loader):
        problems.append(f"{path} needs the loader {loader}, absent from the image")
    return problems


def _dangling(tree: Tree, roots: tuple[str, ...]) -> list[str]:
    # A known shortcoming: a COPY into "/" cannot be told apart from the base
    # image's own files (slim bases ship dangling links to removed man pages),
    # so links copied into "/" are not checked.
    roots = tuple(r for r in roots if r != "/")
    links = [
        p
        for p, e in tree.entries.items()
        if e.kind == "symlink" and under(p, roots) and not _runtime(p, e.link)
    ]
    return [
        f"{p} is a symlink to {tree.entries[p].link}, which is not in the image"
        for p in sorted(links)
        if not tree.exists(p)
    ]


def _runtime(path: str, link: str | None) -> bool:
    """The engine's own mounts (/dev/fd -> /proc/self/fd) are not image content."""
    return under(path, RUNTIME) or under(link or "", RUNTIME)


def files(
    original: Tree,
    roots: tuple[str, ...],
    rewrite: Tree,
    *,
    left_behind: Callable[[str], bool] | None,
) -> Check:
    """Files the original has under the application's paths exist in the rewrite."""
    wanted = sorted({f for root in roots for f in original.files_under(root)})
    kept = [f for f in wanted if not (left_behind and left_behind(f))]
    missing = [f for f in kept if not rewrite.lexists(f)]
    where = ", ".join(roots) or "no application path"
    summary = f"{len(kept)} of {len(wanted)} file(s) under {where} compared"
    if not missing:
        return Check("files", "passed", summary + "; none missing")

    listing = "\n".join(missing[:SHOWN])
    more = f"\n... and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
    evidence = f"{summary}; {len(missing)} missing:\n{listing}{more}"
    if left_behind is None:
        reason = "no rewrite report says which build inputs are left behind on purpose"
        return Check("files", "not-applicable", f"{reason}; {evidence}")
    return Check("files", "failed", evidence)
