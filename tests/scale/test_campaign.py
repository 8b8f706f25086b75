"""A 50-repository campaign on the queue: three worker processes, the local forge.

Every run is rewrite-only (--no-verify): the queue, the locks and the limits are
under test here, not the image builds.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import redis
from rq.job import Job

from refactor.scale.spec import job_id
from refactor.scale.state import RedisState
from tests.deliver.samples import go_repository
from tests.forge import faults
from tests.forge.forge import Forge as LocalForge
from tests.scale.conftest import CLI, Workers, environment

REPOSITORIES = [f"acme/svc{n:02d}" for n in range(50)]
INTERVAL = 0.1


def seed(forge: LocalForge, names: list[str]) -> None:
    for name in names:
        forge.create_repo(name, go_repository(name.split("/")[1]))


def migrate(
    forge: LocalForge,
    tmp_path: Path,
    names: list[str],
    *extra: str,
    interval: float = INTERVAL,
) -> list[str]:
    repos = tmp_path / "repos.txt"
    repos.write_text("\n".join(names) + "\n")
    return [
        *CLI,
        "migrate",
        "--repos",
        str(repos),
        "--github-url",
        forge.api_url,
        "--state",
        str(tmp_path / "campaign.sqlite"),
        "--no-verify",
        "--write-interval",
        str(interval),
        *extra,
    ]


def run(
    argv: list[str],
    tmp_path: Path,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        env={**environment(tmp_path), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_pull_each(forge: LocalForge, names: list[str]) -> None:
    for name in names:
        pulls = forge.pulls(name)
        assert len(pulls) == 1, (name, pulls)
        assert pulls[0].state == "open"
        assert forge.count("POST", rf"^/repos/{name}/pulls$") == 1, name


def test_fifty_repositories_three_workers_each_once(
    scale_forge: LocalForge, workers: Workers, redis_url: str, tmp_path: Path
) -> None:
    seed(scale_forge, REPOSITORIES)
    workers.start(3)

    done = run(
        migrate(scale_forge, tmp_path, REPOSITORIES, "--queue", redis_url), tmp_path
    )

    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line.split("\t") for line in done.stdout.splitlines()]
    assert sorted(line[0] for line in lines) == REPOSITORIES
    assert {line[1] for line in lines} == {"opened"}
    one_pull_each(scale_forge, REPOSITORIES)
    for name in REPOSITORIES:  # read once: no repository was handled twice
        assert scale_forge.count("GET", rf"^/repos/{name}$") == 1, name

    connection = redis.Redis.from_url(redis_url)
    ran_on = {
        Job.fetch(job_id("campaign", name), connection=connection).worker_name
        for name in REPOSITORIES
    }
    assert len(ran_on) >= 2, ran_on  # the work really was spread

    before = scale_forge.count()
    again = run(
        migrate(scale_forge, tmp_path, REPOSITORIES, "--queue", redis_url), tmp_path
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert scale_forge.count() == before  # a rerun finds the campaign finished

    page = tmp_path / "report.html"
    argv = [*CLI, "migrate", "--queue", redis_url, "--state", "campaign.sqlite"]
    report = run([*argv, "--report", str(page)], tmp_path)
    assert report.returncode == 0, report.stderr
    assert all(name in page.read_text() for name in REPOSITORIES)


def test_a_worker_killed_mid_job_leaves_its_job_to_another(
    scale_forge: LocalForge, workers: Workers, redis_url: str, tmp_path: Path
) -> None:
    seed(scale_forge, REPOSITORIES)
    slow_one = "acme/svc07"
    scale_forge.inject(faults.slow(15, method="GET", path=rf"^/repos/{slow_one}/pulls"))
    workers.start(3)
    campaign = subprocess.Popen(
        migrate(scale_forge, tmp_path, REPOSITORIES, "--queue", redis_url),
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    connection = redis.Redis.from_url(redis_url)
    holder = _running_on(connection, slow_one)
    assert RedisState(connection, campaign="campaign").status_of(slow_one) == "running"
    workers.kill(holder)
    out, err = campaign.communicate(timeout=150)

    assert campaign.returncode == 0, err[-3000:]
    statuses = dict(line.split("\t")[:2] for line in out.splitlines())
    assert sorted(statuses) == REPOSITORIES
    assert set(statuses.values()) == {"opened"}
    one_pull_each(scale_forge, REPOSITORIES)
    assert scale_forge.count("GET", rf"^/repos/{slow_one}$") == 2  # killed, then redone
    rescued = Job.fetch(job_id("campaign", slow_one), connection=connection)
    assert rescued.worker_name != holder


def _running_on(connection: redis.Redis, name: str) -> str:
    """The worker running `name`'s job, once the job sits in the slow request."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = Job.fetch_many([job_id("campaign", name)], connection=connection)[0]
        if job is not None and job.get_status() == "started" and job.worker_name:
            time.sleep(2.0)  # the clone is done and the slow request under way
            return job.worker_name
        time.sleep(0.1)
    raise AssertionError(f"{name}'s job never started")
