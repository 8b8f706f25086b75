from __future__ import annotations

import itertools
import threading
import time

from refactor.deliver.polite import HOUR, IntervalPacer, next_opening
from refactor.deliver.secret import Secret


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_pacer_spaces_calls_by_the_interval() -> None:
    fake = FakeClock()
    pacer = IntervalPacer(0.75, clock=fake.clock, sleep=fake.sleep)

    pacer.wait()
    pacer.wait()
    fake.now += 2.0
    pacer.wait()

    assert fake.slept == [0.75]


def test_pacer_holds_threads_apart_on_the_real_clock() -> None:
    pacer = IntervalPacer(0.05)
    starts: list[float] = []

    def call() -> None:
        pacer.wait()
        starts.append(time.monotonic())

    threads = [threading.Thread(target=call) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    starts.sort()
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.045


def test_no_budget_means_no_wait() -> None:
    assert next_opening([1.0, 2.0, 3.0], now=10.0, per_hour=None) is None


def test_budget_left_means_no_wait() -> None:
    assert next_opening([1.0, 2.0], now=10.0, per_hour=3) is None


def test_spent_budget_waits_for_the_oldest_counted_pr_to_age_out() -> None:
    opened = [100.0, 200.0, 300.0]
    assert next_opening(opened, now=400.0, per_hour=2) == 200.0 + HOUR
    assert next_opening(opened, now=400.0, per_hour=3) == 100.0 + HOUR


def test_prs_older_than_an_hour_do_not_count() -> None:
    assert next_opening([0.0, 10.0], now=HOUR + 5.0, per_hour=2) is None


def test_a_secret_never_shows_in_repr_or_str() -> None:
    secret = Secret("ghp_hunter2")
    assert "hunter2" not in repr(secret)
    assert "hunter2" not in str(secret)
    assert "hunter2" not in repr({"token": secret})
    assert secret.redact("auth ghp_hunter2 failed") == "auth *** failed"
