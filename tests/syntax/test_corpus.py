"""Every file of the shared corpus, read by us and by BuildKit's own parser.

BuildKit's parser reaches Python through the `dockerfile` package; the two
readings must agree on keywords, line spans, raw flags, values, JSON forms and
heredoc bodies, every accepted file must render back byte for byte, and every
RUN must go through the shell reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.parser import parse_bytes
from refactor.syntax.shell import commands, run_scripts
from tests.syntax.oracle import (
    buildkit_commands,
    compare_content,
    lines_of,
    our_lines,
)

# path under the corpus -> why we and the reference disagree, in one sentence.
EXPECTED_DIFFERENCES = {
    "parser-fixtures/moby__buildkit__frontend__dockerfile__parser__testfiles"
    "__json__Dockerfile": "the `dockerfile` wrapper hands values to Python as C "
    "strings, so BuildKit's JSON value ending in \\u0000 arrives cut at the NUL "
    "while we keep the whole string",
}


def disagreement(data: bytes) -> str | None:
    """What is wrong with our reading of one file, or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    try:
        ours = parse_bytes(data)
    except DockerfileSyntaxError as error:
        if text is not None and buildkit_commands(text) is not None:
            return f"we refuse what BuildKit accepts: {error}"
        return None
    if text is None:
        return "we accept bytes that are not UTF-8"

    theirs = buildkit_commands(text)
    if theirs is None:
        return "we accept what BuildKit refuses"
    if ours.render() != text:
        return "the rendering differs from the input"
    expected = lines_of(theirs)
    if our_lines(ours) != expected:
        pairs = zip(our_lines(ours), expected, strict=False)
        first = next((pair for pair in pairs if pair[0] != pair[1]), None)
        return f"instructions differ: ours, BuildKit's = {first}"
    differences = compare_content(theirs, ours)
    if differences:
        return differences[0]
    return _shell_problem(ours.instructions)


def _shell_problem(instructions: tuple[object, ...]) -> str | None:
    for instruction in instructions:
        for script in run_scripts(instruction):  # type: ignore[arg-type]
            for command in commands(script):
                if script[command.start : command.end] != command.text:
                    return f"shell offsets wrong for {command.text!r}"
    return None


@pytest.mark.corpus
def test_the_corpus_reads_as_buildkit_reads_it(shared_corpus: Path) -> None:
    files = sorted(path for path in shared_corpus.rglob("*") if path.is_file())

    found = {}
    for path in files:
        problem = disagreement(path.read_bytes())
        if problem is not None:
            found[path.relative_to(shared_corpus).as_posix()] = problem

    unexpected = {
        path: why for path, why in found.items() if path not in EXPECTED_DIFFERENCES
    }
    assert unexpected == {}
    assert set(found) == set(EXPECTED_DIFFERENCES), "a listed difference is gone"
    assert len(files) > 1000
