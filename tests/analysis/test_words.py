from __future__ import annotations

import pytest

from refactor.analysis.words import (
    arg_declarations,
    assignments,
    expand,
    referenced_names,
    split_words,
)


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        pytest.param("A=1 B=2", (("A", "1"), ("B", "2")), id="pairs"),
        pytest.param("A=\"x y\" B='$Z'", (("A", "x y"), ("B", "$Z")), id="quotes"),
        pytest.param("APP_HOME /opt/svc", (("APP_HOME", "/opt/svc"),), id="legacy"),
        pytest.param("PATH=/v/bin:$PATH", (("PATH", "/v/bin:/bin"),), id="expanded"),
    ],
)
def test_assignments(text: str, pairs: tuple[tuple[str, str], ...]) -> None:
    assert assignments(text, {"PATH": "/bin"}) == pairs


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        pytest.param("${HOME}/x", "/root/x", id="braces"),
        pytest.param("$HOME/x", "/root/x", id="bare"),
        pytest.param("${MISSING:-/opt}", "/opt", id="default"),
        pytest.param("${HOME:+set}", "set", id="alternative"),
        pytest.param("$UNKNOWN", "$UNKNOWN", id="unknown stays"),
    ],
)
def test_expand(text: str, expanded: str) -> None:
    assert expand(text, {"HOME": "/root"}) == expanded


def test_split_words_keeps_escaped_spaces() -> None:
    assert split_words(r"a\ b 'c d' \"e") == ("a b", "c d", '"e')


def test_arg_declarations() -> None:
    assert arg_declarations("A B=2") == (("A", None), ("B", "2"))


def test_referenced_names() -> None:
    assert referenced_names("x $A ${B:-c} $$") == {"A", "B"}
