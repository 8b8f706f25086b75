"""What verification needs to know from a Dockerfile's text, nothing more.

The last stage's base and the paths its COPY/ADD instructions write (with
`--from` or not), each resolved against the WORKDIR in force at that point,
read through the project's parser.
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.model import Instruction, Stage
from refactor.syntax.parser import parse
from refactor.syntax.stages import stages as parsed_stages


@dataclass(frozen=True)
class Copy:
    destination: str
    source_stage: str | None


@dataclass(frozen=True)
class StageFacts:
    base: str
    name: str | None
    workdir: str
    copies: tuple[Copy, ...]


def _words(instruction: Instruction) -> list[str]:
    if instruction.exec_form is not None:
        return list(instruction.exec_form)
    try:
        return shlex.split(instruction.value)
    except ValueError:
        return instruction.value.split()


def stages(text: str) -> tuple[StageFacts, ...]:
    """Each stage's base, name, final WORKDIR and COPY/ADD destinations."""
    try:
        found = parsed_stages(parse(text))
    except DockerfileSyntaxError:
        return ()
    return tuple(_facts(stage) for stage in found)


def _facts(stage: Stage) -> StageFacts:
    workdir = "/"
    copies: list[Copy] = []
    for instruction in stage.instructions:
        words = _words(instruction)
        if instruction.keyword == "WORKDIR" and words:
            workdir = posixpath.normpath(posixpath.join(workdir, words[0]))
        elif instruction.keyword in ("COPY", "ADD") and len(words) >= 2:
            source = instruction.flag("from")
            destination = posixpath.normpath(posixpath.join(workdir, words[-1]))
            copies.append(Copy(destination, source.value if source else None))
    return StageFacts(stage.base, stage.name, workdir, tuple(copies))


def final_stage(text: str) -> StageFacts | None:
    found = stages(text)
    return found[-1] if found else None


def application_paths(text: str) -> tuple[str, ...]:
    """WORKDIR and COPY/ADD destinations of the last stage, without the root."""
    last = final_stage(text)
    if last is None:
        return ()
    paths = [last.workdir, *(c.destination for c in last.copies)]
    return tuple(sorted({p for p in paths if p != "/"}))


def copied_from_stages(text: str) -> tuple[str, ...]:
    """Destinations in the last stage that were copied from another stage."""
    last = final_stage(text)
    if last is None:
        return ()
    return tuple(c.destination for c in last.copies if c.source_stage is not None)
