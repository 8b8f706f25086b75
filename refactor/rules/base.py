"""The rule protocol: how an ecosystem module claims the shell commands of a RUN.

The planner walks a stage in order. For every simple command of every RUN it
asks the registered rules (refactor/rules/__init__.py, first answer wins) for a
`Claim`: what the command is for and what the final stage then needs. A rule is
pure: it reads the command and the `StageState` (the stage so far, the final
command line, the build context) and returns a value; it never edits anything.

How the planner uses a claim:
- BUILD: the RUN stays in the builder; the final stage gets the claim's
  `artifacts` (and, with `keeps_app_folders`, every app folder as built).
- INSTALL: the RUN stays in the builder as written; `packages.runtime` are
  installed in the final stage by one synthesized RUN for the whole file.
- SETUP: run-time setup (useradd, mkdir, chown, ln): the builder keeps it and
  the final stage replays the command's exact text at the same place.
- NOISE: builder only, nothing carried (apt-get update, cache cleanup).
- UNSAFE: an effect the planner cannot place; the whole file is skipped with
  `why` as the reason.

Stable interface: the ecosystems rules implement it. Fields may be added with
defaults; none is renamed or removed without telling every rule's owner.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from refactor.plan.outcome import Artifact

if TYPE_CHECKING:
    from refactor.context import ContextView


class Role(enum.Enum):
    BUILD = "build"
    INSTALL = "install"
    SETUP = "setup"
    NOISE = "noise"
    UNSAFE = "unsafe"


class Command(Protocol):
    """What a rule reads of one simple command (refactor.syntax.shell.SimpleCommand).

    `arguments` are unquoted where literal, `text` is the exact source slice and
    `redirects` the targets of `>`/`>>`.
    """

    @property
    def name(self) -> str | None: ...
    @property
    def arguments(self) -> tuple[str, ...]: ...
    @property
    def assignments(self) -> tuple[str, ...]: ...
    @property
    def text(self) -> str: ...
    @property
    def redirects(self) -> tuple[str, ...]: ...


_VARIABLE = re.compile(r"\$(?:\{(\w+)(?::?[-+][^}]*)?\}|(\w+))")


@dataclass(frozen=True, kw_only=True)
class StageState:
    """The stage as the planner has walked it up to the command being claimed.

    `workdir` is the WORKDIR in force; `cwd` is that folder moved by any `cd`
    earlier in the same RUN. `app_folders` are the absolute folders the build
    context was copied into so far (COPY/ADD destinations that are folders, and
    WORKDIRs). `entry` is the argv the original image starts with (ENTRYPOINT
    then CMD, shell form as ("/bin/sh", "-c", text)), known before the walk.
    `context` is None when the build context was not given.
    """

    base: str
    workdir: str = "/"
    cwd: str = "/"
    env: Mapping[str, str] = field(default_factory=dict)
    args: Mapping[str, str] = field(default_factory=dict)
    user: str | None = None
    app_folders: tuple[str, ...] = ()
    entry: tuple[str, ...] = ()
    context: ContextView | None = None

    def expand(self, word: str) -> str:
        """`word` with `$NAME`/`${NAME}` replaced from ENV then ARG; unknown kept."""

        def value(match: re.Match[str]) -> str:
            name = match.group(1) or match.group(2)
            found = self.env.get(name, self.args.get(name))
            return match.group(0) if found is None else found

        return _VARIABLE.sub(value, word)

    def resolve(self, path: str) -> str:
        """An absolute, normalized path for `path` as the command sees it."""
        expanded = self.expand(path)
        return posixpath.normpath(posixpath.join(self.cwd, expanded))

    def in_app_folder(self, path: str) -> bool:
        absolute = self.resolve(path)
        return any(_is_under(absolute, folder) for folder in self.app_folders)


def _is_under(path: str, folder: str) -> bool:
    return folder == "/" or path == folder or path.startswith(folder.rstrip("/") + "/")


@dataclass(frozen=True)
class PackageInstall:
    """A system package install split in two; `manager` is apt, apk, dnf or yum."""

    manager: Literal["apt", "apk", "dnf", "yum", "microdnf", "zypper"]
    build: tuple[str, ...]
    runtime: tuple[str, ...]


@dataclass(frozen=True)
class Insertion:
    """One instruction the planner adds to the builder, once per file.

    `text` is a whole instruction line without newline (`RUN python -m venv
    /opt/venv`). `where` is "before": just before the RUN holding the claimed
    command; or "end": after the builder's last instruction, run in `workdir`
    (for `npm prune --omit=dev` after the build). Equal insertions are made once.
    """

    text: str
    where: Literal["before", "end"] = "before"
    workdir: str | None = None


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A rule's answer for one command; every field but `ecosystem`/`role` optional.

    `replacement`: the text the builder runs instead of `command.text` (for
    `pip install --user` inside a virtualenv, `CGO_ENABLED=0 go build`); None
    keeps the command as written. `final_env`: ENV the final stage sets at the
    place of the command, also reported as planned differences. `left_behind`:
    absolute globs of build inputs the final image deliberately lacks.
    `needs_shell` / `static_binary`: what the final base must offer (None: no
    opinion). `inputs`: absolute paths the command reads as pure build inputs, so
    a COPY to them need not reach the final stage. `shell_free`: for a SETUP
    command, the files copied from the builder that stand in for replaying it
    when the final base has no shell (`useradd` -> /etc/passwd and /etc/group).
    """

    ecosystem: str
    role: Role
    why: str = ""
    packages: PackageInstall | None = None
    artifacts: tuple[Artifact, ...] = ()
    keeps_app_folders: bool = False
    insertions: tuple[Insertion, ...] = ()
    replacement: str | None = None
    final_env: tuple[tuple[str, str], ...] = ()
    left_behind: tuple[str, ...] = ()
    needs_shell: bool | None = None
    static_binary: bool | None = None
    inputs: tuple[str, ...] = ()
    shell_free: tuple[Artifact, ...] = ()


class Rule(Protocol):
    """One ecosystem module; `claim` returns None for a command it does not know."""

    ecosystem: str

    def claim(self, command: Command, state: StageState) -> Claim | None: ...


def program(command: Command) -> str | None:
    """The command's program name without its folder (`/usr/bin/pip3` -> `pip3`)."""
    return posixpath.basename(command.name) if command.name else None


def options(arguments: tuple[str, ...]) -> tuple[str, ...]:
    """The words that start with `-`, as written."""
    return tuple(word for word in arguments if word.startswith("-"))


def operands(arguments: tuple[str, ...]) -> tuple[str, ...]:
    """The words that do not start with `-` (values of options included)."""
    return tuple(word for word in arguments if not word.startswith("-"))
