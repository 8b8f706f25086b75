from __future__ import annotations

import json
from pathlib import Path

import pytest

from refactor.commands.inspect import describe
from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.parser import parse, parse_bytes
from tests.syntax.oracle import buildkit_lines, content_differences, our_lines

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.stem for path in GOLDEN.glob("*.Dockerfile"))


@pytest.mark.parametrize("name", CASES)
def test_golden_construct(name: str) -> None:
    data = (GOLDEN / f"{name}.Dockerfile").read_bytes()
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))

    parsed = parse_bytes(data)

    assert parsed.render().encode("utf-8") == data
    assert describe(parsed) == expected
    text = data.decode("utf-8")
    assert our_lines(parsed) == buildkit_lines(text)
    assert content_differences(text, parsed) == []


def test_crlf_file_keeps_its_endings_and_buildkit_line_spans() -> None:
    text = (GOLDEN / "heredocs.Dockerfile").read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")

    parsed = parse(crlf)

    assert parsed.newline == "\r\n"
    assert parsed.render() == crlf
    assert our_lines(parsed) == our_lines(parse(text)) == buildkit_lines(crlf)
    assert parsed.instructions[1].heredocs[0].body == (
        "apt-get update\r\napt-get install -y python3\r\n"
    )
    assert content_differences(crlf, parsed) == []


def test_trivia_travels_with_the_instruction_below_it() -> None:
    text = "# top\n\nFROM a\n  # about run\nRUN x \\\n  # inside\n  y\n\n# end\n"

    parsed = parse(text)

    first, run = parsed.instructions
    assert first.leading == "# top\n\n"
    assert first.source == "FROM a\n"
    assert run.leading == "  # about run\n"
    assert run.source == "RUN x \\\n  # inside\n  y\n"
    assert run.value == "x   y"
    assert parsed.trailing == "\n# end\n"


def test_flags_keep_buildkit_text_and_the_last_one_wins() -> None:
    run = parse("FROM a\nRUN --mount=type=cache,target=/a --mount=x --network=none z\n")
    copy = parse("FROM a\nCOPY --link --chown=1:1 a b\n").instructions[1]

    mounts = [flag.value for flag in run.instructions[1].flags if flag.name == "mount"]
    assert mounts == ["type=cache,target=/a", "x"]
    assert run.instructions[1].flag("mount") == run.instructions[1].flags[1]
    assert copy.flag("link") is not None and copy.flag("link").value is None  # type: ignore[union-attr]
    assert copy.flag("from") is None
    assert copy.value == "a b"


def test_onbuild_holds_its_inner_instruction() -> None:
    onbuild = parse("FROM a\nONBUILD COPY --from=b x y\n").instructions[1]

    assert onbuild.inner is not None
    assert onbuild.inner.keyword == "COPY"
    assert onbuild.inner.flag("from") is not None
    assert onbuild.inner.value == "x y"


def test_a_continuation_open_at_the_end_is_accepted_like_buildkit() -> None:
    text = "FROM a\nRUN echo \\\n"

    parsed = parse(text)

    assert parsed.instructions[-1].value == "echo"
    assert our_lines(parsed) == buildkit_lines(text)


REFUSED = [
    pytest.param("", 1, "no instruction", id="empty"),
    pytest.param("# only\n\n   \n", 3, "no instruction", id="only-comments"),
    pytest.param("FROM a\nRUN <<EOF\necho\n", 2, "never closed", id="open-heredoc"),
    pytest.param("# escape=`\n# escape=`\nFROM a\n", 2, "more than once", id="twice"),
    pytest.param("# escape=x\nFROM a\n", 1, "escape directive", id="bad-escape"),
    pytest.param("FROM a\nENV PATH\n", 2, "needs a value", id="env-no-value"),
    pytest.param("FROM a\nLABEL a=1 b\n", 2, "name=value", id="label-pairs"),
    pytest.param('FROM a\nCMD ["a", 1]\n', 2, "strings only", id="json-number"),
    pytest.param("FROM a\nRUN " + "x" * 70_000 + "\n", 2, "64 KiB", id="long-line"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), REFUSED)
def test_refused_where_buildkit_refuses(text: str, line: int, fragment: str) -> None:
    with pytest.raises(DockerfileSyntaxError) as raised:
        parse(text)

    assert raised.value.line == line
    assert fragment in raised.value.message
    assert "\n" not in str(raised.value)
    assert buildkit_lines(text) is None


def test_bytes_that_are_not_utf8_name_their_line() -> None:
    with pytest.raises(DockerfileSyntaxError) as raised:
        parse_bytes(b"FROM a\nRUN echo \xff\xfe\n")

    assert raised.value.line == 2
    assert "UTF-8" in raised.value.message


def test_a_bom_is_kept_and_skipped() -> None:
    parsed = parse_bytes(b"\xef\xbb\xbf# escape=`\nFROM a\nRUN x `\n y\n")

    assert parsed.escape == "`"
    assert parsed.render().startswith("\ufeff# escape")
    assert parsed.instructions[1].value == "x  y"


def test_a_big_file_parses_in_one_pass() -> None:
    run = "RUN apt-get update \\\n  && apt-get install -y curl \\\n # note\n  && true\n"
    text = "FROM debian\n" + run * 30_000

    parsed = parse(text)

    assert len(parsed.instructions) == 30_001
    assert parsed.instructions[-1].end_line == 1 + 4 * 30_000
