"""Ask a rule about one command, as the walk would inside an app folder."""

from __future__ import annotations

from refactor.context import ContextView
from refactor.rules.base import Claim, Rule, StageState
from refactor.syntax.shell import commands


def claim_in_app(
    rule: Rule,
    text: str,
    *,
    base: str,
    app: str = "/app",
    entry: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    user: str | None = None,
    context: ContextView | None = None,
    which: int | None = None,
) -> Claim | None:
    """`rule`'s claim on command `which` of `text` (None: `text` must hold exactly
    one command), run in `app`, the WORKDIR and the one folder the build context
    was copied into."""
    state = StageState(
        base=base,
        workdir=app,
        cwd=app,
        app_folders=(app,),
        entry=entry,
        env=env or {},
        user=user,
        context=context,
    )
    found = commands(text)
    if which is None:
        (command,) = found
    else:
        command = found[which]
    return rule.claim(command, state)
