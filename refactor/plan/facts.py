"""What the walk of a stage adds up to: the facts the two new stages are built from.

Refusals come first: a command no rule knows, or one a rule calls unsafe, stops
the rewrite with that command named; a stage with no build step has nothing to
split. Then the facts: which folders and artifacts reach the final stage, which
packages it installs, which ENV it gains, what it deliberately lacks.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from refactor.analysis.walk import ClaimedCommand, Placement, Step, Walk
from refactor.plan.outcome import Artifact, Skipped
from refactor.rules.base import Claim, Role, StageState

LOOKED_FOR = (
    "no build step found: looked for pip, poetry and pipenv installs, npm, yarn and "
    "pnpm installs and builds, go build, cargo, javac, Maven and Gradle, make, "
    "cmake and compiler calls"
)
ROOT_USERS = (None, "", "root", "0")
T = TypeVar("T")


@dataclass(frozen=True)
class Facts:
    claims: tuple[ClaimedCommand, ...]
    copied_folders: tuple[str, ...]
    artifacts: tuple[Artifact, ...]
    owners: dict[str, str]
    runtime_packages: tuple[str, ...]
    manager: str | None
    final_env: tuple[tuple[str, str], ...]
    inputs: frozenset[str]
    left_behind: tuple[str, ...]
    app_folders: tuple[str, ...]

    def under_app_folder(self, path: str) -> bool:
        return any(_is_under(path, folder) for folder in self.app_folders)


def refusal(walked: Walk) -> Skipped | None:
    """The reason not to rewrite this stage, or None."""
    claims = [c for step in walked.steps for c in step.commands]
    if all(c.claim is not None or c.command.name is None for c in claims) and not any(
        _builds_something(c.claim) for c in claims
    ):
        return Skipped("no-build-step", LOOKED_FOR)
    for claimed in claims:
        claim = claimed.claim
        if claim is None and claimed.command.name is not None:
            reason = (
                f"`{_short(claimed.command.text)}`: no rule knows this command, so its "
                "effect outside the application folders cannot be placed"
            )
            return Skipped("unsafe-step", reason)
        if claim is not None and claim.role is Role.UNSAFE:
            why = claim.why or "its effect cannot be placed in either stage"
            return Skipped("unsafe-step", f"`{_short(claimed.command.text)}`: {why}")
    if not any(_builds_something(c.claim) for c in claims):
        return Skipped("no-build-step", LOOKED_FOR)
    if "/" in _interpreted_folders(walked, claims):
        reason = (
            "the build context is copied to /, so no application folder can be moved"
        )
        return Skipped("unsafe-step", reason)
    return None


def _builds_something(claim: Claim | None) -> bool:
    return claim is not None and (claim.role is Role.BUILD or claim.keeps_app_folders)


def gather(walked: Walk) -> Facts:
    claims = tuple(c for step in walked.steps for c in step.commands if c.claim)
    folders = _interpreted_folders(walked, list(claims))
    artifacts, owners = _artifacts(claims, folders)
    packages = [c.claim.packages for c in claims if c.claim and c.claim.packages]
    inputs = frozenset(path for c in claims if c.claim for path in c.claim.inputs)
    app_folders = _top_folders(walked.app_folders)
    return Facts(
        claims=claims,
        copied_folders=folders,
        artifacts=artifacts,
        owners=owners,
        runtime_packages=_unique(name for p in packages for name in p.runtime),
        manager=packages[0].manager if packages else None,
        final_env=_unique(pair for c in claims for pair in _claim(c).final_env),
        inputs=inputs,
        left_behind=_left_behind(claims, app_folders, folders),
        app_folders=app_folders,
    )


def goes_to_final(step: Step, facts: Facts) -> bool:
    """A COPY/ADD the final stage repeats from the context as written."""
    if step.placement is not Placement.INPUT or step.destination is None:
        return False
    if step.to_folder or facts.under_app_folder(step.destination):
        return False
    return step.destination not in facts.inputs


def builds(step: Step, facts: Facts) -> bool:
    """A step that only the builder runs: its results arrive through artifacts."""
    if step.placement is Placement.INPUT:
        return not goes_to_final(step, facts)
    roles = {c.claim.role for c in step.commands if c.claim}
    return bool(roles & {Role.BUILD, Role.INSTALL})


def _claim(claimed: ClaimedCommand) -> Claim:
    """The claim of a command gather kept (only claimed commands are kept)."""
    return claimed.claim or Claim(ecosystem="", role=Role.NOISE)


def _interpreted_folders(walked: Walk, claims: list[ClaimedCommand]) -> tuple[str, ...]:
    if not any(c.claim and c.claim.keeps_app_folders for c in claims):
        return ()
    kept = [f for f in walked.app_folders if f not in walked.removed]
    kept = [f for f in kept if not any(_is_under(f, r) for r in walked.removed)]
    return _top_folders(tuple(kept))


def _artifacts(
    claims: tuple[ClaimedCommand, ...], folders: tuple[str, ...]
) -> tuple[tuple[Artifact, ...], dict[str, str]]:
    found: dict[str, Artifact] = {}
    owners: dict[str, str] = {}
    placed = _placed_elsewhere(claims)
    for claimed in claims:
        for artifact in map(_normalized, _claim(claimed).artifacts):
            if any(_is_under(artifact.source, f) for f in folders):
                continue
            if artifact.source in placed:
                continue
            found.setdefault(artifact.source, artifact)
            if claimed.state.user not in ROOT_USERS:
                owners.setdefault(artifact.source, _owner(claimed.state))
    for folder in folders:
        found.setdefault(folder, Artifact(folder, folder, "the application folder"))
    return tuple(found.values()), owners


def _placed_elsewhere(claims: tuple[ClaimedCommand, ...]) -> frozenset[str]:
    """Build outputs a later `mv` moved, or `cp`/`install` put where the program
    is started from: the copy is the artifact, the original is not needed."""
    entry = " ".join(claims[0].state.entry) if claims else ""
    found = set()
    for claimed in claims:
        name = posixpath.basename(claimed.command.name or "")
        for source in _claim(claimed).inputs if name in ("mv", "cp", "install") else ():
            relative = posixpath.relpath(source, claimed.state.workdir)
            if name == "mv" or (source not in entry and relative not in entry):
                found.add(source)
    return frozenset(found)


def _normalized(artifact: Artifact) -> Artifact:
    """POSIX keeps a leading `//`; a Dockerfile path never needs it."""
    source = "/" + posixpath.normpath(artifact.source).lstrip("/")
    target = "/" + posixpath.normpath(artifact.target).lstrip("/")
    return Artifact(source, target, artifact.why)


def _owner(state: StageState) -> str:
    return state.user or "root"


def _left_behind(
    claims: tuple[ClaimedCommand, ...],
    app_folders: tuple[str, ...],
    copied: tuple[str, ...],
) -> tuple[str, ...]:
    globs = [g for c in claims for g in _claim(c).left_behind]
    for folder in app_folders:
        if folder not in copied and folder != "/":
            globs.append(folder.rstrip("/") + "/**")
    return _unique(globs)


def _top_folders(folders: tuple[str, ...]) -> tuple[str, ...]:
    """The folders not inside another one, in first-seen order."""
    unique = _unique(folders)
    return tuple(
        f for f in unique if not any(o != f and _is_under(f, o) for o in unique)
    )


def _is_under(path: str, folder: str) -> bool:
    return folder == "/" or path == folder or path.startswith(folder.rstrip("/") + "/")


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."
