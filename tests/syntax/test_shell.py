from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refactor.syntax.parser import parse
from refactor.syntax.shell import SimpleCommand, commands, run_scripts

Summary = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def summary(script: str) -> list[Summary]:
    return [(c.name, c.arguments, c.assignments, c.redirects) for c in commands(script)]


CASES = [
    pytest.param(
        "apt-get update && apt-get install -y --no-install-recommends gcc",
        [
            ("apt-get", ("update",), (), ()),
            ("apt-get", ("install", "-y", "--no-install-recommends", "gcc"), (), ()),
        ],
        id="and-list",
    ),
    pytest.param(
        "DEBIAN_FRONTEND=noninteractive apt-get -q install x || true; echo done",
        [
            (
                "apt-get",
                ("-q", "install", "x"),
                ("DEBIAN_FRONTEND=noninteractive",),
                (),
            ),
            ("true", (), (), ()),
            ("echo", ("done",), (), ()),
        ],
        id="assignment-or-semicolon",
    ),
    pytest.param(
        "curl -fsSL \"https://x/a b\" | tar -xz -C '/opt/my dir' > /log 2>&1",
        [
            ("curl", ("-fsSL", "https://x/a b"), (), ()),
            ("tar", ("-xz", "-C", "/opt/my dir"), (), ("/log",)),
        ],
        id="pipe-quotes-redirect",
    ),
    pytest.param(
        "(cd /src && make -j$(nproc)) >> /build.log",
        [
            ("cd", ("/src",), (), ()),
            ("make", ("-j$(nproc)",), (), ()),
            ("nproc", (), (), ()),
        ],
        id="subshell-and-substitution",
    ),
    pytest.param(
        'if [ "$X" = 1 ]; then pip install a; else npm ci; fi',
        [
            ("[", ('"$X"', "=", "1"), (), ()),
            ("pip", ("install", "a"), (), ()),
            ("npm", ("ci",), (), ()),
        ],
        id="if",
    ),
    pytest.param(
        "for p in a b; do go build ./$p; done; while false; do :; done",
        [("go", ("build", "./$p"), (), ()), ("false", (), (), ()), (":", (), (), ())],
        id="for-while",
    ),
    pytest.param(
        'case "$ARCH" in amd64) A=x86_64 ;; *) echo $((1 + 2)) ;; esac',
        [(None, (), ("A=x86_64",), ()), ("echo", ("$((1 + 2))",), (), ())],
        id="case-arithmetic",
    ),
    pytest.param(
        "build() { cargo build --release; }; export PATH=/opt/bin:$PATH CC",
        [
            ("cargo", ("build", "--release"), (), ()),
            ("export", ("PATH=/opt/bin:$PATH", "CC"), (), ()),
        ],
        id="function-export",
    ),
    pytest.param(
        "echo a\\ b 'c'\"d\" e$HOME",
        [("echo", ("a b", "cd", "e$HOME"), (), ())],
        id="word-forms",
    ),
]


@pytest.mark.parametrize(("script", "expected"), CASES)
def test_simple_commands(script: str, expected: list[Summary]) -> None:
    assert summary(script) == expected


def test_offsets_are_characters_and_text_is_the_exact_slice() -> None:
    script = "echo 'héllo wörld' && touch /tmp/ß\\\n  /tmp/ü"

    found = commands(script)

    assert [c.name for c in found] == ["echo", "touch"]
    for command in found:
        assert script[command.start : command.end] == command.text
    assert found[1].arguments == ("/tmp/ß/tmp/ü",) or len(found[1].arguments) == 2


def test_broken_shell_still_yields_what_it_can() -> None:
    found = commands("make && ( echo 'open quote")

    assert found[0] == SimpleCommand(
        name="make",
        arguments=(),
        assignments=(),
        text="make",
        start=0,
        end=4,
        redirects=(),
    )


@given(st.text(max_size=200))
def test_any_text_gives_consistent_commands(script: str) -> None:
    for command in commands(script):
        assert script[command.start : command.end] == command.text


def scripts(text: str) -> tuple[str, ...]:
    return run_scripts(parse("FROM a\n" + text).instructions[1])


def test_run_scripts_follow_what_buildkit_hands_the_shell() -> None:
    assert scripts("RUN make \\\n  install\n") == ("make   install",)
    assert scripts('RUN ["/bin/sh", "-c", "make all"]\n') == ("/bin/sh -c 'make all'",)
    assert scripts("RUN <<EOF\napt-get update\nEOF\n") == ("apt-get update\n",)
    assert scripts("RUN <<-EOF\n\tmake\n\tEOF\n") == ("make\n",)
    assert scripts("RUN python3 <<PY > /o\nprint(1)\nPY\n") == ("python3      > /o",)
    assert scripts("RUN <<EOF bash -e\nmake\nEOF\n") == ("      bash -e", "make\n")
    assert scripts("ONBUILD RUN make\n") == ("make",)
    assert scripts("CMD make\n") == ()
