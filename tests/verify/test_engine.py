"""Bounded containers on a real engine: a program that prints forever is cut off
and removed, and nothing we start keeps a log the engine could grow."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from refactor.verify import engine as engine_
from refactor.verify.engine import Engine, RunLimits, Unavailable

pytestmark = pytest.mark.engine
LIMITS = RunLimits(timeout=60, memory="256m", pids_limit=64, output_limit=1 << 20)


@pytest.fixture(scope="module")
def engine(docker_cli: str) -> Engine:
    found = engine_.find_engine()
    assert not isinstance(found, Unavailable), found.reason
    return found


@pytest.fixture(scope="module")
def chatty(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An image whose default command prints forever, as an unattended prompt does."""
    folder = tmp_path_factory.mktemp("chatty")
    (folder / "Dockerfile").write_text(
        'FROM debian:bookworm-slim\nCMD ["yes", "again?"]\n'
    )
    tag = f"dockerfile-refactor-test:chatty-{uuid.uuid4().hex[:8]}"
    built = engine_.build(
        engine,
        dockerfile=folder / "Dockerfile",
        context=folder,
        tag=tag,
        network="host",
        timeout=300,
        tail_lines=20,
    )
    assert built.image, built.log
    yield tag
    engine_.remove_image(engine, tag)


def _containers_of(engine: Engine, image: str) -> list[str]:
    listed = subprocess.run(
        [engine.cli, "ps", "--all", "--quiet", "--filter", f"ancestor={image}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return listed.stdout.split()


def test_endless_output_is_cut_off_and_the_container_removed(
    engine: Engine, chatty: str
) -> None:
    finished = engine_.run(engine, chatty, None, limits=LIMITS)

    assert finished.overflowed
    assert finished.returncode is None
    assert len(finished.stdout) <= LIMITS.output_limit
    assert finished.stdout.startswith(b"again?\n")
    assert finished.seconds < LIMITS.timeout
    assert _containers_of(engine, chatty) == []


def test_a_time_limit_stops_a_silent_container(engine: Engine, chatty: str) -> None:
    limits = RunLimits(timeout=3, memory="256m", pids_limit=64, output_limit=1 << 20)
    finished = engine_.run(engine, chatty, ["sleep", "600"], limits=limits)

    assert finished.timed_out
    assert _containers_of(engine, chatty) == []


def test_served_containers_keep_no_log_and_are_removed(
    engine: Engine, chatty: str
) -> None:
    with engine_.serving(engine, chatty, None, limits=LIMITS) as name:
        driver = subprocess.run(
            [engine.cli, "inspect", "-f", "{{.HostConfig.LogConfig.Type}}", name],
            capture_output=True,
            text=True,
            check=True,
        )
        assert driver.stdout.strip() == "none"
    assert _containers_of(engine, chatty) == []


def test_builds_get_no_host_secrets(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "do-not-leak")
    assert "AWS_SECRET_ACCESS_KEY" not in engine.env()
    assert set(engine.env()) <= {*engine_.PASSED_ENV, "DOCKER_BUILDKIT"}


def test_a_cli_without_buildkit_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    legacy = Path("/usr/local/bin/docker")
    if not legacy.exists():
        pytest.skip("no docker 23+ CLI without buildx on this machine")
    monkeypatch.setenv(engine_.OVERRIDE, str(legacy))

    found = engine_.find_engine()

    assert isinstance(found, Unavailable)
    assert "BuildKit" in found.reason
