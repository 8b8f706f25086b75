"""BuildKit's own parser (PyPI `dockerfile`) as the reference for differential tests.

Both sides are reduced to the same plain tuples so a test can compare them with
one `==` and print the first difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import dockerfile

from refactor.syntax.model import Dockerfile, Instruction

_WORDS = re.compile(r"[\t\v\f\r ]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ONE_STRING = frozenset(
    {"RUN", "CMD", "ENTRYPOINT", "SHELL", "MAINTAINER", "USER", "WORKDIR", "STOPSIGNAL"}
)
_WORD_LIST = frozenset({"COPY", "ADD", "VOLUME", "FROM", "EXPOSE"})

Line = tuple[str, int, int, tuple[str, ...]]


class ReferenceUnreadable(Exception):
    """The wrapper could not hand BuildKit's answer back to Python."""


def buildkit_commands(text: str) -> list[dockerfile.Command] | None:
    """BuildKit's reading of the text, or None when BuildKit refuses it.

    BuildKit reads flags byte by byte, so a flag holding part of a multi-byte
    character comes back as bytes that are not UTF-8 and the wrapper cannot
    decode them; that raises ReferenceUnreadable.
    """
    try:
        return list(dockerfile.parse_string(text))
    except dockerfile.GoParseError:
        return None
    except UnicodeDecodeError as error:
        raise ReferenceUnreadable(str(error)) from None


def buildkit_lines(text: str) -> list[Line] | None:
    """Keyword, first and last line, raw flags per instruction; None if refused."""
    found = buildkit_commands(text)
    return None if found is None else lines_of(found)


def lines_of(found: list[dockerfile.Command]) -> list[Line]:
    # The wrapper gives None, not "", for the keyword of a line holding only `\`.
    return [
        ((c.cmd or "").upper(), c.start_line, c.end_line, _flags(c.flags))
        for c in found
    ]


def our_lines(parsed: Dockerfile) -> list[Line]:
    return [
        (i.keyword, i.start_line, i.end_line, _flags(flag.raw for flag in i.flags))
        for i in parsed.instructions
    ]


def _flags(raw: Iterable[str]) -> tuple[str, ...]:
    """Flags with each non-ASCII run as `?`.

    BuildKit turns each byte of a non-ASCII flag into its own character
    (`é` becomes `Ã©`); we keep the characters as written, so only the ASCII
    text of a flag is compared.
    """
    return tuple(_NON_ASCII.sub("?", flag) for flag in raw)


def content_differences(text: str, parsed: Dockerfile) -> list[str]:
    """Where values, JSON forms, ONBUILD targets or heredoc bodies disagree."""
    return compare_content(list(dockerfile.parse_string(text)), parsed)


def compare_content(found: list[dockerfile.Command], parsed: Dockerfile) -> list[str]:
    differences = []
    for theirs, ours in zip(found, parsed.instructions, strict=True):
        target = ours.inner or ours
        expected = _buildkit_value(target)
        if expected is not None and tuple(theirs.value) != expected:
            differences.append(f"line {ours.start_line}: value {theirs.value!r}")
        if theirs.json != (target.exec_form is not None):
            differences.append(f"line {ours.start_line}: exec form")
        if (theirs.sub_cmd or "").upper() != (ours.inner.keyword if ours.inner else ""):
            differences.append(f"line {ours.start_line}: ONBUILD target")
        # The wrapper reads heredocs from the inner node of ONBUILD, where
        # BuildKit never puts them, so it reports none there.
        if ours.keyword != "ONBUILD" and _heredocs(theirs) != _our_heredocs(ours):
            differences.append(f"line {ours.start_line}: heredocs")
    return differences


def _buildkit_value(target: Instruction) -> tuple[str, ...] | None:
    """What BuildKit stores as the value, where that is cheap to predict."""
    if target.exec_form is not None:
        return None if target.keyword == "HEALTHCHECK" else target.exec_form
    if target.keyword in _ONE_STRING:
        return (target.value,) if target.value else ()
    if target.keyword in _WORD_LIST:
        return tuple(_WORDS.split(target.value)) if target.value else ()
    return None


def _heredocs(command: dockerfile.Command) -> tuple[tuple[str, str], ...]:
    return tuple((h.name, h.content) for h in command.heredocs)


def _our_heredocs(instruction: Instruction) -> tuple[tuple[str, str], ...]:
    return tuple((h.delimiter, h.body) for h in instruction.heredocs)
