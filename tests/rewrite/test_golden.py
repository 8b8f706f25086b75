"""Every corpus case rewrites to its reviewed golden file, or skips with its code.

Refresh goldens with `python -m tests.rewrite.goldens`, then read each change.
"""

from __future__ import annotations

import pytest

from refactor.plan.outcome import Rewritten, Skipped
from tests.rewrite.goldens import Case, cases

ALL = cases()
REWRITES = [pytest.param(c, id=c.name) for c in ALL if c.expect == "rewrite"]
SKIPS = [pytest.param(c, id=c.name) for c in ALL if c.expect == "skip"]


@pytest.mark.parametrize("case", REWRITES)
def test_rewrites_to_its_golden(case: Case) -> None:
    outcome = case.outcome()

    assert isinstance(outcome, Rewritten), outcome
    assert case.golden.exists(), "no golden yet: run python -m tests.rewrite.goldens"
    assert outcome.text == case.golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", SKIPS)
def test_skips_with_its_code(case: Case) -> None:
    outcome = case.outcome()

    assert isinstance(outcome, Skipped), outcome
    assert outcome.code == case.code


def test_the_corpus_has_cases() -> None:
    assert len(REWRITES) >= 30
    assert len(SKIPS) >= 5
