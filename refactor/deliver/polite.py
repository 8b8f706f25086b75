"""Politeness: space content-creating calls and cap pull requests per hour.

GitHub's secondary limits allow about 80 content-creating requests a minute;
0.75 s between them stays under that with one process. The pacer is shared by
the worker threads of a campaign.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

HOUR = 3600.0
DEFAULT_WRITE_INTERVAL = 0.75


class Pacer(Protocol):
    def wait(self) -> None:
        """Block until the next content-creating call may start."""


class IntervalPacer:
    """At least `interval` seconds between the starts of consecutive calls."""

    def __init__(
        self,
        interval: float = DEFAULT_WRITE_INTERVAL,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = float("-inf")

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            if now < self._next:
                self._sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


def next_opening(
    opened: Sequence[float], *, now: float, per_hour: int | None
) -> float | None:
    """None if a PR may be opened now, else when the oldest one leaves the hour.

    `opened` holds the times PRs were opened, oldest first.
    """
    if per_hour is None:
        return None
    recent = [moment for moment in opened if moment > now - HOUR]
    if len(recent) < per_hour:
        return None
    return recent[len(recent) - per_hour] + HOUR
