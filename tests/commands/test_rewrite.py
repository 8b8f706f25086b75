"""`dockerfile-refactor rewrite`: output per mode, files touched only by --write,
and the exit-code table (0 nothing to change, 1 changed, 2 unreadable)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refactor.cli import cli

MONO = """\
FROM python:3.11
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""
SKIPPED = "FROM python:3.11\nCOPY app.py /app/\nCMD python /app/app.py\n"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["rewrite", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def dockerfile(tmp_path: Path) -> Path:
    path = tmp_path / "Dockerfile"
    path.write_text(MONO)
    (tmp_path / "requirements.txt").write_text("flask\n")
    return path


def test_no_flag_prints_the_rewrite_and_leaves_the_file(dockerfile: Path) -> None:
    code, out, err = run(str(dockerfile))

    assert code == 1
    assert "FROM python:3.11 AS builder\n" in out
    assert "COPY --from=builder /opt/venv /opt/venv\n" in out
    assert dockerfile.read_text() == MONO
    assert "rewrote" in err


def test_check_changes_nothing_and_says_so(dockerfile: Path) -> None:
    code, out, err = run("--check", str(dockerfile))

    assert (code, out) == (1, "")
    assert f"would rewrite {dockerfile}" in err
    assert dockerfile.read_text() == MONO


def test_diff_prints_a_unified_diff(dockerfile: Path) -> None:
    code, out, _ = run("--diff", str(dockerfile))

    assert code == 1
    assert out.startswith(f"--- a/{dockerfile}\n+++ b/{dockerfile}\n")
    assert "-FROM python:3.11\n+FROM python:3.11 AS builder\n" in out


def test_write_rewrites_in_place_then_nothing_is_left_to_do(dockerfile: Path) -> None:
    first, _, _ = run("--write", str(dockerfile))
    second, _, err = run("--check", str(dockerfile))

    assert first == 1
    assert dockerfile.read_text().count("FROM ") == 2
    assert second == 0
    assert "already-multi-stage" in err


def test_a_skipped_file_exits_zero_and_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text(SKIPPED)

    code, _, err = run("--write", str(path))

    assert code == 0
    assert path.read_text() == SKIPPED
    assert "skipped (no-build-step)" in err


def test_stdin_in_stdout_out() -> None:
    code, out, _ = run("-", stdin=MONO)

    assert code == 1
    assert out.count("FROM ") == 2


def test_an_unreadable_input_exits_two_and_the_batch_goes_on(
    dockerfile: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nope" / "Dockerfile"

    code, _, err = run("--check", str(missing), str(dockerfile))

    assert code == 2
    assert f"error: cannot read {missing}: no such file or directory" in err
    assert f"would rewrite {dockerfile}" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_utf8_exits_two(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM python:3.11\nRUN echo \xff\n")

    code, _, err = run(str(path))

    assert code == 2
    assert "is not UTF-8 text" in err


def test_json_reports_each_file(dockerfile: Path, tmp_path: Path) -> None:
    skipped = tmp_path / "other.Dockerfile"
    skipped.write_text(SKIPPED)

    code, out, _ = run("--format", "json", "--check", str(dockerfile), str(skipped))

    first, second = json.loads(out)
    assert code == 1
    assert first["status"] == "rewritten"
    assert first["stages"] == ["builder", "final"]
    assert first["final_base"] == "python:3.11-slim"
    assert {"source": "/app", "target": "/app", "why": "the application folder"} in (
        first["artifacts"]
    )
    assert (second["status"], second["code"]) == ("skipped", "no-build-step")


def test_base_map_file(dockerfile: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "bases.yaml"
    mapping.write_text("python:3.11: registry.corp/python:3.11-slim\n")

    code, out, _ = run("--base-map", str(mapping), str(dockerfile))

    assert code == 1
    assert "\nFROM registry.corp/python:3.11-slim\n" in out


def test_a_bad_base_map_exits_two(dockerfile: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "bases.yaml"
    mapping.write_text("- just\n- a list\n")

    code, _, err = run("--base-map", str(mapping), str(dockerfile))

    assert code == 2
    assert "base map" in err


def test_a_folder_stands_for_its_dockerfiles(dockerfile: Path) -> None:
    code, _, err = run("--check", str(dockerfile.parent))

    assert code == 1
    assert "would rewrite" in err


def test_help_documents_the_exit_codes() -> None:
    code, out, _ = run("--help")

    assert code == 0
    assert "Exit codes:" in out
    assert "2  an input could not be read" in out


@pytest.mark.parametrize(
    ("command", "content"),
    [
        pytest.param("rewrite", b"python:3.11: [not, a, name]\n", id="rewrite-shape"),
        pytest.param("verify", b"\xff\xfe", id="verify-not-utf8"),
        pytest.param("migrate", b"- a list\n", id="migrate-not-a-mapping"),
    ],
)
def test_every_command_refuses_a_bad_base_map_in_one_sentence(
    dockerfile: Path, tmp_path: Path, command: str, content: bytes
) -> None:
    base_map = tmp_path / "bases.yml"
    base_map.write_bytes(content)
    target = ["--org", "acme"] if command == "migrate" else [str(dockerfile)]

    result = CliRunner().invoke(
        cli, [command, "--base-map", str(base_map), *target], env={"GITHUB_TOKEN": "t"}
    )

    assert result.exit_code == 2
    assert "base map" in result.output or "bases.yml" in result.output
    assert "Traceback" not in result.output
