"""Line-level rules of BuildKit's Dockerfile reader, written without regexes.

Each helper mirrors one step of BuildKit's `parser.Parse`: how it splits lines,
which characters count as white space (Go's `unicode.IsSpace`, not Python's
`str.isspace`), what a comment line is, and when a line continues. Every helper
is linear in the length of its input, so a file of many megabytes costs time in
proportion to its size.
"""

from __future__ import annotations

import re

# Go's unicode.IsSpace: Python's str.isspace also accepts \x1c-\x1f, Go does not.
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
GO_SPACE_SET = frozenset(GO_SPACE)

# BuildKit's `reWhitespace`: the separators between a keyword and its arguments
# and between the words of FROM, EXPOSE and the shell forms of COPY and ADD.
TOKEN_SPACE = re.compile(r"[\t\v\f\r ]+")

BOM = "\ufeff"

# bufio.Scanner's largest token: a line with its "\n" may hold this many bytes.
MAX_LINE_BYTES = 64 * 1024


def split_lines(text: str) -> list[str]:
    """Lines with their endings kept; only "\\n" ends a line, as in BuildKit."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def line_bytes(line: str) -> int:
    if len(line) * 4 <= MAX_LINE_BYTES:
        return len(line)
    return len(line.encode("utf-8", "surrogatepass"))


def first_line_too_long(lines: list[str]) -> int | None:
    """The 1-based number of the first line BuildKit's scanner refuses, or None.

    The scanner needs room for the line ending too, so a last line without one
    is refused one byte earlier than the others.
    """
    for number, line in enumerate(lines, start=1):
        limit = MAX_LINE_BYTES if line.endswith("\n") else MAX_LINE_BYTES - 1
        if len(line) > limit // 4 and line_bytes(line) > limit:
            return number
    return None


def trim_newline(line: str) -> str:
    return line.rstrip("\r\n")


def go_lstrip(text: str) -> str:
    return text.lstrip(GO_SPACE)


def go_strip(text: str) -> str:
    return text.strip(GO_SPACE)


def is_comment(line: str) -> bool:
    return go_lstrip(line).startswith("#")


def trim_continuation(line: str, escape: str) -> tuple[str, bool]:
    """The line without its continuation mark, and whether the instruction ends.

    BuildKit's pattern is `([^E])E[ \\t]*$|^E[ \\t]*$` for the escape character
    E: a doubled escape at the end (`echo \\\\`) is an escaped escape, not a
    continuation.
    """
    body = line.rstrip(" \t")
    if not body.endswith(escape):
        return line, True

    before = body[:-1]
    if before and before[-1] == escape:
        return line, True
    return before, False
