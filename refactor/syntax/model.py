"""The typed values every later layer reads: instructions, stages, a whole file.

Rendering is plain concatenation of the exact source text each value carries, so
an unedited model renders back to its input byte for byte, and an edit touches
only the instructions it replaces.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    """One `--name=value` flag as written; `value` is None for a bare `--link`."""

    raw: str
    name: str
    value: str | None


@dataclass(frozen=True)
class Heredoc:
    """A heredoc body attached to an instruction (`RUN <<EOF`, `COPY <<a.txt /a`)."""

    delimiter: str
    quoted: bool
    strip_tabs: bool
    body: str


@dataclass(frozen=True)
class Directive:
    """A parser directive such as `# syntax=...`, `# escape=...` or `# check=...`."""

    name: str
    value: str
    line: int


@dataclass(frozen=True)
class Instruction:
    """One instruction with the exact text it was written as.

    `value` is the argument text after the flags with continuations joined the
    way BuildKit joins them (comment lines inside a continuation dropped);
    `source` is the untouched text of lines `start_line..end_line`, heredoc
    bodies and line endings included; `leading` is the comments and blank lines
    directly above it, which travel with it when it moves.
    """

    keyword: str
    flags: tuple[Flag, ...]
    value: str
    exec_form: tuple[str, ...] | None
    heredocs: tuple[Heredoc, ...]
    start_line: int
    end_line: int
    source: str
    leading: str = ""
    inner: Instruction | None = None

    def flag(self, name: str) -> Flag | None:
        """The last flag called `name` (BuildKit lets a later one win), or None."""
        found = None
        for flag in self.flags:
            if flag.name == name:
                found = flag
        return found

    @property
    def text(self) -> str:
        """What this instruction contributes to the file: leading trivia and source."""
        return self.leading + self.source


@dataclass(frozen=True)
class Dockerfile:
    """A whole file: its instructions in order and the trivia after the last one."""

    instructions: tuple[Instruction, ...]
    trailing: str
    directives: tuple[Directive, ...]
    escape: str
    newline: str

    def render(self) -> str:
        return "".join(i.text for i in self.instructions) + self.trailing


@dataclass(frozen=True)
class Stage:
    """A `FROM` and the instructions that follow it up to the next `FROM`."""

    index: int
    base: str
    name: str | None
    platform: str | None
    origin: Instruction
    instructions: tuple[Instruction, ...]
