"""Walk one stage in order, keeping its state, and ask the rules about each command.

The walk decides nothing about the new file: it records, for every
instruction, where it belongs by its keyword, the stage state before it, and
for a RUN the claim each simple command got. The planner reads the whole walk.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from refactor import rules
from refactor.analysis.words import arg_declarations, assignments, expand, split_words
from refactor.context import ContextView
from refactor.rules.base import Claim, Command, Role, StageState
from refactor.syntax import shell
from refactor.syntax.model import Instruction, Stage

BOTH = frozenset({"ENV", "ARG", "WORKDIR", "USER", "SHELL"})
FINAL = frozenset(
    {
        "CMD",
        "ENTRYPOINT",
        "EXPOSE",
        "LABEL",
        "VOLUME",
        "HEALTHCHECK",
        "STOPSIGNAL",
        "ONBUILD",
        "MAINTAINER",
    }
)
INPUTS = frozenset({"COPY", "ADD"})
SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh"})


class Placement(enum.Enum):
    BOTH = "both"
    FINAL = "final"
    INPUT = "input"
    RUN = "run"


@dataclass(frozen=True)
class ClaimedCommand:
    command: Command
    claim: Claim | None
    state: StageState


@dataclass(frozen=True)
class Step:
    """One instruction; `state` is the stage before it runs."""

    instruction: Instruction
    placement: Placement
    state: StageState
    commands: tuple[ClaimedCommand, ...] = ()
    destination: str | None = None
    to_folder: bool = False


@dataclass(frozen=True)
class Walk:
    steps: tuple[Step, ...]
    app_folders: tuple[str, ...]
    removed: frozenset[str]
    final_state: StageState


def walk(
    stage: Stage,
    *,
    global_args: Mapping[str, str],
    context: ContextView | None,
) -> Walk:
    state = StageState(
        base=stage.base,
        args={},
        env={},
        entry=entry_argv(stage.instructions),
        context=context,
    )
    steps = []
    removed: set[str] = set()
    for instruction in stage.instructions:
        step = _step(instruction, state)
        steps.append(step)
        removed |= _removed_folders(step)
        state = _after(step, state, global_args)
    return Walk(tuple(steps), state.app_folders, frozenset(removed), state)


def _step(instruction: Instruction, state: StageState) -> Step:
    keyword = instruction.keyword
    if keyword in INPUTS:
        destination, to_folder = copy_destination(instruction, state)
        return Step(instruction, Placement.INPUT, state, (), destination, to_folder)
    if keyword == "RUN":
        return Step(instruction, Placement.RUN, state, _claims(instruction, state))
    if keyword in BOTH:
        return Step(instruction, Placement.BOTH, state)
    return Step(instruction, Placement.FINAL, state)


def _claims(instruction: Instruction, state: StageState) -> tuple[ClaimedCommand, ...]:
    claimed = []
    scripts = shell.run_scripts(instruction)
    fed = bool(instruction.heredocs) and len(scripts) > 1
    for index, script in enumerate(scripts):
        current = replace(state, cwd=state.workdir)
        for command in _flattened(_with_redirects(shell.commands(script), script)):
            if command.name == "cd":
                current = replace(current, cwd=_cd(command, current))
            claim: Claim | None
            if fed and index == 0 and _bare_shell(command):
                # The heredoc bodies it reads are walked as scripts of their own.
                claim = Claim(
                    ecosystem="shell", role=Role.NOISE, why="reads the heredoc"
                )
            else:
                claim = rules.claim(command, current)
            claimed.append(ClaimedCommand(command, claim, current))
    return tuple(claimed)


_TRAILING_REDIRECT = re.compile(r"\s*\d?>>?\|?\s*([^\s;&|<>()]+)")


def _with_redirects(
    commands: tuple[shell.SimpleCommand, ...], script: str
) -> tuple[shell.SimpleCommand, ...]:
    """The commands, each with the `> file` written right after it.

    tree-sitter-bash hangs the redirect of the last command of an `&&` list on
    the whole list, so the shell reader reports it for no command; a write
    under /etc would then go unseen.
    """
    fixed = []
    for command in commands:
        match = _TRAILING_REDIRECT.match(script, command.end)
        target = match.group(1) if match else None
        if target and target not in command.redirects and not target.startswith("&"):
            redirects = (*command.redirects, target.strip("'\""))
            text = script[command.start : match.end()] if match else command.text
            command = replace(command, redirects=redirects, text=text)
        fixed.append(command)
    return tuple(fixed)


def _flattened(commands: tuple[Command, ...]) -> list[Command]:
    """The commands with each `sh -c 'script'` replaced by the script's commands."""
    found: list[Command] = []
    for command in commands:
        script = _inline_script(command) or _elevated(command)
        if script is None:
            found.append(command)
        else:
            found.extend(_flattened(shell.commands(script)))
    return found


def _elevated(command: Command) -> str | None:
    """The command `sudo` runs (a build runs as root, so sudo changes nothing)."""
    if command.name != "sudo" or not command.text.startswith("sudo "):
        return None
    rest = command.text[len("sudo ") :].lstrip()
    while rest.startswith("-"):
        rest = rest.partition(" ")[2].lstrip()
    return rest or None


def _inline_script(command: Command) -> str | None:
    if posixpath.basename(command.name or "") not in SHELLS:
        return None
    words = command.arguments
    for index, word in enumerate(words[:-1]):
        if word.startswith("-") and "c" in word and not word.startswith("--"):
            return words[index + 1]
    return None


def _bare_shell(command: Command) -> bool:
    name = posixpath.basename(command.name or "")
    return name in SHELLS and all(w.startswith("-") for w in command.arguments)


def _cd(command: Command, state: StageState) -> str:
    target = command.arguments[0] if command.arguments else ""
    if not target or target.startswith("-") or "$(" in target:
        return state.cwd
    return state.resolve(target)


def _removed_folders(step: Step) -> set[str]:
    """App folders a `rm -r` in this step deletes (they no longer exist to copy)."""
    removed = set()
    for claimed in step.commands:
        command = claimed.command
        if command.name != "rm" or not any("r" in o for o in _short_options(command)):
            continue
        for word in command.arguments:
            if not word.startswith("-"):
                path = claimed.state.resolve(word)
                if path in step.state.app_folders:
                    removed.add(path)
    return removed


def _short_options(command: Command) -> tuple[str, ...]:
    return tuple(w.lower() for w in command.arguments if w.startswith("-"))


def _after(step: Step, state: StageState, global_args: Mapping[str, str]) -> StageState:
    """The stage state once `step` has run."""
    instruction = step.instruction
    values = {**state.args, **state.env}
    keyword = instruction.keyword
    if keyword == "ENV":
        added = dict(assignments(instruction.value, values))
        return replace(state, env={**state.env, **added})
    if keyword == "ARG":
        declared = dict(state.args)
        for name, default in arg_declarations(instruction.value):
            value = (
                global_args.get(name) if default is None else expand(default, values)
            )
            if value is not None:
                declared[name] = value
        return replace(state, args=declared)
    if keyword == "WORKDIR":
        folder = posixpath.join(
            state.workdir, expand(instruction.value.strip(), values)
        )
        folder = posixpath.normpath(folder)
        return replace(state, workdir=folder, cwd=folder)
    if keyword == "USER":
        user = expand(instruction.value.strip(), values).split(":")[0]
        return replace(state, user=user)
    if keyword in INPUTS and step.destination:
        return replace(state, app_folders=_with_app_folder(state, step))
    return state


def _with_app_folder(state: StageState, step: Step) -> tuple[str, ...]:
    """The app folders once a COPY lands: its folder, and the WORKDIR it lands in."""
    destination = step.destination or "/"
    found = [destination] if step.to_folder else []
    inside = destination.startswith(state.workdir.rstrip("/") + "/")
    if state.workdir != "/" and (inside or destination == state.workdir):
        found.append(state.workdir)
    return tuple(dict.fromkeys((*state.app_folders, *found)))


def copy_destination(instruction: Instruction, state: StageState) -> tuple[str, bool]:
    """The absolute destination of a COPY/ADD and whether it names a folder."""
    values = {**state.args, **state.env}
    words = instruction.exec_form or split_words(instruction.value, values)
    words = tuple(expand(w, values) for w in words)
    if instruction.heredocs:
        names = {h.delimiter for h in instruction.heredocs}
        words = tuple(w for w in words if w.lstrip("<-") not in names) or words
    destination = words[-1] if words else "."
    sources = words[:-1]
    absolute = posixpath.normpath(posixpath.join(state.workdir, destination))
    if absolute == "/" and not any(s in (".", "./") for s in sources):
        # Files dropped into / do not make the whole file system the app.
        return absolute, False
    return absolute, _names_folder(destination, sources, state.context)


def _names_folder(
    destination: str, sources: tuple[str, ...], context: ContextView | None
) -> bool:
    if destination.endswith("/") or destination in (".", "./") or len(sources) > 1:
        return True
    source = sources[0] if sources else ""
    if any(char in source for char in "*?[") or source in (".", "./"):
        return True
    if source.endswith("/"):
        return True
    if context is not None:
        prefix = posixpath.normpath(source).lstrip("/") + "/"
        return any(name.startswith(prefix) for name in context.files())
    return "." not in posixpath.basename(source)


def entry_argv(instructions: tuple[Instruction, ...]) -> tuple[str, ...]:
    """ENTRYPOINT then CMD as the image would start them (the last of each wins)."""
    entrypoint: tuple[str, ...] = ()
    command: tuple[str, ...] = ()
    for instruction in instructions:
        if instruction.keyword == "ENTRYPOINT":
            entrypoint = _argv(instruction)
        elif instruction.keyword == "CMD":
            command = _argv(instruction)
    if entrypoint and entrypoint[:2] == ("/bin/sh", "-c"):
        return entrypoint
    return entrypoint + command


def _argv(instruction: Instruction) -> tuple[str, ...]:
    if instruction.exec_form is not None:
        return instruction.exec_form
    return ("/bin/sh", "-c", instruction.value)
