"""Stages: each FROM and the instructions after it, and the ARGs before them.

BuildKit's line parser accepts a file without FROM (it only reads lines); the
build step refuses it. `parse` follows the line parser, and `stages` is where a
missing FROM, or an instruction other than ARG before the first FROM, becomes an
error, so a caller that needs stages learns it in one place.
"""

from __future__ import annotations

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.lexical import TOKEN_SPACE
from refactor.syntax.model import Dockerfile, Instruction, Stage


def global_args(dockerfile: Dockerfile) -> tuple[Instruction, ...]:
    """The ARG instructions before the first FROM (they may be used in FROM)."""
    found = []
    for instruction in dockerfile.instructions:
        if instruction.keyword == "FROM":
            break
        if instruction.keyword == "ARG":
            found.append(instruction)
    return tuple(found)


def stages(dockerfile: Dockerfile) -> tuple[Stage, ...]:
    """Every stage in order; raises DockerfileSyntaxError when there is none."""
    groups: list[list[Instruction]] = []
    for instruction in dockerfile.instructions:
        if instruction.keyword == "FROM":
            groups.append([instruction])
        elif groups:
            groups[-1].append(instruction)
        elif instruction.keyword != "ARG":
            message = f"{instruction.keyword} comes before the first FROM instruction"
            raise DockerfileSyntaxError(message, line=instruction.start_line)

    if not groups:
        line = dockerfile.instructions[-1].end_line if dockerfile.instructions else 0
        raise DockerfileSyntaxError("the file has no FROM instruction", line=line)
    return tuple(_stage(index, group) for index, group in enumerate(groups))


def _stage(index: int, group: list[Instruction]) -> Stage:
    """The name is kept as written; BuildKit matches `--from=` to it ignoring case."""
    origin = group[0]
    words = [word for word in TOKEN_SPACE.split(origin.value) if word]
    if not words:
        raise DockerfileSyntaxError("FROM needs an image", line=origin.start_line)

    name = None
    if len(words) >= 3 and words[1].lower() == "as":
        name = words[2]
    platform = origin.flag("platform")
    return Stage(
        index=index,
        base=words[0],
        name=name,
        platform=platform.value if platform else None,
        origin=origin,
        instructions=tuple(group[1:]),
    )
