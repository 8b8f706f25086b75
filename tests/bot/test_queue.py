"""The durable queue: leases, per-repository exclusion, retries, redelivery."""

from __future__ import annotations

import time
from pathlib import Path

from refactor.bot.queue import Backoff, DeliveryQueue


def test_failed_delivery_is_processed_again_when_redelivered(tmp_path: Path) -> None:
    queue = DeliveryQueue(tmp_path / "q.sqlite", backoff=Backoff(attempts=1))
    queue.accept("d-1", "push", "acme/api", b"{}")
    job = queue.claim()
    assert job is not None

    assert queue.retry(job, "forge said 502") is False
    assert queue.claim() is None
    assert queue.accept("d-1", "push", "acme/api", b"{}") == "requeued"
    assert queue.claim() is not None


def test_retry_waits_for_its_backoff(tmp_path: Path) -> None:
    queue = DeliveryQueue(tmp_path / "q.sqlite", backoff=Backoff(first=0.3))
    queue.accept("d-1", "push", "acme/api", b"{}")
    job = queue.claim()
    assert job is not None

    assert queue.retry(job, "boom") is True
    assert queue.claim() is None
    time.sleep(0.35)
    again = queue.claim()
    assert again is not None and again.attempts == 2


def test_one_repository_runs_one_job_at_a_time(tmp_path: Path) -> None:
    queue = DeliveryQueue(tmp_path / "q.sqlite")
    queue.accept("d-1", "push", "acme/api", b"{}")
    queue.accept("d-2", "push", "acme/api", b"{}")
    queue.accept("d-3", "push", "acme/web", b"{}")

    first = queue.claim()
    second = queue.claim()

    assert first is not None and second is not None
    assert {first.repository, second.repository} == {"acme/api", "acme/web"}
    assert queue.claim() is None


def test_a_dead_workers_job_comes_back_after_its_lease(tmp_path: Path) -> None:
    queue = DeliveryQueue(tmp_path / "q.sqlite")
    queue.accept("d-1", "push", "acme/api", b"{}")
    assert queue.claim(lease=0.2) is not None

    assert queue.claim() is None
    time.sleep(0.25)
    again = DeliveryQueue(tmp_path / "q.sqlite").claim()
    assert again is not None and again.delivery == "d-1"
