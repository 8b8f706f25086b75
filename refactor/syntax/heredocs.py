"""Finding heredoc markers on a RUN, COPY or ADD line, the way BuildKit does.

BuildKit splits the whole logical line into shell words with its own lexer
(quotes and escapes kept), and a word is a heredoc marker when it reads
`[fd]<<[-]NAME`. If that lexer fails anywhere on the line (an open quote, a
malformed `${...}`), BuildKit finds no heredoc at all, so neither do we.

Only the lexer rules that decide those two questions are copied (quotes,
backslash, `${...}` shapes); a line on which BuildKit's full lexer fails for
another reason would still show its heredocs here, and none of the corpus
files or the mutated ones in the property tests does that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refactor.syntax.lexical import GO_SPACE_SET

_MARKER = re.compile(r"(\d*)<<(-?)([^<]*)")
_SPECIAL = frozenset("$#*?@!-")


@dataclass(frozen=True)
class Marker:
    delimiter: str
    quoted: bool
    strip_tabs: bool


class _LexError(Exception):
    pass


def markers(line: str) -> tuple[Marker, ...]:
    try:
        words = _shell_words(line)
    except _LexError:
        return ()

    found = (marker_of(word) for word in words)
    return tuple(marker for marker in found if marker is not None)


def marker_of(word: str) -> Marker | None:
    """The heredoc a single shell word opens (`<<EOF`, `<<-"EOF"`), or None."""
    match = _MARKER.fullmatch(word)
    if match is None or not match.group(3):
        return None

    rest = match.group(3)
    try:
        names = _shell_words(rest, raw=False)
    except _LexError:
        return None
    if len(names) != 1 or not names[0]:
        return None

    name = names[0]
    quoted = _quotes(name) != _quotes(rest)
    return Marker(delimiter=name, quoted=quoted, strip_tabs=match.group(2) == "-")


def _quotes(text: str) -> int:
    return text.count("'") + text.count('"')


def _shell_words(text: str, *, raw: bool = True) -> list[str]:
    """Words split on white space outside quotes; `raw` keeps quotes and escapes."""
    words: list[str] = []
    word: list[str] = []
    in_word = False
    position = 0
    while position < len(text):
        char = text[position]
        if char in GO_SPACE_SET:
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
            position += 1
            continue

        in_word = True
        if char == "'":
            end = text.find("'", position + 1)
            if end < 0:
                raise _LexError
            inside = text[position + 1 : end]
            word.append(f"'{inside}'" if raw else inside)
            position = end + 1
        elif char == '"':
            position = _double_quoted(text, position, word, raw)
        elif char == "\\":
            escaped = text[position + 1 : position + 2]
            word.append(char + escaped if raw else escaped)
            position += 2
        elif char == "$":
            end = _dollar_end(text, position)
            word.append(text[position:end])
            position = end
        else:
            word.append(char)
            position += 1
    if in_word:
        words.append("".join(word))
    return words


def _double_quoted(text: str, position: int, word: list[str], raw: bool) -> int:
    start = position
    position += 1
    while position < len(text):
        char = text[position]
        if char == '"':
            inside = text[start + 1 : position]
            word.append(text[start : position + 1] if raw else inside)
            return position + 1
        if char == "\\":
            position += 2
        elif char == "$":
            position = _dollar_end(text, position)
        else:
            position += 1
    raise _LexError


def _dollar_end(text: str, position: int) -> int:
    """Where a `$` expansion ends; BuildKit's lexer fails on a broken `${...}`."""
    if not text.startswith("${", position):
        return position + 1

    position += 2
    if position >= len(text) or text[position] in "{}:":
        raise _LexError
    position = _name_end(text, position)
    if position >= len(text):
        raise _LexError

    if text[position] == "}":
        return position + 1
    if text[position] != ":":
        raise _LexError
    close = text.find("}", position)
    if close < 0:
        raise _LexError
    return close + 1


def _name_end(text: str, position: int) -> int:
    if text[position].isdigit():
        while position < len(text) and text[position].isdigit():
            position += 1
        return position
    if text[position] in _SPECIAL:
        return position + 1
    while position < len(text) and (text[position].isalnum() or text[position] == "_"):
        position += 1
    return position
