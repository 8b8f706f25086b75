"""verify() on a real engine: a small case verifies, and each broken rewrite is
caught by the check meant for it.

The case copies `cat` and the C library into a `scratch` final stage, so it
needs only the debian stand-ins and no network, and it exercises the
shell-less path (the image's files are read by exporting it).
"""

from __future__ import annotations

import socket
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from refactor.commands.verify import write_if_proven
from refactor.pipeline import FileResult
from refactor.plan.outcome import RewriteReport, Rewritten
from refactor.verify import Verification, VerifySettings, verify

CASE = Path(__file__).parent / "cases" / "tiny"
SETTINGS = VerifySettings(build_network="host", run_timeout=30)
pytestmark = pytest.mark.engine


@dataclass(frozen=True)
class Planned:
    """What a rewriter's report tells verify (the RewriteReport fields it reads)."""

    planned_env: dict[str, str] = field(default_factory=dict)
    left_behind: tuple[str, ...] = ()


def _verify(rewritten: str, dockerfile: Path = CASE / "Dockerfile") -> Verification:
    return verify(
        dockerfile=dockerfile,
        context=CASE,
        rewritten=rewritten,
        report=Planned(),
        settings=SETTINGS,
    )


def _check(verification: Verification, name: str) -> str:
    return next(c.status for c in verification.checks if c.name == name)


def _mutated(old: str, new: str) -> str:
    text = (CASE / "rewrite.Dockerfile").read_text()
    assert old in text
    return text.replace(old, new)


def test_a_correct_rewrite_verifies(docker_cli: str) -> None:
    result = _verify((CASE / "rewrite.Dockerfile").read_text())

    assert result.status == "verified", result.checks
    assert [c.status for c in result.checks] == ["passed"] * 5
    assert result.original is not None and result.rewrite is not None
    assert result.rewrite.uncompressed_bytes < result.original.uncompressed_bytes / 10
    assert 0 < result.rewrite.compressed_bytes < result.rewrite.uncompressed_bytes


def test_a_dropped_library_fails_the_closure_check(docker_cli: str) -> None:
    libc = "/lib/x86_64-linux-gnu/libc.so.6"
    result = _verify(_mutated(f"COPY --from=builder {libc} {libc}\n", ""))

    assert result.status == "failed"
    assert _check(result, "closure") == "failed"
    closure = next(c for c in result.checks if c.name == "closure")
    assert "needs libc.so.6, not found" in closure.evidence


def test_a_moved_binary_fails_closure_files_and_smoke(docker_cli: str) -> None:
    moved = (
        "COPY --from=builder /app/message.txt /app/\n"
        "COPY --from=builder /app/bin/show /usr/local/bin/show"
    )
    result = _verify(_mutated("COPY --from=builder /app /app", moved))

    assert result.status == "failed"
    assert _check(result, "closure") == "failed"
    assert _check(result, "files") == "failed"
    assert _check(result, "smoke") == "failed"


@pytest.fixture(scope="module")
def lost_env(docker_cli: str) -> tuple[str, Verification]:
    text = _mutated("ENV GREETING=hello\n", "")
    return text, _verify(text)


def test_a_lost_env_fails_the_config_check(lost_env: tuple[str, Verification]) -> None:
    _, result = lost_env

    assert result.status == "failed"
    assert _check(result, "config") == "failed"
    assert _check(result, "smoke") == "passed"
    config = next(c for c in result.checks if c.name == "config")
    assert "GREETING" in config.evidence


def test_write_leaves_the_file_untouched_unless_verified(
    lost_env: tuple[str, Verification], tmp_path: Path
) -> None:
    text, failed = lost_env
    target = tmp_path / "Dockerfile"
    target.write_text("the user's file\n")
    report = RewriteReport(
        builder_base="debian:bookworm",
        final_base="scratch",
        stages=("builder", ""),
        moved=(),
        artifacts=(),
        runtime_packages=(),
        planned_env={},
        left_behind=(),
    )
    result = FileResult(target, Rewritten(text, report), failed)

    assert not write_if_proven(result)
    assert target.read_text() == "the user's file\n"

    proven = FileResult(
        target, Rewritten(text, report), replace(failed, status="verified")
    )
    assert write_if_proven(proven)
    assert target.read_text() == text


def test_an_original_that_does_not_build_is_not_our_failure(
    docker_cli: str, tmp_path: Path
) -> None:
    broken = tmp_path / "Dockerfile"
    broken.write_text("FROM debian:bookworm-slim\nRUN echo about to fail && false\n")
    result = _verify((CASE / "rewrite.Dockerfile").read_text(), dockerfile=broken)

    assert result.status == "original-does-not-build"
    assert "about to fail" in result.logs["original"]
    assert result.checks == ()


def test_a_missing_engine_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = f"tcp://127.0.0.1:{port}"
    answer = subprocess.run(
        [sys.executable, "-m", "refactor", "verify", str(CASE / "Dockerfile")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DOCKER_HOST": closed},
        timeout=120,
    )

    assert answer.returncode == 2
    assert "Traceback" not in answer.stderr
    assert answer.stderr.strip().splitlines() == [
        f"error: no Docker engine answers at {closed} (via /usr/bin/docker)."
    ]
