"""`migrate --emit-jobs` and `worker --job`/`--job-file`: the CI-matrix round trip."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.forge.forge import Forge as LocalForge
from tests.scale.conftest import CLI, TOKEN
from tests.scale.test_campaign import migrate, one_pull_each, run, seed

NAMES = [f"acme/emit{n}" for n in range(3)]


def emitted(forge: LocalForge, tmp_path: Path, *extra: str) -> list[str]:
    done = run(migrate(forge, tmp_path, NAMES, "--emit-jobs", "-", *extra), tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_emitted_lines_run_one_by_one_through_redis(
    scale_forge: LocalForge, redis_url: str, tmp_path: Path
) -> None:
    seed(scale_forge, NAMES)
    lines = emitted(scale_forge, tmp_path, "--queue", redis_url, "--campaign", "ci")
    jobs_file = tmp_path / "jobs.jsonl"
    jobs_file.write_text("\n".join(lines) + "\n")

    specs = [json.loads(line) for line in lines]
    assert [spec["repository"] for spec in specs] == NAMES
    assert {spec["state"] for spec in specs} == {redis_url}
    assert {spec["campaign"] for spec in specs} == {"ci"}
    assert TOKEN not in "".join(lines)
    assert scale_forge.count() == 0  # emitting touched no repository

    first = run([*CLI, "worker", "--job", lines[0]], tmp_path)
    second = run(
        [*CLI, "worker", "--job-file", str(jobs_file), "--index", "1"], tmp_path
    )
    indexed = {"JOB_COMPLETION_INDEX": "2"}  # as a Kubernetes Indexed Job sets it
    third = run([*CLI, "worker", "--job-file", str(jobs_file)], tmp_path, env=indexed)
    rest = [second, third]
    again = run([*CLI, "worker", "--job", lines[0], "--json"], tmp_path)

    assert [r.returncode for r in (first, *rest, again)] == [0, 0, 0, 0]
    assert first.stdout.split("\t")[:2] == [NAMES[0], "opened"]
    one_pull_each(scale_forge, NAMES)
    assert json.loads(again.stdout)["status"] == "opened"  # recorded, not redone
    assert scale_forge.count("GET", rf"^/repos/{NAMES[0]}$") == 1


def test_without_a_queue_the_lines_share_the_sqlite_state(
    scale_forge: LocalForge, tmp_path: Path
) -> None:
    seed(scale_forge, NAMES[:1])
    line = emitted(scale_forge, tmp_path)[0]

    done = run([*CLI, "worker", "--job", line], tmp_path)

    assert done.returncode == 0, done.stderr
    with sqlite3.connect(tmp_path / "campaign.sqlite") as db:
        rows = db.execute("SELECT name, status FROM repositories").fetchall()
    assert rows == [(NAMES[0], "opened")]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        pytest.param(["--job", "{"], "not a JSON job line", id="bad-line"),
        pytest.param([], "give one of", id="nothing"),
        pytest.param(["--queue", "http://127.0.0.1:1"], "redis://", id="not-redis"),
        pytest.param(["--queue", "redis://127.0.0.1:1/0"], "cannot reach", id="down"),
    ],
)
def test_bad_worker_input_is_one_sentence_and_exit_2(
    argv: list[str], says: str, tmp_path: Path
) -> None:
    done = run([*CLI, "worker", *argv], tmp_path, timeout=60)
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_an_index_past_the_end_is_refused(tmp_path: Path) -> None:
    jobs_file = tmp_path / "jobs.jsonl"
    jobs_file.write_text("{}\n")
    done = run([*CLI, "worker", "--job-file", str(jobs_file), "--index", "3"], tmp_path)
    assert done.returncode == 2
    assert "no index 3" in done.stderr


def test_migrate_refuses_a_queue_it_cannot_reach(
    scale_forge: LocalForge, tmp_path: Path
) -> None:
    argv = migrate(scale_forge, tmp_path, NAMES, "--queue", "redis://127.0.0.1:1/0")
    done = run(argv, tmp_path, timeout=60)
    assert done.returncode == 2
    assert "cannot reach the queue" in done.stderr
    assert "Traceback" not in done.stderr
