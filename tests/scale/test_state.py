"""The Redis campaign state behaves as the SQLite one where the delivery code looks."""

from __future__ import annotations

import threading

import redis

from refactor.deliver.outcome import FileChange, RepoOutcome
from refactor.scale.state import RedisState


def two_views(url: str) -> tuple[RedisState, RedisState]:
    """Two workers' views of one campaign, over separate connections."""
    return (
        RedisState(redis.Redis.from_url(url), campaign="c"),
        RedisState(redis.Redis.from_url(url), campaign="c"),
    )


def test_outcomes_recorded_by_one_worker_are_seen_by_another(redis_url: str) -> None:
    one, other = two_views(redis_url)
    one.add(["acme/a", "acme/b", "acme/c"])
    one.begin("acme/b", mode="")
    change = FileChange(
        path="Dockerfile", status="rewritten", bytes_before=9, bytes_after=4
    )
    one.finish(
        RepoOutcome(name="acme/b", status="opened", pr_url="u", files=(change,)),
        mode="",
    )
    other.begin("acme/c", mode="")

    rows = {row.name: row for row in other.repositories()}
    assert [row.name for row in other.repositories()] == ["acme/a", "acme/b", "acme/c"]
    assert rows["acme/a"].status == "pending"
    assert (rows["acme/b"].status, rows["acme/b"].pr_url, rows["acme/b"].saved) == (
        "opened",
        "u",
        5,
    )
    assert other.status_of("acme/c") == "running"
    assert other.unfinished(["acme/a", "acme/b", "acme/c"], mode="") == (
        "acme/a",
        "acme/c",
    )
    assert other.unfinished(["acme/b"], mode="push") == ("acme/b",)
    assert (
        RedisState(redis.Redis.from_url(redis_url), campaign="d").repositories() == ()
    )


def test_the_hourly_budget_holds_across_workers_racing_for_it(redis_url: str) -> None:
    views = [
        RedisState(redis.Redis.from_url(redis_url), campaign="c") for _ in range(8)
    ]
    now = 1_000_000.0
    waits: list[float | None] = []

    def take(index: int) -> None:
        for turn in range(5):
            waits.append(
                views[index].reserve_pull(f"acme/r{index}-{turn}", per_hour=10, now=now)
            )

    threads = [threading.Thread(target=take, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(1 for wait in waits if wait is None) == 10
    assert {wait for wait in waits if wait is not None} == {now + 3600}
    assert len(views[0].opened_since(now - 1)) == 10


def test_a_settled_slot_keeps_its_place_and_a_returned_one_frees_it(
    redis_url: str,
) -> None:
    state, _ = two_views(redis_url)
    assert state.reserve_pull("acme/a", per_hour=1, now=100.0) is None
    assert state.reserve_pull("acme/b", per_hour=1, now=101.0) == 3700.0
    state.settle_pull("acme/a", at=100.0, url=None)
    assert state.reserve_pull("acme/b", per_hour=1, now=102.0) is None
    state.settle_pull("acme/b", at=102.0, url="http://pr")
    assert state.opened_since(0) == (102.0,)
