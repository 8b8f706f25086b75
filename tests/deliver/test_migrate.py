"""The real `dockerfile-refactor migrate` in a subprocess against the local forge."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.deliver.samples import go_repository
from tests.forge import faults
from tests.forge.forge import Forge as LocalForge

TOKEN = "ghp_TESTTOKEN_7f3a9c_never_print_me"
CLI = [sys.executable, "-m", "refactor"]


def repo_list(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "repos.txt"
    path.write_text("# the campaign\n" + "\n".join(names) + "\n")
    return path


def command(local_forge: LocalForge, tmp_path: Path, names: list[str], *extra: str):
    return [
        *CLI,
        "migrate",
        "--repos",
        str(repo_list(tmp_path, names)),
        "--github-url",
        local_forge.api_url,
        "--state",
        str(tmp_path / "state.sqlite"),
        "--no-verify",
        "--write-interval",
        "0",
        "--labels",
        "dockerfile-refactor",
        *extra,
    ]


def environment(tmp_path: Path) -> dict[str, str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    return {
        **os.environ,
        "GITHUB_TOKEN": TOKEN,
        "TMPDIR": str(scratch),
        "PYTHONPATH": str(Path(__file__).parents[2]),
    }


@pytest.fixture
def forge_with_user(local_forge: LocalForge) -> LocalForge:
    local_forge.add_user("campaigner", TOKEN)
    return local_forge


def start(argv: list[str], tmp_path: Path) -> subprocess.Popen[bytes]:
    """The CLI in its own process group, so kill -9 takes its git children too."""
    return subprocess.Popen(
        argv,
        env=environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def finished(state: Path) -> int:
    if not state.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=5) as db:
            rows = db.execute("SELECT COUNT(*) FROM repositories WHERE status='opened'")
            return int(rows.fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_a_campaign_from_the_command_line(
    forge_with_user: LocalForge, tmp_path: Path
) -> None:
    forge = forge_with_user
    forge.create_repo("acme/api", go_repository("api"))
    forge.create_repo("acme/worker", go_repository("worker"))
    forge.create_repo("acme/docs", {"README.md": "hi\n"})
    report = tmp_path / "report.html"

    ran = subprocess.run(
        [
            *command(forge, tmp_path, ["acme/api", "acme/worker", "acme/docs"]),
            "--json",
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=120,
    )

    assert ran.returncode == 0, ran.stderr
    results = {r["name"]: r for r in json.loads(ran.stdout)}
    assert results["acme/api"]["status"] == "opened"
    assert results["acme/api"]["pr_url"].endswith("/acme/api/pull/1")
    assert results["acme/docs"]["status"] == "nothing-to-do"
    assert (
        "acme/api" in report.read_text()
        and 'href="http://127.0.0.1' in report.read_text()
    )
    assert not list((tmp_path / "tmp").iterdir())  # clones removed


def test_kill_minus_nine_at_several_points_then_resume(
    forge_with_user: LocalForge, tmp_path: Path
) -> None:
    forge = forge_with_user
    names = [f"acme/svc{i}" for i in range(8)]
    for name in names:
        forge.create_repo(name, go_repository())
    state = tmp_path / "state.sqlite"
    argv = command(forge, tmp_path, names, "--jobs", "2")
    counts: list[int] = []

    for kill_when in (lambda: finished(state) >= 1, lambda: finished(state) >= 4):
        running = start(argv, tmp_path)
        deadline = time.monotonic() + 60
        while (
            not kill_when() and running.poll() is None and time.monotonic() < deadline
        ):
            time.sleep(0.01)
        os.killpg(running.pid, signal.SIGKILL)
        running.wait(timeout=30)
        counts.append(finished(state))

    forge.inject(faults.slow(1.5, method="POST", path=r"/pulls$", times=None))
    slowed = start(argv, tmp_path)
    time.sleep(2.5)  # a pull request creation is in flight now
    os.killpg(slowed.pid, signal.SIGKILL)
    slowed.wait(timeout=30)
    counts.append(finished(state))
    forge.faults.clear()

    final = subprocess.run(
        argv, env=environment(tmp_path), capture_output=True, text=True, timeout=120
    )

    assert final.returncode == 0, final.stdout + final.stderr
    assert 1 <= counts[0] <= counts[-1] < len(names), counts  # killed mid-campaign
    assert [len(forge.pulls(name)) for name in names] == [1] * len(names)
    # A creation in flight when the process died may still land on the forge
    # after the rerun looked for it; the rerun's own POST is then refused (422)
    # and the existing PR adopted. What must hold: one PR created per repository.
    created = [r for r in forge.requests("POST", r"/pulls$") if r.status < 400]
    assert len(created) == len(names)
    with sqlite3.connect(state) as db:
        statuses = [row[0] for row in db.execute("SELECT status FROM repositories")]
    assert sorted(set(statuses)) <= ["opened", "up-to-date"] and len(statuses) == 8


def test_the_token_never_leaks(forge_with_user: LocalForge, tmp_path: Path) -> None:
    forge = forge_with_user
    forge.create_repo("acme/api", go_repository())
    forge.create_repo("acme/blocked", go_repository())
    forge.reject_pushes("acme/blocked", "no pushes here")

    ran = subprocess.run(
        [
            *command(forge, tmp_path, ["acme/api", "acme/blocked", "acme/missing"]),
            "--verbose",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=120,
    )

    assert ran.returncode == 1
    assert "$ git clone" in ran.stderr and "no pushes here" in ran.stdout
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("state.sqlite*"))
    for text in (ran.stdout, ran.stderr, stored.decode(errors="replace")):
        assert TOKEN not in text
    assert not list((tmp_path / "tmp").iterdir())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param([], "give --org ORG or --repos FILE", id="no-source"),
        pytest.param(
            ["--org", "acme", "--branch-prefix", "-x"],
            "refusing branch name",
            id="bad-prefix",
        ),
        pytest.param(
            ["--org", "acme", "--dry-run", "build", "--no-verify"],
            "--dry-run build needs verification",
            id="contradiction",
        ),
    ],
)
def test_bad_options_give_one_sentence_and_exit_2(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    ran = subprocess.run(
        [*CLI, "migrate", "--state", str(tmp_path / "s.sqlite"), *arguments],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=60,
    )

    assert ran.returncode == 2
    assert message in ran.stderr and "Traceback" not in ran.stderr


def test_git_over_http_authenticates_through_askpass_only(
    forge_with_user: LocalForge, tmp_path: Path
) -> None:
    forge = forge_with_user
    forge.serve_git_over_http()
    forge.create_repo("acme/api", go_repository())
    wrong = {**environment(tmp_path), "GITHUB_TOKEN": "ghp_wrong_token_for_git"}
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[credential]\n\thelper = store\n")

    ran = subprocess.run(
        [*command(forge, tmp_path, ["acme/api"]), "--verbose"],
        capture_output=True,
        text=True,
        env={**environment(tmp_path), "HOME": str(home)},
        timeout=120,
    )
    refused = subprocess.run(
        [
            *command(forge, tmp_path, ["acme/api"]),
            "--state",
            str(tmp_path / "2.sqlite"),
        ],
        capture_output=True,
        text=True,
        env=wrong,
        timeout=120,
    )

    assert ran.returncode == 0, ran.stderr
    assert (
        "$ git clone --depth=1 --no-tags --single-branch --branch=main -- http://"
        in ran.stderr
    )
    assert len(forge.pulls("acme/api")) == 1
    assert not (home / ".git-credentials").exists()
    assert forge.branch_sha("acme/api", "dockerfile-refactor/multi-stage") is not None
    assert refused.returncode == 1 and "failed" in refused.stdout
    for text in (ran.stdout, ran.stderr, refused.stdout, refused.stderr):
        assert TOKEN not in text and "ghp_wrong_token_for_git" not in text


def test_the_hourly_budget_says_when_the_campaign_continues(
    forge_with_user: LocalForge, tmp_path: Path
) -> None:
    forge = forge_with_user
    for name in ("acme/a", "acme/b", "acme/c"):
        forge.create_repo(name, go_repository())

    ran = subprocess.run(
        [
            *command(forge, tmp_path, ["acme/a", "acme/b", "acme/c"]),
            "--max-prs-per-hour",
            "1",
        ],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=120,
    )

    assert ran.returncode == 1
    assert "PR budget spent: the campaign continues at 20" in ran.stderr
    assert "1 deferred, 1 opened, 1 pending" in ran.stderr
    assert sum(len(forge.pulls(n)) for n in ("acme/a", "acme/b", "acme/c")) == 1
