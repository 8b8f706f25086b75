"""Generated and mutated Dockerfiles: lossless, no stray exception, BuildKit's reading.

The reference sees text through C strings, so generated text holds no NUL and
no lone surrogate (which UTF-8 cannot carry). `# check=` is left out: the
reference wraps BuildKit v0.12, which predates that directive, so it reads a
repeated `# check=` as comments where current BuildKit (and we) refuse it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.model import Dockerfile
from refactor.syntax.parser import parse, parse_bytes
from tests.syntax.oracle import (
    ReferenceUnreadable,
    buildkit_commands,
    compare_content,
    lines_of,
    our_lines,
)

PIECES = [
    "FROM a",
    "FROM --platform=linux/amd64 b:1 AS c",
    "from x as y",
    "RUN make",
    "run apt-get install -y \\",
    "RUN a \\  ",
    "RUN echo \\\\",
    "    b",
    "  # inside",
    "# comment",
    "",
    "   ",
    "\\",
    "RUN <<EOF",
    "RUN <<-EOF cat",
    "RUN 2<<EOF",
    "EOF",
    "\tEOF",
    "COPY <<a <<'b' /x",
    'RUN "<<EOF"',
    "RUN ${x y} <<EOF",
    "RUN ${X:-a} <<EOF",
    "a",
    "b",
    'RUN ["a", "b"]',
    'CMD ["a", 1]',
    "RUN [ not json",
    "ENV a b",
    "ENV a",
    "LABEL a=b c",
    "ARG A B=1",
    "ONBUILD RUN <<EOF",
    "ONBUILD COPY --from=x a b",
    "ONBUILD",
    "# escape=`",
    "# syntax=docker/dockerfile:1",
    "RUN a `",
    'HEALTHCHECK --interval=1s CMD ["x"]',
    "HEALTHCHECK NONE",
    "COPY --from=x --chown=1:1 --link a b",
    "COPY --from x a b",
    'RUN --mount=type=secret,id="a b" -- x',
    "FROBNICATE --now",
    "\ufeffFROM z",
    "WORKDIR /app\r",
]

line = st.one_of(
    st.sampled_from(PIECES),
    st.text(alphabet=" \t\\`#<-\"'=[]${}:aEOF\r\x85\xa0", max_size=12),
)
separator = st.sampled_from(["\n", "\r\n"])


@st.composite
def dockerfiles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, max_size=14))
    newline = draw(separator)
    ending = draw(st.sampled_from(["", newline]))
    return newline.join(lines) + ending


def read(text: str) -> Dockerfile | None:
    """Our reading, None when refused; any other exception fails the test."""
    try:
        return parse(text)
    except DockerfileSyntaxError as error:
        assert error.message and "\n" not in error.message
        return None


def check_against_buildkit(text: str) -> None:
    ours = read(text)
    if ours is not None:
        assert ours.render() == text
    try:
        theirs = buildkit_commands(text)
    except ReferenceUnreadable:
        return

    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        expected = lines_of(theirs)
        assert our_lines(ours) == expected
        assert compare_content(theirs, ours) == []


@settings(max_examples=400, deadline=None)
@given(dockerfiles())
def test_generated_files_read_as_buildkit_reads_them(text: str) -> None:
    check_against_buildkit(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_model_or_a_syntax_error(data: bytes) -> None:
    try:
        parsed = parse_bytes(data)
    except DockerfileSyntaxError:
        return
    assert parsed.render().encode("utf-8") == data


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_model_or_a_syntax_error(text: str) -> None:
    parsed = read(text)
    if parsed is not None:
        assert parsed.render() == text


@pytest.fixture(scope="module")
def corpus_texts(shared_corpus: Path) -> list[str]:
    paths = sorted(path for path in shared_corpus.rglob("*") if path.is_file())
    texts = []
    for path in paths[:: max(1, len(paths) // 400)]:
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return [text for text in texts if "\x00" not in text]


@st.composite
def mutations(draw: st.DrawFn, texts: list[str]) -> str:
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "line"]))
        if kind == "insert":
            text = text[:at] + draw(line) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            text = text[:at] + "\n" + draw(line) + "\n" + text[at:]
    return text


@pytest.mark.corpus
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_corpus_files_read_as_buildkit_reads_them(
    corpus_texts: list[str], data: st.DataObject
) -> None:
    check_against_buildkit(data.draw(mutations(corpus_texts)))
