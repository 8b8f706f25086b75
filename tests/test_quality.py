"""The code's own standards, enforced by the test command: lint, format, types."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["ruff", "check", "refactor", "tests", "bench"], id="ruff-check"),
        pytest.param(
            ["ruff", "format", "--check", "refactor", "tests", "bench"],
            id="ruff-format",
        ),
        pytest.param(["mypy"], id="mypy-strict"),
    ],
)
def test_tool_is_clean(argv: list[str]) -> None:
    result = subprocess.run(
        [str(BIN / argv[0]), *argv[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
