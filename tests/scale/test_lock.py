"""The per-repository lease: one holder at a time, renewed while held, and gone
within one lease when its holder dies."""

from __future__ import annotations

import threading
import time

import pytest
import redis

from refactor.scale.lock import LockTimeout, repository_lock


def test_a_second_worker_waits_for_the_first(redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    events: list[str] = []
    inside = threading.Event()

    def second() -> None:
        inside.wait()
        with repository_lock(
            redis.Redis.from_url(redis_url), "k", lease=0.5, poll=0.02
        ):
            events.append("second in")

    thread = threading.Thread(target=second)
    thread.start()
    with repository_lock(connection, "k", lease=0.5):
        inside.set()
        time.sleep(1.2)  # past two leases: only renewal keeps the key ours
        events.append("first out")
    thread.join(timeout=10)

    assert events == ["first out", "second in"]
    assert not connection.exists("k")


def test_an_abandoned_lease_expires_and_is_not_released_by_a_stranger(
    redis_url: str,
) -> None:
    connection = redis.Redis.from_url(redis_url)
    connection.set("k", "a dead worker", px=300)
    with pytest.raises(LockTimeout), repository_lock(connection, "k", wait=0.1):
        pass
    assert connection.get("k") == b"a dead worker"

    with repository_lock(connection, "k", wait=2.0, poll=0.02):
        assert connection.get("k") != b"a dead worker"
