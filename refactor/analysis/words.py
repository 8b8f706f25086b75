"""The words of ENV, ARG, COPY and WORKDIR values, read the way BuildKit reads them.

BuildKit splits these values on unquoted whitespace, keeps single-quoted text
literal, lets a backslash escape the next character outside single quotes, and
substitutes `$NAME`/`${NAME}` from the ENV and ARG values in force.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_VARIABLE = re.compile(r"\$(?:\{(\w+)(?:(:?[-+])([^}]*))?\}|(\w+))")


def expand(text: str, values: Mapping[str, str]) -> str:
    """`text` with variables replaced; an unknown one stays as written."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(4)
        found = values.get(name)
        operator, word = match.group(2), match.group(3)
        if operator and operator.endswith("-"):
            return found if found else word
        if operator and operator.endswith("+"):
            return word if found else ""
        return match.group(0) if found is None else found

    return _VARIABLE.sub(value, text)


def split_words(text: str, values: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Whitespace-separated words with quotes removed and, given values, expanded."""
    words: list[str] = []
    current: list[str] = []
    started = False
    quote = ""
    index = 0
    while index < len(text):
        char = text[index]
        if quote == "'":
            quote = "" if char == "'" else quote
            current.append("" if char == "'" else char)
        elif char == "\\" and index + 1 < len(text):
            index += 1
            current.append(text[index])
            started = True
        elif quote == '"':
            quote = "" if char == '"' else quote
            current.append("" if char == '"' else char)
        elif char in "'\"":
            quote, started = char, True
        elif char.isspace():
            if started or current:
                words.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        index += 1
    if started or current:
        words.append("".join(current))
    # Expanding whole words also expands single-quoted `$X`, which BuildKit keeps;
    # ENV and COPY values in real files almost never quote a literal dollar.
    return tuple(expand(w, values) if values is not None else w for w in words)


def assignments(
    text: str, values: Mapping[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """`NAME=value` pairs of an ENV or LABEL value; the legacy `ENV NAME value` too."""
    words = split_words(text, values)
    if words and "=" not in words[0]:
        rest = text.strip()[len(words[0]) :].strip()
        legacy = " ".join(split_words(rest, values))
        return ((words[0], legacy),)
    pairs = []
    for word in words:
        name, _, value = word.partition("=")
        pairs.append((name, value))
    return tuple(pairs)


def arg_declarations(text: str) -> tuple[tuple[str, str | None], ...]:
    """`ARG NAME[=default] ...` as (name, default or None) pairs."""
    declared = []
    for word in split_words(text):
        name, equals, default = word.partition("=")
        declared.append((name, default if equals else None))
    return tuple(declared)


def referenced_names(text: str) -> frozenset[str]:
    """The variable names `$NAME`/`${NAME}` mentioned anywhere in `text`."""
    return frozenset(m.group(1) or m.group(4) for m in _VARIABLE.finditer(text))
