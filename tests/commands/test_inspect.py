from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from refactor.cli import cli

GOLDEN = Path(__file__).resolve().parent.parent / "syntax" / "golden"
SCRIPT = Path(sys.executable).parent / "dockerfile-refactor"

SMALL = """\
FROM python:3.11 AS build
RUN --mount=type=cache,target=/root/.cache pip install -r req.txt && make
FROM python:3.11-slim
COPY --from=build /app /app
"""


def invoke(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["inspect", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_every_instruction_with_buildkit_lines_and_flags() -> None:
    code, out, err = invoke("--format", "json", str(GOLDEN / "flags.Dockerfile"))

    assert (code, err) == (0, "")
    instructions = json.loads(out)["instructions"]
    assert [i["keyword"] for i in instructions][:3] == ["FROM", "RUN", "RUN"]
    copy = instructions[5]
    assert (copy["start_line"], copy["end_line"]) == (6, 6)
    assert copy["flags"] == [
        "--from=build",
        "--chown=nonroot:nonroot",
        "--chmod=0755",
        "--link",
    ]
    assert [c["name"] for c in instructions[1]["commands"]] == ["go"]


def test_text_shows_stages_spans_and_run_commands_from_stdin() -> None:
    code, out, _ = invoke("-", stdin=SMALL)

    assert code == 0
    assert "stage 0: python:3.11 AS build (lines 1-2)" in out
    assert "[0] RUN --mount=type=cache,target=/root/.cache pip install" in out
    assert "$ pip install -r req.txt" in out
    assert "$ make" in out
    assert "[1] COPY --from=build /app /app" in out


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        pytest.param(
            "ARG A=1\n", "line 1: the file has no FROM instruction", id="no-from"
        ),
        pytest.param("", "the file holds no instruction", id="empty"),
        pytest.param(
            b"FROM a\n\xff\n", "line 2: the file is not UTF-8 text", id="binary"
        ),
        pytest.param("FROM a\nRUN <<EOF\n", "is never closed", id="open-heredoc"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(
    stdin: str | bytes, fragment: str
) -> None:
    code, out, err = invoke("-", stdin=stdin)

    assert code == 2
    assert out == ""
    assert fragment in err
    assert err.count("\n") == 1


def test_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    code, _, err = invoke(str(tmp_path / "Dockerfile"))

    assert code == 2
    assert "cannot read it" in err


def test_the_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(SMALL, encoding="utf-8")

    done = subprocess.run(
        [str(SCRIPT), "inspect", "--format", "json", str(dockerfile)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    refused = subprocess.run(
        [str(SCRIPT), "inspect", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["instructions"]) == 4
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "Traceback" not in refused.stderr
