"""A token that never shows itself: hidden from repr, str and error text."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

MASK = "***"


@dataclass(frozen=True)
class Secret:
    value: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    __str__ = __repr__

    def redact(self, text: str) -> str:
        """`text` with every copy of the secret masked (a no-op when empty)."""
        return text.replace(self.value, MASK) if self.value else text


NO_SECRET = Secret("")


def from_environment(name: str) -> Secret:
    """The token in environment variable `name`, or an empty secret."""
    return Secret(os.environ.get(name, ""))
