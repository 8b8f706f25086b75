from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from refactor.deliver.outcome import FileChange, RepoOutcome
from refactor.deliver.state import State


def test_unfinished_repositories_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "campaign.sqlite"
    state = State(path)
    state.add(["o/a", "o/b", "o/c"])
    state.begin("o/a", mode="")
    state.finish(RepoOutcome(name="o/a", status="opened", pr_url="http://x/1"), mode="")
    state.begin("o/b", mode="")
    state.close()

    again = State(path)
    assert again.unfinished(["o/a", "o/b", "o/c"], mode="") == ("o/b", "o/c")
    assert [row.status for row in again.repositories()] == [
        "opened",
        "running",
        "pending",
    ]


def test_a_dry_run_result_does_not_count_as_done_for_a_real_run(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite")
    state.add(["o/a"])
    state.begin("o/a", mode="rewrite")
    state.finish(RepoOutcome(name="o/a", status="rewritten"), mode="rewrite")

    assert state.unfinished(["o/a"], mode="rewrite") == ()
    assert state.unfinished(["o/a"], mode="") == ("o/a",)


def test_failed_and_deferred_repositories_are_retried(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite")
    state.add(["o/a", "o/b"])
    state.finish(RepoOutcome(name="o/a", status="failed", stage="clone"), mode="")
    state.finish(RepoOutcome(name="o/b", status="deferred", retry_at=5.0), mode="")

    assert state.unfinished(["o/a", "o/b"], mode="") == ("o/a", "o/b")


def test_files_and_sizes_are_stored_with_the_repository(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    state = State(path)
    files = (
        FileChange(
            path="Dockerfile", status="verified", bytes_before=900, bytes_after=300
        ),
        FileChange(path="x.Dockerfile", status="skipped", reason="no-build-step"),
    )
    state.add(["o/a"])
    state.finish(RepoOutcome(name="o/a", status="opened", files=files), mode="")

    row = state.repositories()[0]
    assert (row.bytes_before, row.bytes_after, row.saved) == (900, 300, 600)
    stored = sqlite3.connect(path).execute("SELECT path, status FROM files").fetchall()
    assert sorted(stored) == [("Dockerfile", "verified"), ("x.Dockerfile", "skipped")]


def test_the_hourly_budget_is_shared_by_threads(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite")
    granted: list[str] = []

    def claim(name: str) -> None:
        if state.reserve_pull(name, per_hour=3, now=1000.0) is None:
            granted.append(name)

    threads = [threading.Thread(target=claim, args=(f"o/r{i}",)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(granted) == 3
    assert state.reserve_pull("o/late", per_hour=3, now=1001.0) == 1000.0 + 3600


def test_a_released_slot_can_be_taken_again(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite")
    assert state.reserve_pull("o/a", per_hour=1, now=10.0) is None
    state.settle_pull("o/a", at=10.0, url=None)
    assert state.reserve_pull("o/b", per_hour=1, now=11.0) is None
    assert state.opened_since(0.0) == (11.0,)


def test_the_state_folder_is_created(tmp_path: Path) -> None:
    state = State(tmp_path / "campaigns" / "q3" / "state.sqlite")
    state.add(["o/a"])
    assert state.unfinished(["o/a"], mode="") == ("o/a",)
