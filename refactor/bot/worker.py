"""Background workers: claim a delivery, handle it, record the outcome or retry."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from refactor.bot.queue import DeliveryQueue, Job


@dataclass(frozen=True)
class Handled:
    """What a handler did with a delivery; `ignored` marks events it had no use for."""

    outcome: str
    ignored: bool = False


Handler = Callable[[Job], Handled]


class Workers:
    """`count` threads working the queue until `stop()`; a handler that raises
    puts its job back with a delay instead of losing it."""

    def __init__(
        self, queue: DeliveryQueue, handler: Handler, *, count: int, idle: float = 0.5
    ) -> None:
        self.queue = queue
        self.handler = handler
        self.idle = idle
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._loop, name=f"bot-worker-{n}", daemon=True)
            for n in range(count)
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            job = self.queue.claim()
            if job is None:
                self._stopping.wait(self.idle)
                continue

            self.work(job)

    def work(self, job: Job) -> None:
        try:
            handled = self.handler(job)
        except Exception:  # a batch never stops for one bad delivery
            self.queue.retry(job, traceback.format_exc(limit=8))
            return

        self.queue.complete(job, handled.outcome, ignored=handled.ignored)
