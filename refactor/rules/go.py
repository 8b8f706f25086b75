"""Go: `go build` and `go install` make one binary each; the sources stay behind.

A program that does not use cgo is built with CGO_ENABLED=0 so it needs no
libc and runs on a distroless static base; one that imports "C" (or asks for
CGO_ENABLED=1 or -race) keeps cgo and needs a glibc base. A built binary keeps
its path; one `go install` put in GOPATH/bin moves onto the final PATH unless
the entry names it there.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from refactor.plan.bases import parse_image
from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Command, Role, StageState, program
from refactor.rules.binaries import (
    context_files_under,
    context_paths,
    entry_program_name,
    installed_binary,
    read_context,
)

ECOSYSTEM = "go"

_VALUED = frozenset(
    {
        "-o", "-p", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-modfile",
        "-buildmode", "-compiler", "-gccgoflags", "-installsuffix", "-pkgdir",
        "-overlay", "-pgo", "-C", "-covermode", "-coverpkg", "-toolexec", "-run",
        "-exec", "-bench", "-timeout", "-count",
    }
)  # fmt: skip
# Pre-module dependency managers: they fill vendor/ or GOPATH for the build.
_DEPENDENCY_TOOLS = frozenset({"godep", "glide", "dep", "govendor", "gvt"})
_NEEDS_CGO = frozenset({"-race", "-msan", "-asan"})
# Subcommands that read the sources or fetch modules, for the builder alone.
_BUILDER_ONLY = frozenset(
    {"mod", "test", "vet", "get", "env", "version", "fmt", "generate", "list", "clean"}
)
_IMPORTS_C = re.compile(r'^\s*(?:import\s+)?"C"\s*(?://.*)?$', re.MULTILINE)
_MAIN = re.compile(r"^package\s+main\b", re.MULTILINE)


@dataclass(frozen=True)
class GoCommand:
    verb: str
    flags: dict[str, str]
    packages: tuple[str, ...]


def parse(command: Command) -> GoCommand | None:
    """The subcommand, its flags (`--x` spelled `-x`) and its package operands."""
    words = list(command.arguments)
    if not words or words[0].startswith("-"):
        return None
    flags: dict[str, str] = {}
    packages = []
    index = 1
    while index < len(words):
        word = words[index]
        if word.startswith("-"):
            name, equals, value = word.removeprefix("-").partition("=")
            name = "-" + name.lstrip("-")
            if not equals and name in _VALUED and index + 1 < len(words):
                index += 1
                value = words[index]
            flags[name] = value
        else:
            packages.append(word)
        index += 1
    return GoCommand(words[0], flags, tuple(packages))


class GoRule:
    ecosystem = ECOSYSTEM

    def claim(self, command: Command, state: StageState) -> Claim | None:
        name = program(command)
        if name in _DEPENDENCY_TOOLS:
            why = f"{name} fetches dependencies for the build"
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why)
        if name == "go-wrapper":
            return _go_wrapper(command, state)
        if name != "go":
            return None
        parsed = parse(command)
        if parsed is None:
            return None
        if parsed.verb in _BUILDER_ONLY:
            why = f"go {parsed.verb} reads the sources or fetches modules"
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why)
        if parsed.verb not in ("build", "install"):
            return None
        return _build(command, parsed, state)


def _go_wrapper(command: Command, state: StageState) -> Claim | None:
    """The old golang images' helper: `download` fetches, `install` is `go install`
    of the current folder."""
    verb = command.arguments[0] if command.arguments else ""
    if verb == "download":
        why = "go-wrapper download fetches dependencies"
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why)
    if verb != "install":
        return None
    return _build(command, GoCommand("install", {}, (".",)), state)


def _build(command: Command, parsed: GoCommand, state: StageState) -> Claim:
    folder = state.resolve(parsed.flags["-C"]) if "-C" in parsed.flags else state.cwd
    cgo = _uses_cgo(command, parsed, state, folder)
    why = f"built by go {parsed.verb}"
    if parsed.verb == "build":
        artifacts = _built(parsed, state, folder, why)
    else:
        artifacts = _installed(parsed, state, folder, why)
    replacement = None if cgo is not None else f"CGO_ENABLED=0 {command.text}"
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=artifacts,
        replacement=replacement,
        static_binary=not cgo,
        left_behind=(f"{folder.rstrip('/')}/**/*.go",),
    )


def _uses_cgo(
    command: Command, parsed: GoCommand, state: StageState, folder: str
) -> bool | None:
    """True or False when the Dockerfile decides; None when it is ours to set.

    None also covers a program that imports "C" nowhere in the context: it is
    then built with CGO_ENABLED=0 on purpose.
    """
    assigned = dict(a.partition("=")[::2] for a in command.assignments)
    setting = assigned.get("CGO_ENABLED", state.env.get("CGO_ENABLED"))
    if setting is not None:
        return setting.strip() != "0"
    if _NEEDS_CGO & parsed.flags.keys() or _imports_c(state, folder):
        return True
    return None


def _imports_c(state: StageState, folder: str) -> bool:
    for relative in context_files_under(state, folder):
        if relative.endswith(".go") and state.context is not None:
            text = state.context.read_text(relative) or ""
            if _IMPORTS_C.search(text):
                return True
    return False


def _built(
    parsed: GoCommand, state: StageState, folder: str, why: str
) -> tuple[Artifact, ...]:
    output = parsed.flags.get("-o")
    packages = parsed.packages or (".",)
    many = len(packages) > 1 or any("..." in p for p in packages)
    if output is not None:
        path = posixpath.normpath(posixpath.join(folder, state.expand(output)))
        if output.endswith("/") or many:
            return tuple(
                Artifact(posixpath.join(path, name), posixpath.join(path, name), why)
                for name in _main_names(packages, state, folder)
            ) or (Artifact(path, path, why),)
        return (Artifact(path, path, why),)
    if many:
        # Go discards the results of building several packages without -o.
        return ()
    name = _binary_name(packages[0], state, folder)
    path = posixpath.join(folder, name)
    return (Artifact(path, path, why),)


def _installed(
    parsed: GoCommand, state: StageState, folder: str, why: str
) -> tuple[Artifact, ...]:
    bin_folder = state.env.get("GOBIN") or posixpath.join(_gopath(state), "bin")
    names = _main_names(parsed.packages or (".",), state, folder)
    names = names or entry_program_name(state)
    return tuple(
        installed_binary(state, posixpath.join(bin_folder, name), name, why)
        for name in names
    )


def _gopath(state: StageState) -> str:
    if "GOPATH" in state.env:
        return state.expand(state.env["GOPATH"]).split(":")[0]
    # The official images set GOPATH=/go; elsewhere Go defaults to ~/go.
    if parse_image(state.base).name == "golang":
        return "/go"
    home = "/root" if state.user in (None, "", "root", "0") else f"/home/{state.user}"
    return state.env.get("HOME", home) + "/go"


def _main_names(
    packages: tuple[str, ...], state: StageState, folder: str
) -> tuple[str, ...]:
    """Binary names for package patterns; `./...` means every main package."""
    names: list[str] = []
    for package in packages:
        if "..." not in package:
            names.append(_binary_name(package, state, folder))
            continue
        base = posixpath.normpath(posixpath.join(folder, package.split("...")[0]))
        for directory in _main_folders(state, base):
            names.append(_binary_name(directory, state, folder))
    return tuple(dict.fromkeys(names))


def _main_folders(state: StageState, base: str) -> tuple[str, ...]:
    """Absolute folders under `base` with a `package main` file in the context."""
    found = []
    for relative in context_files_under(state, base):
        if relative.endswith(".go") and not relative.endswith("_test.go"):
            text = state.context.read_text(relative) if state.context else None
            if text and _MAIN.search(text):
                inside = _tail(relative, base, state)
                found.append(posixpath.dirname(posixpath.join(base, inside)))
    return tuple(dict.fromkeys(found))


def _tail(relative: str, base: str, state: StageState) -> str:
    """`relative` (context path of a file under `base`) as a path inside `base`."""
    for prefix in context_paths(state, base):
        if not prefix:
            return relative
        if relative.startswith(prefix.rstrip("/") + "/"):
            return relative[len(prefix.rstrip("/")) + 1 :]
    return relative


def _binary_name(package: str, state: StageState, folder: str) -> str:
    """Go's rule: the last element of the import path, a major version skipped."""
    package = package.split("@")[0]
    if package.endswith(".go"):
        return posixpath.basename(package).removesuffix(".go")
    if package.startswith((".", "/")):
        directory = posixpath.normpath(posixpath.join(folder, package))
        module = _module_path(state, directory)
        package = module if module else directory
    elements = [e for e in package.rstrip("/").split("/") if e]
    if len(elements) > 1 and re.fullmatch(r"v\d+", elements[-1]):
        elements.pop()
    return elements[-1] if elements else "main"


def _module_path(state: StageState, directory: str) -> str | None:
    """The import path of `directory` from the nearest go.mod above it."""
    current = directory
    while True:
        text = read_context(state, posixpath.join(current, "go.mod"))
        if text is not None:
            match = re.search(r"^module\s+(\S+)", text, re.MULTILINE)
            if match is None:
                return None
            inside = posixpath.relpath(directory, current)
            return match.group(1) + ("" if inside == "." else "/" + inside)
        if current == "/":
            return None
        current = posixpath.dirname(current)


RULE = GoRule()
