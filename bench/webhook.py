"""Webhook intake: deliveries accepted per second and the acknowledgement time
under concurrent load, against the real `bot serve` process on 127.0.0.1.

Every delivery is signed and queued for real (SQLite, synchronous=FULL). The
events are pushes to a feature branch, which the workers dismiss at once, so
the figures measure the intake, not the rewrites.

    .venv/bin/python bench/webhook.py [--deliveries 2000] [--concurrency 200]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.bot.server import deliver, free_port

SECRET = b"bench-secret"
PAYLOAD = {
    "ref": "refs/heads/feature",
    "repository": {"full_name": "acme/api", "default_branch": "main"},
    "commits": [{"added": [], "modified": ["Dockerfile"], "removed": []}],
}


def _serve(state: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "DOCKERFILE_REFACTOR_WEBHOOK_SECRET": SECRET.decode(),
        "BENCH_TOKEN": "unused",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "refactor",
            "bot",
            "serve",
            "--port",
            str(port),
            "--state",
            str(state),
            "--token-env",
            "BENCH_TOKEN",
            "--github-url",
            "http://127.0.0.1:9",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            deliver(url, "ping", {}, secret=SECRET, delivery="warm")
            return process, url
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the bot did not start")


def _one(url: str, n: int) -> float:
    started = time.perf_counter()
    answer = deliver(url, "push", PAYLOAD, secret=SECRET, delivery=f"bench-{n}")
    if answer.status != 202:
        raise SystemExit(f"delivery {n} answered {answer.status}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=200)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        process, url = _serve(Path(scratch) / "bot.sqlite")
        try:
            started = time.perf_counter()
            with ThreadPoolExecutor(options.concurrency) as pool:
                times = list(
                    pool.map(lambda n: _one(url, n), range(options.deliveries))
                )
            elapsed = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(10)

    times.sort()
    p99 = times[int(len(times) * 0.99) - 1]
    print(
        json.dumps(
            {
                "deliveries": options.deliveries,
                "concurrency": options.concurrency,
                "accepted_per_second": round(options.deliveries / elapsed, 1),
                "ack_median_ms": round(statistics.median(times) * 1000, 1),
                "ack_p99_ms": round(p99 * 1000, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
