"""Which final base the plan takes, from the policy and what the stage needs.

A final stage needs a shell when it installs packages, replays setup commands
or starts its program through a shell; otherwise a shell-less base (distroless)
will do. Account setup alone can be met without a shell, by copying the
builder's account files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from refactor.analysis.walk import Walk
from refactor.plan import bases
from refactor.plan.facts import Facts
from refactor.plan.outcome import RewriteSettings
from refactor.rules.base import Claim, Role
from refactor.syntax.model import Stage


def known_base(
    base: str, settings: RewriteSettings, global_args: Mapping[str, str]
) -> bool:
    """Whether any final base is known for `base`, before the walk says which."""
    candidates = [base, bases.substitute(base, global_args) or base]
    return any(
        bases.final_base_for(
            candidate,
            needs_shell=needs_shell,
            static_binary=False,
            base_map=settings.base_map,
        )
        for candidate in candidates
        for needs_shell in (True, False)
    )


def final_base(
    stage: Stage,
    walked: Walk,
    facts: Facts,
    settings: RewriteSettings,
    global_args: Mapping[str, str],
) -> tuple[str | None, bool]:
    """The final base, and whether setup commands are replaced by copies.

    When the only thing that needs a shell is account setup (`useradd`), a
    shell-less base (distroless) is taken and the builder's account files are
    copied instead, as an expert does."""
    claims = [c.claim for c in facts.claims if c.claim]
    static = [c.static_binary for c in claims if c.static_binary is not None]
    static_binary = bool(static) and all(static)

    def choose(needs_shell: bool) -> str | None:
        for base in (stage.base, bases.substitute(stage.base, global_args)):
            chosen = base and bases.final_base_for(
                base,
                needs_shell=needs_shell,
                static_binary=static_binary,
                base_map=settings.base_map,
            )
            if chosen:
                return chosen
        return None

    strict = choose(_needs_shell(claims, facts, walked))
    rest = [c for c in claims if not c.shell_free]
    if len(rest) < len(claims) and not _needs_shell(rest, facts, walked):
        relaxed = choose(False)
        if relaxed is not None and relaxed != strict:
            return relaxed, True
    return strict, False


def _needs_shell(claims: list[Claim], facts: Facts, walked: Walk) -> bool:
    return (
        bool(facts.runtime_packages)
        or any(c.needs_shell for c in claims)
        or any(c.role is Role.SETUP for c in claims)
        or _shell_form_in_final(walked)
    )


def with_shell_free_copies(facts: Facts) -> Facts:
    """The facts with the stand-in copies of shell-free setup added, once each."""
    added = [
        artifact
        for claimed in facts.claims
        if claimed.claim
        for artifact in claimed.claim.shell_free
    ]
    unique = tuple(dict.fromkeys(added))
    return replace(facts, artifacts=facts.artifacts + unique)


def _shell_form_in_final(walked: Walk) -> bool:
    for step in walked.steps:
        instruction = step.instruction
        if (
            instruction.keyword in ("CMD", "ENTRYPOINT")
            and instruction.exec_form is None
        ):
            return True
        if instruction.keyword == "HEALTHCHECK" and instruction.exec_form is None:
            return instruction.value.strip().upper() != "NONE"
    return False
