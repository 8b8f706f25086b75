"""The bot's own multi-stage image builds on the stand-ins and serves webhooks."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.bot.server import free_port

REPO = Path(__file__).resolve().parents[2]
TAG = "dockerfile-refactor-test/bot:image"


def _build(cli: str) -> None:
    argv = [cli, "build", "--network", "host", "-f", "refactor/bot/Dockerfile"]
    built = subprocess.run(
        [*argv, "--progress", "plain", "-t", TAG, "."],
        cwd=REPO,
        env={**os.environ, "DOCKER_BUILDKIT": "1"},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert built.returncode == 0, built.stderr[-3000:]


def _health(port: int) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            return dict(json.loads(r.read()))
    except OSError:
        return None


def test_bot_image_builds_and_answers_health(docker_cli: str) -> None:
    _build(docker_cli)
    port = free_port()
    name = f"dfr-bot-image-{port}"
    run = [
        "timeout",
        "120",
        docker_cli,
        "run",
        "--rm",
        "--name",
        name,
        "--network",
        "host",
        "--log-driver",
        "none",
        "--memory",
        "512m",
        "--pids-limit",
        "256",
        "-e",
        "DOCKERFILE_REFACTOR_WEBHOOK_SECRET=s",
        "-e",
        "BOT_TOKEN=t",
        TAG,
        "bot",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--state",
        "/data/bot.sqlite",
        "--token-env",
        "BOT_TOKEN",
        "--github-url",
        "http://127.0.0.1:9",
    ]
    server = subprocess.Popen(run, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        answer = None
        deadline = time.monotonic() + 60
        while answer is None and time.monotonic() < deadline:
            time.sleep(0.5)
            answer = _health(port)
        assert answer == {"status": "ok", "queue_depth": 0}
    finally:
        subprocess.run([docker_cli, "rm", "-f", name], capture_output=True, timeout=60)
        server.wait(30)
        subprocess.run([docker_cli, "rmi", "-f", TAG], capture_output=True, timeout=60)

    assert _image_absent(docker_cli)


def _image_absent(cli: str) -> bool:
    found = subprocess.run(
        [cli, "image", "inspect", TAG], capture_output=True, timeout=60
    )
    return found.returncode != 0
