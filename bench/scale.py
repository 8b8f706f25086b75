"""Queue throughput on the local forge: repositories per minute at 1, 2, 3 workers.

    PYTHONPATH=. .venv/bin/python bench/scale.py --repos 50 --workers 1 2 3

Each worker count gets a fresh redis-server (127.0.0.1, no persistence), a fresh
forge with `--repos` generated Go repositories, and that many
`dockerfile-refactor worker --queue` processes, already registered before the
clock starts. The campaign is then enqueued in-process and timed until the
last outcome lands. The mode is `--no-verify`: API reads, shallow clone,
rewrite, commit, push, open the PR, no image builds. Writes are not spaced
(`--write-interval 0`), as in bench/campaign.py; with the default 0.75 s the
shared pacer alone holds 50 PRs to at least 37 s whatever the worker count.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
from rq import Queue, Worker

from refactor.deliver.repository import DeliverySettings
from refactor.scale.campaign import queue_state, run_on_queue, specs_for
from refactor.scale.queue import QUEUE_NAME
from tests.forge.fixtures import running_forge

GO_MOD = "module example.com/svc\n\ngo 1.19\n"
MAIN_GO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("svc") }\n'
TOKEN_ENV = "BENCH_SCALE_TOKEN"


def dockerfile(index: int) -> str:
    return (
        "FROM golang:1.19\n\nWORKDIR /src\nCOPY go.mod main.go ./\n"
        f"RUN go build -o /usr/local/bin/svc{index} .\n\n"
        f'ENTRYPOINT ["svc{index}"]\n'
    )


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    binary = shutil.which("redis-server") or "redis-server"
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    argv += ["--appendonly", "no", "--dir", str(folder)]
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        server.kill()
        server.wait(10)


@contextmanager
def workers(url: str, count: int, env: dict[str, str]) -> Iterator[None]:
    argv = [sys.executable, "-m", "refactor", "worker", "--queue", url]
    started = [
        subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(count)
    ]
    queue = Queue(QUEUE_NAME, connection=redis.Redis.from_url(url))
    try:
        while Worker.count(queue=queue) < count:
            time.sleep(0.1)
        yield
    finally:
        for process in started:
            process.terminate()
        for process in started:
            process.wait(30)


def one_run(count: int, worker_count: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        with running_forge(root / "forge") as forge, redis_server(root) as url:
            names = [f"bench/svc{i:03d}" for i in range(count)]
            for index, name in enumerate(names):
                files = {"Dockerfile": dockerfile(index), "go.mod": GO_MOD}
                forge.create_repo(name, {**files, "main.go": MAIN_GO})
            env = {**os.environ, TOKEN_ENV: forge.token, "TMPDIR": scratch}
            specs = specs_for(
                names,
                delivery=DeliverySettings(verify_builds=False),
                campaign="bench",
                forge_url=forge.api_url,
                token_env=TOKEN_ENV,
                state=url,
                write_interval=0.0,
            )
            state = queue_state(url, campaign="bench")
            with workers(url, worker_count, env):
                started = time.monotonic()
                outcomes = run_on_queue(
                    url, specs, state=state, on_outcome=lambda outcome: None
                )
                elapsed = time.monotonic() - started
    return elapsed, sum(1 for outcome in outcomes if outcome.status == "opened")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=50)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    options = parser.parse_args()

    print(f"{options.repos} repositories, mode no-verify, {os.cpu_count()} CPUs")
    print("workers  seconds  repos/min  speed-up  opened")
    baseline = None
    for count in options.workers:
        elapsed, opened = one_run(options.repos, count)
        rate = 60 * options.repos / elapsed
        baseline = baseline or rate
        speed_up = rate / baseline
        print(f"{count:>7}  {elapsed:7.1f}  {rate:9.1f}  {speed_up:7.2f}x  {opened}")


if __name__ == "__main__":
    main()
