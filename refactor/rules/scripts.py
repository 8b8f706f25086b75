"""A build script in the context (`./build.sh`, `sh build.sh`), read as its commands.

The script is parsed like a RUN and each command is claimed by the registry in
the script's own folder. The whole call is one build step when every command
in it is understood and stays inside the application folders; anything else
makes the call unsafe, with the command that did it named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Command, Role, StageState, program
from refactor.rules.binaries import read_context
from refactor.syntax import shell

SHELLS = frozenset({"sh", "bash", "dash"})
# Setup commands that are build work when they only touch the app folders.
_LOCAL_SETUP = frozenset({"mkdir", "ln"})


def script_path(command: Command, state: StageState) -> str | None:
    """The absolute path of the script a command runs, or None."""
    name = command.name or ""
    words = command.arguments
    if program(command) in SHELLS:
        operands = [w for w in words if not w.startswith("-")]
        if not operands or any(w in ("-c", "-s") for w in words):
            return None
        return state.resolve(operands[0])
    if "/" in name and name.endswith(".sh"):
        return state.resolve(name)
    return None


def claim_script(
    command: Command, state: StageState, ecosystem: str, tools: frozenset[str]
) -> Claim | None:
    """A claim for a script whose commands include one of `tools`, else None."""
    path = script_path(command, state)
    text = read_context(state, path) if path else None
    if text is None:
        return None
    try:
        inner = shell.commands(text)
    except Exception:  # an unparsable script is simply not ours to claim
        return None
    if not any(program(c) in tools for c in inner):
        return None
    return _merged(inner, state, ecosystem, f"the build script {command.text}")


def _merged(
    inner: tuple[shell.SimpleCommand, ...], state: StageState, ecosystem: str, what: str
) -> Claim:
    from refactor import rules

    current = state
    claims = []
    for command in inner:
        if command.name == "cd" and command.arguments:
            current = replace(current, cwd=current.resolve(command.arguments[0]))
            continue
        claim = rules.claim(command, current)
        problem = _problem(command, claim, current)
        if problem is not None:
            why = f"{what} runs `{command.text}`, which {problem}"
            return Claim(ecosystem=ecosystem, role=Role.UNSAFE, why=why)
        claims.append(claim)
    return _combined(claims, ecosystem, what)


def _problem(command: Command, claim: Claim | None, state: StageState) -> str | None:
    if claim is None:
        return "no rule knows"
    if claim.role is Role.UNSAFE:
        return claim.why or "cannot be placed"
    if claim.role is Role.INSTALL:
        return "installs system packages"
    if claim.replacement is not None or claim.insertions:
        return "the rewrite would have to change inside the script"
    if claim.role is Role.SETUP:
        operands = [w for w in command.arguments if not w.startswith("-")]
        local = program(command) in _LOCAL_SETUP and all(
            state.in_app_folder(w) for w in operands
        )
        return None if local else "changes the image outside the application folders"
    return None


def _by_source(artifacts: Iterable[Artifact]) -> list[Artifact]:
    """The first artifact for each source path (two commands may name one file)."""
    found: dict[str, Artifact] = {}
    for artifact in artifacts:
        found.setdefault(artifact.source, artifact)
    return list(found.values())


def _combined(claims: list[Claim | None], ecosystem: str, what: str) -> Claim:
    found = [c for c in claims if c is not None]
    static = [c.static_binary for c in found if c.static_binary is not None]
    return Claim(
        ecosystem=ecosystem,
        role=Role.BUILD,
        why=f"{what} builds",
        artifacts=tuple(_by_source(a for c in found for a in c.artifacts)),
        keeps_app_folders=any(c.keeps_app_folders for c in found),
        left_behind=tuple(dict.fromkeys(g for c in found for g in c.left_behind)),
        static_binary=all(static) if static else None,
        needs_shell=True if any(c.needs_shell for c in found) else None,
        inputs=tuple(dict.fromkeys(p for c in found for p in c.inputs)),
    )
