"""How BuildKit reads the arguments of one logical line: flags, JSON, words.

These follow BuildKit v0.12's `extractBuilderFlags`, `parseJSON` and
`parseWords`, the version inside the `dockerfile` package our differential
test runs against.
"""

from __future__ import annotations

import json

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.lexical import GO_SPACE, GO_SPACE_SET, TOKEN_SPACE
from refactor.syntax.model import Flag

NOT_STRING_ARRAY = "a JSON array form must hold strings only"


def _reject_constant(name: str) -> object:
    # Go's JSON decoder refuses NaN and Infinity, so the text is shell form.
    raise ValueError(name)


_JSON = json.JSONDecoder(parse_constant=_reject_constant)


def split_flags(rest: str) -> tuple[tuple[Flag, ...], str]:
    """Leading `--flag` words and the argument text after them.

    BuildKit walks bytes, not characters, so a flag holding non-ASCII text is
    walked in its UTF-8 form here too; quotes are removed and a backslash
    escapes the next byte, exactly as BuildKit reports the flag.
    """
    if not rest.startswith("--") and not rest[:1].isspace():
        return (), rest
    raw = rest if rest.isascii() else _as_bytes(rest)
    words: list[str] = []
    position = 0
    while True:
        while position < len(raw) and raw[position] in GO_SPACE_SET:
            position += 1
        if not raw.startswith("--", position):
            break
        word, position, blank_ok = _flag_word(raw, position)
        if word == "--":
            # A bare `--` ends the flags; BuildKit keeps the text after it.
            break
        if blank_ok or word:
            words.append(word)

    flags = tuple(_flag(_from_bytes(word)) for word in words)
    return flags, _from_bytes(raw[position:])


def _flag_word(raw: str, position: int) -> tuple[str, int, bool]:
    word: list[str] = []
    blank_ok = False
    quote = ""
    while position < len(raw):
        char = raw[position]
        if not quote and char in GO_SPACE_SET:
            break
        position += 1
        if quote and char == quote:
            quote = ""
            continue
        if not quote and char in "'\"":
            quote, blank_ok = char, True
            continue
        if char == "\\":
            if position == len(raw):
                break
            char = raw[position]
            position += 1
        word.append(char)
    return "".join(word), position, blank_ok


def _as_bytes(text: str) -> str:
    """One character per UTF-8 byte, the way BuildKit's flag reader sees text."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _from_bytes(text: str) -> str:
    if text.isascii():
        return text
    data = text.encode("latin-1")
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        # BuildKit split a character inside a flag; the flag is mangled there too.
        return data.decode("utf-8", "replace")


def _flag(raw: str) -> Flag:
    name, equals, value = raw[2:].partition("=")
    return Flag(raw=raw, name=name, value=value if equals else None)


def json_array(rest: str, *, line: int) -> tuple[str, ...] | None:
    """The decoded exec form, None for shell form; non-strings are an error.

    Like Go's json.Decoder, text after the first JSON value is ignored.
    """
    text = rest.lstrip(GO_SPACE)
    if not text.startswith("["):
        return None

    try:
        value, _ = _JSON.raw_decode(text)
    except (ValueError, RecursionError):
        return None

    if not all(isinstance(item, str) for item in value):
        raise DockerfileSyntaxError(NOT_STRING_ARRAY, line=line)
    return tuple(value)


def parse_words(rest: str, escape: str) -> list[str]:
    """BuildKit's `parseWords`: split on white space, quotes kept in the words."""
    words: list[str] = []
    word: list[str] = []
    in_word = blank_ok = False
    quote = ""
    position = 0
    while position < len(rest):
        char = rest[position]
        position += 1
        if not in_word:
            if char in GO_SPACE_SET:
                continue
            in_word = True
        if not quote and char in GO_SPACE_SET:
            if blank_ok or word:
                words.append("".join(word))
            word, in_word, blank_ok = [], False, False
            continue
        if quote and char == quote:
            quote = ""
        elif not quote and char in "'\"":
            quote, blank_ok = char, True
        if char == escape and quote != "'":
            if position == len(rest):
                continue
            word.append(char)
            char = rest[position]
            position += 1
        word.append(char)
    if in_word and (blank_ok or word):
        words.append("".join(word))
    return words


def check_name_values(keyword: str, rest: str, escape: str, *, line: int) -> None:
    """ENV and LABEL: the errors BuildKit's `parseNameVal` raises."""
    words = parse_words(rest, escape)
    if not words:
        return

    if "=" not in words[0]:
        if len(TOKEN_SPACE.split(rest, maxsplit=1)) < 2:
            message = f"{keyword} needs a value after the name {words[0]!r}"
            raise DockerfileSyntaxError(message, line=line)
        return

    for word in words:
        if "=" not in word:
            message = f"{keyword} expects name=value pairs but got {word!r}"
            raise DockerfileSyntaxError(message, line=line)
