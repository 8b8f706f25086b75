"""A lossless Dockerfile parser that reads lines the way BuildKit v0.12 does.

BuildKit throws the text away once it has an instruction; we keep every line
as it was written, so `parse(text).render() == text` for any text that parses.
The reading rules (directives, continuations, comments inside them, heredoc
bodies, flags, JSON) follow BuildKit's `parser.Parse`; `dockerfile`, a wrapper
of BuildKit's own parser, checks this module over the shared corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from refactor.syntax import lexical
from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.heredocs import Marker, markers
from refactor.syntax.model import Directive, Dockerfile, Flag, Heredoc, Instruction
from refactor.syntax.words import check_name_values, json_array, split_flags

_MAYBE_JSON = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL"})
_MAYBE_JSON_LIST = frozenset({"ADD", "COPY", "VOLUME"})
_NAME_VALUES = frozenset({"ENV", "LABEL"})
_HEREDOC_KEYWORDS = frozenset({"ADD", "COPY", "RUN"})
_DIRECTIVES = frozenset({"syntax", "escape", "check"})


def parse_bytes(data: bytes) -> Dockerfile:
    """Decode UTF-8 (a BOM is allowed) and parse; other bytes are an error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DockerfileSyntaxError("the file is not UTF-8 text", line=line) from None
    return parse(text)


def parse(text: str) -> Dockerfile:
    """Parse a whole Dockerfile; raises DockerfileSyntaxError where BuildKit would."""
    lines = lexical.split_lines(text)
    too_long = lexical.first_line_too_long(lines)
    if too_long is not None:
        message = "the line is longer than 64 KiB, which BuildKit refuses"
        raise DockerfileSyntaxError(message, line=too_long)

    reader = _Reader(lines)
    instructions = reader.read()
    if not instructions:
        line = max(len(lines), 1)
        raise DockerfileSyntaxError("the file holds no instruction", line=line)

    return Dockerfile(
        instructions=instructions,
        trailing="".join(lines[reader.trivia_start :]),
        directives=tuple(reader.directives),
        escape=reader.escape,
        newline="\r\n" if lines[0].endswith("\r\n") else "\n",
    )


@dataclass(frozen=True)
class _Logical:
    """One instruction's text once BuildKit has joined its continuation lines."""

    keyword: str
    flags: tuple[Flag, ...]
    value: str
    exec_form: tuple[str, ...] | None
    inner: _Logical | None

    def may_hold_heredocs(self) -> bool:
        target = self.inner if self.keyword == "ONBUILD" else self
        if target is None:
            return False
        return target.keyword in _HEREDOC_KEYWORDS and target.exec_form is None


class _Reader:
    """Walks the lines once; the state is the cursor and what directives set."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.position = 0
        self.trivia_start = 0
        self.escape = "\\"
        self.directives: list[Directive] = []
        self.looking_for_directives = True

    def read(self) -> tuple[Instruction, ...]:
        instructions = []
        while self.position < len(self.lines):
            instruction = self._next_instruction()
            if instruction is not None:
                instructions.append(instruction)
                self.trivia_start = self.position
        return tuple(instructions)

    def _next_instruction(self) -> Instruction | None:
        start = self.position
        raw = self.lines[start]
        if start == 0 and raw.startswith(lexical.BOM):
            raw = raw[1:]
        content = lexical.go_lstrip(lexical.trim_newline(raw))
        self._directive(content, line=start + 1)
        self.position += 1

        if lexical.is_comment(content):
            content = ""
        first, ended = lexical.trim_continuation(content, self.escape)
        if ended and not first:
            return None

        text = self._join(first, ended)
        logical = self._logical(text, line=start + 1)
        heredocs: tuple[Heredoc, ...] = ()
        if logical.may_hold_heredocs() and "<<" in text:
            heredocs = self._heredoc_bodies(markers(text), start)
        return self._instruction(logical, heredocs, start)

    def _join(self, first: str, ended: bool) -> str:
        pieces = [first]
        while not ended and self.position < len(self.lines):
            raw = self.lines[self.position]
            self.position += 1
            # BuildKit drops comment lines and empty lines inside a continuation.
            if lexical.is_comment(raw):
                continue
            body = lexical.trim_newline(raw)
            if not lexical.go_lstrip(body):
                continue
            piece, ended = lexical.trim_continuation(body, self.escape)
            pieces.append(piece)
        return "".join(pieces)

    def _logical(self, text: str, *, line: int) -> _Logical:
        stripped = lexical.go_strip(text)
        parts = lexical.TOKEN_SPACE.split(stripped, maxsplit=1)
        keyword = parts[0].upper()
        flags, rest = split_flags(parts[1]) if len(parts) == 2 else ((), "")
        value = lexical.go_strip(rest)

        exec_form = None
        inner = None
        if (keyword in _MAYBE_JSON and value) or keyword in _MAYBE_JSON_LIST:
            exec_form = json_array(value, line=line)
        elif keyword == "HEALTHCHECK":
            exec_form = _healthcheck_json(value, line=line)
        elif keyword in _NAME_VALUES:
            check_name_values(keyword, value, self.escape, line=line)
        elif keyword == "ONBUILD" and value:
            inner = self._logical(value, line=line)
        return _Logical(keyword, flags, value, exec_form, inner)

    def _heredoc_bodies(
        self, found: tuple[Marker, ...], start: int
    ) -> tuple[Heredoc, ...]:
        bodies = []
        for marker in found:
            body: list[str] = []
            while True:
                if self.position >= len(self.lines):
                    message = f"the heredoc {marker.delimiter!r} is never closed"
                    raise DockerfileSyntaxError(message, line=start + 1)
                raw = self.lines[self.position]
                self.position += 1
                candidate = lexical.trim_newline(raw)
                if marker.strip_tabs:
                    candidate = candidate.lstrip("\t")
                if candidate == marker.delimiter:
                    break
                body.append(raw)
            heredoc = Heredoc(
                delimiter=marker.delimiter,
                quoted=marker.quoted,
                strip_tabs=marker.strip_tabs,
                body="".join(body),
            )
            bodies.append(heredoc)
        return tuple(bodies)

    def _instruction(
        self, logical: _Logical, heredocs: tuple[Heredoc, ...], start: int
    ) -> Instruction:
        instruction = _build(logical, heredocs, start + 1, self.position)
        return replace(
            instruction,
            source="".join(self.lines[start : self.position]),
            leading="".join(self.lines[self.trivia_start : start]),
        )

    def _directive(self, content: str, *, line: int) -> None:
        """BuildKit's DirectiveParser: only leading `# key=value` comment lines."""
        if not self.looking_for_directives:
            return

        found = _directive_match(content)
        if found is None or found[0] not in _DIRECTIVES:
            self.looking_for_directives = False
            return

        name, value = found
        if any(directive.name == name for directive in self.directives):
            message = f"the {name} parser directive appears more than once"
            raise DockerfileSyntaxError(message, line=line)
        if name == "escape":
            if value not in ("\\", "`"):
                message = f"the escape directive must be \\ or ` but is {value!r}"
                raise DockerfileSyntaxError(message, line=line)
            self.escape = value
        self.directives.append(Directive(name=name, value=value, line=line))


def _directive_match(content: str) -> tuple[str, str] | None:
    """`# key = value`, as BuildKit's `^([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$`."""
    if not content.startswith("#"):
        return None

    body = lexical.go_lstrip(content[1:])
    key_end = 0
    while key_end < len(body) and body[key_end].isascii() and body[key_end].isalnum():
        key_end += 1
    key = body[:key_end]
    if not key or not key[0].isalpha():
        return None

    after = body[key_end:].lstrip("\t\n\f\r ")
    if not after.startswith("="):
        return None
    value = after[1:].strip("\t\n\f\r ")
    return (key.lower(), value) if value else None


def _healthcheck_json(value: str, *, line: int) -> tuple[str, ...] | None:
    """HEALTHCHECK's first word is its kind (CMD, NONE); JSON may follow it."""
    end = 0
    while end < len(value) and value[end] not in lexical.GO_SPACE_SET:
        end += 1
    command = lexical.go_lstrip(value[end:])
    return json_array(command, line=line) if end and command else None


def _build(
    logical: _Logical, heredocs: tuple[Heredoc, ...], start: int, end: int
) -> Instruction:
    inner = None
    if logical.inner is not None:
        inner = _build(logical.inner, heredocs, start, end)
        # The inner instruction is text inside its ONBUILD, not lines of the file.
        inner = replace(inner, source=logical.value)
    return Instruction(
        keyword=logical.keyword,
        flags=logical.flags,
        value=logical.value,
        exec_form=logical.exec_form,
        heredocs=heredocs,
        start_line=start,
        end_line=end,
        source="",
        inner=inner,
    )
