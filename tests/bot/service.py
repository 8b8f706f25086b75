"""The real `dockerfile-refactor bot serve` as a process, against the local forge."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.bot.server import free_port

SECRET = "bot-test-secret"


@dataclass
class BotProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """kill -9: no chance to tidy up, as a crash or an OOM kill would leave it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def health(self) -> dict[str, object]:
        with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as answer:
            return dict(json.loads(answer.read()))


def start_bot(
    *, api_url: str, app_id: int, key: Path, state: Path, extra: tuple[str, ...] = ()
) -> BotProcess:
    port = free_port()
    log = state.with_suffix(f".{port}.log")
    argv = [
        sys.executable,
        "-m",
        "refactor",
        "bot",
        "serve",
        "--port",
        str(port),
        "--github-url",
        api_url,
        "--app-id",
        str(app_id),
        "--private-key",
        str(key),
        "--state",
        str(state),
        "--workers",
        "2",
        "--write-interval",
        "0",
        *extra,
    ]
    env = {**os.environ, "DOCKERFILE_REFACTOR_WEBHOOK_SECRET": SECRET}
    with log.open("wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT, env=env)
    bot = BotProcess(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until(lambda: _answers(bot), 30, "the bot did not start")
    except BaseException:
        bot.kill()
        raise
    return bot


def _answers(bot: BotProcess) -> bool:
    if bot.process.poll() is not None:
        raise RuntimeError(f"the bot exited: {_tail(bot.log)}")
    try:
        bot.health()
    except OSError:
        return False
    return True


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else ""


def _wait_until(ready: Callable[[], bool], seconds: float, message: str) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.1)


def eventually(ready: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return True
        time.sleep(0.2)
    return ready()
