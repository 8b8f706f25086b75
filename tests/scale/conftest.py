"""A real redis-server on 127.0.0.1, worker processes, and the local forge.

redis-server is a Debian package (tests/setup installs it). Where it is absent
the scale tests skip, except in CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from refactor.scale.lock import DEFAULT_LEASE
from tests.forge.fixtures import running_forge
from tests.forge.forge import Forge as LocalForge

TOKEN = "ghp_SCALETOKEN_4b1d_never_print_me"
CLI = [sys.executable, "-m", "refactor"]
LEASE = 2.0  # short, so a killed worker's job is rescued within seconds
assert LEASE < DEFAULT_LEASE


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed (tests/setup installs it)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
            "--maxmemory",
            "256mb",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _until_up(url)
        yield url
    finally:
        server.kill()
        server.wait(timeout=10)


def _until_up(url: str) -> None:
    deadline = time.monotonic() + 10
    client = redis.Redis.from_url(url)
    while True:
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        finally:
            client.close()


@pytest.fixture
def scale_forge(tmp_path: Path) -> Iterator[LocalForge]:
    with running_forge(tmp_path / "forge") as running:
        running.add_user("campaigner", TOKEN)
        yield running


def environment(tmp_path: Path) -> dict[str, str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    return {
        **os.environ,
        "GITHUB_TOKEN": TOKEN,
        "TMPDIR": str(scratch),
        "PYTHONPATH": str(Path(__file__).parents[2]),
        "DOCKERFILE_REFACTOR_LEASE": str(LEASE),
    }


class Workers:
    """`dockerfile-refactor worker --queue` processes, each in its own group."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.url = url
        self.tmp_path = tmp_path
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, count: int) -> None:
        for _ in range(count):
            name = f"w{len(self.processes) + 1}"
            log = (self.tmp_path / f"{name}.log").open("wb")
            self.processes[name] = subprocess.Popen(
                [*CLI, "worker", "--queue", self.url, "--name", name],
                env=environment(self.tmp_path),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self, name: str) -> None:
        """kill -9 of the worker and anything it started (git)."""
        os.killpg(self.processes[name].pid, 9)
        self.processes[name].wait(timeout=10)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, 9)
                process.wait(timeout=10)


@pytest.fixture
def workers(redis_url: str, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(redis_url, tmp_path)
    try:
        yield started
    finally:
        started.stop()
