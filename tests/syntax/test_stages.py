from __future__ import annotations

import pytest

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.parser import parse
from refactor.syntax.stages import global_args, stages

TWO_STAGES = """\
ARG GO=1.19
ARG BASE
FROM --platform=$BUILDPLATFORM golang:${GO} AS Build
RUN go build -o /app
from scratch
COPY --from=Build /app /app
"""


def test_each_from_opens_a_stage_with_its_name_and_platform() -> None:
    found = stages(parse(TWO_STAGES))

    assert [(s.index, s.base, s.name, s.platform) for s in found] == [
        (0, "golang:${GO}", "Build", "$BUILDPLATFORM"),
        (1, "scratch", None, None),
    ]
    assert [i.keyword for i in found[0].instructions] == ["RUN"]
    assert found[1].origin.start_line == 5
    assert [i.keyword for i in found[1].instructions] == ["COPY"]


def test_global_args_are_the_args_before_the_first_from() -> None:
    assert [a.value for a in global_args(parse(TWO_STAGES))] == ["GO=1.19", "BASE"]
    assert global_args(parse("FROM a\nARG LATE\n")) == ()


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        pytest.param("ARG A\n", 1, "no FROM", id="only-args"),
        pytest.param(
            "# c\nRUN x\nFROM a\n", 2, "before the first FROM", id="run-first"
        ),
        pytest.param("FROM\n", 1, "needs an image", id="bare-from"),
    ],
)
def test_files_without_a_usable_from_are_refused(
    text: str, line: int, fragment: str
) -> None:
    parsed = parse(text)

    with pytest.raises(DockerfileSyntaxError) as raised:
        stages(parsed)

    assert raised.value.line == line
    assert fragment in raised.value.message
