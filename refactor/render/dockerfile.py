"""Turn a plan into text: kept instructions byte for byte, new lines in the
input's newline style."""

from __future__ import annotations

from refactor.plan.model import Kept, Piece, Plan


def render(plan: Plan, *, newline: str) -> str:
    pieces = (*plan.prelude, *plan.builder, *plan.final)
    texts = [_text(piece, newline) for piece in pieces]
    joined = [
        text
        if text.endswith(("\n", "\r")) or index == len(texts) - 1
        else text + newline
        for index, text in enumerate(texts)
    ]
    return "".join(joined) + plan.trailing


def _text(piece: Piece, newline: str) -> str:
    if isinstance(piece, Kept):
        return piece.instruction.text
    written = piece.leading + piece.text + "\n"
    return written.replace("\r\n", "\n").replace("\n", newline)
