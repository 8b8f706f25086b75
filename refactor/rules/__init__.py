"""The registry: every ecosystem rule, asked in this order, first claim wins.

Each module named in `MODULES` exposes `RULE`, an object following
refactor.rules.base.Rule. `common` comes last: it knows the run-time setup and
cleanup commands every ecosystem shares, so an ecosystem rule can override it.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache

from refactor.rules.base import Claim, Command, Rule, StageState

MODULES = (
    "packages",
    "python",
    "node",
    "go",
    "rust",
    "java",
    "native",
    "common",
)


@cache
def registered() -> tuple[Rule, ...]:
    found = []
    for name in MODULES:
        qualified = f"{__name__}.{name}"
        # Ecosystem modules land one by one; an absent one simply claims nothing.
        if importlib.util.find_spec(qualified) is None:
            continue
        found.append(importlib.import_module(qualified).RULE)
    return tuple(found)


def claim(command: Command, state: StageState) -> Claim | None:
    """The first claim any registered rule makes for `command`, or None."""
    for rule in registered():
        answer = rule.claim(command, state)
        if answer is not None:
            return answer
    return None
