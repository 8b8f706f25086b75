"""The planned file: pieces of text in order, kept from the input or written new.

A `Kept` piece renders as the instruction's exact text (comments above it
included); a `Written` piece is one or more new lines with its own leading
trivia. The renderer turns newlines into the input's newline style.
"""

from __future__ import annotations

from dataclasses import dataclass

from refactor.plan.outcome import RewriteReport
from refactor.syntax.model import Instruction


@dataclass(frozen=True)
class Kept:
    instruction: Instruction


@dataclass(frozen=True)
class Written:
    """New instruction lines, `\\n`-separated, without the final newline."""

    text: str
    leading: str = ""


Piece = Kept | Written


@dataclass(frozen=True)
class Plan:
    prelude: tuple[Piece, ...]
    builder: tuple[Piece, ...]
    final: tuple[Piece, ...]
    trailing: str
    report: RewriteReport
