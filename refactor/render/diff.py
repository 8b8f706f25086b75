"""The unified diff people read in the terminal, in a pull request and in JSON."""

from __future__ import annotations

import difflib


def unified_diff(before: str, after: str, path: str) -> str:
    """`before` -> `after` as `a/PATH` / `b/PATH`; a last line without a newline
    still ends one, so the diff stays one line per line."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
