"""Turn a plan into text: kept instructions byte for byte, new lines in the
input's newline style."""

from __future__ import annotations

from refactor.plan.model import Kept, Piece, Plan


def render(
    plan: Plan, *, newline: str, escape: str = "\\", lowercase: bool = False
) -> str:
    """The file; `lowercase` writes new keywords the way the input spells its own."""
    pieces = (*plan.prelude, *plan.builder, *plan.final)
    texts = [_text(piece, newline, lowercase) for piece in pieces]
    joined = [
        text if index == len(texts) - 1 else _ended(text, newline, escape)
        for index, text in enumerate(texts)
    ]
    return "".join(joined) + plan.trailing


def _ended(text: str, newline: str, escape: str) -> str:
    """`text` ending its line, so the next instruction starts a line of its own.

    A file's last instruction may end in a dangling continuation, which would
    swallow whatever follows it; the escape character goes.
    """
    body = text.rstrip("\r\n")
    if body.endswith(escape):
        return body[: -len(escape)].rstrip() + newline
    return text if text.endswith(("\n", "\r")) else text + newline


def _text(piece: Piece, newline: str, lowercase: bool) -> str:
    if isinstance(piece, Kept):
        return piece.instruction.text
    text = _lowercase_keywords(piece.text) if lowercase else piece.text
    written = piece.leading + text + "\n"
    return written.replace("\r\n", "\n").replace("\n", newline)


def _lowercase_keywords(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(_lowercase_first_word(line) for line in lines)


def _lowercase_first_word(line: str) -> str:
    keyword, space, rest = line.partition(" ")
    if keyword.isupper() and keyword.isalpha() and not line.startswith((" ", "#")):
        return keyword.lower() + space + rest
    return line
