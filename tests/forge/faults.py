"""Faults a test arms on the forge: error answers, slow answers, an empty rate limit.

A fault matches requests by method and a regular expression searched in the path
(without the /api/v3 prefix) and hits the next `times` of them (None: every one).
"""

from __future__ import annotations

import collections
import re
import threading
from dataclasses import dataclass, replace

SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you "
    "try again. If you reach out to GitHub Support for help, please include the "
    "request ID 0000:0000:0000000:0000000:00000000."
)
SECONDARY_DOCS = (
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
    "#about-secondary-rate-limits"
)
PRIMARY_DOCS = (
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
    "#about-the-primary-rate-limit"
)


@dataclass(frozen=True, kw_only=True)
class Fault:
    status: int | None = None  # None: answer normally (after any delay)
    message: str = ""
    documentation_url: str | None = None
    retry_after: int | None = None
    reset_in: int | None = None  # x-ratelimit-remaining 0 until this many seconds on
    delay: float = 0.0
    method: str = "*"
    path: str = ""
    times: int | None = 1

    def matches(self, method: str, path: str) -> bool:
        same_method = self.method in ("*", method)
        return same_method and re.search(self.path, path) is not None


def secondary_rate_limit(*, retry_after: int = 1, **where: object) -> Fault:
    return Fault(
        status=403,
        message=SECONDARY_MESSAGE,
        documentation_url=SECONDARY_DOCS,
        retry_after=retry_after,
        **where,  # type: ignore[arg-type]
    )


def too_many_requests(*, retry_after: int = 1, **where: object) -> Fault:
    return Fault(
        status=429,
        message=SECONDARY_MESSAGE,
        documentation_url=SECONDARY_DOCS,
        retry_after=retry_after,
        **where,  # type: ignore[arg-type]
    )


def bad_gateway(**where: object) -> Fault:
    return Fault(status=502, message="Server Error", **where)  # type: ignore[arg-type]


def slow(seconds: float, **where: object) -> Fault:
    return Fault(delay=seconds, **where)  # type: ignore[arg-type]


def rate_limit_exhausted(*, reset_in: int = 1, **where: object) -> Fault:
    return Fault(
        status=403,
        message="API rate limit exceeded for user ID 1.",
        documentation_url=PRIMARY_DOCS,
        reset_in=reset_in,
        **where,  # type: ignore[arg-type]
    )


def rate_limit_low(*, reset_in: int = 60, **where: object) -> Fault:
    """A normal answer whose headers say the limit is spent until `reset_in`."""
    return Fault(reset_in=reset_in, **where)  # type: ignore[arg-type]


class Faults:
    """The armed faults, shared by every request thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[Fault] = []
        self._writes: collections.deque[float] = collections.deque()
        self._writes_per_minute: int | None = None
        self._retry_after = 60

    def limit_writes(self, per_minute: int | None, *, retry_after: int = 60) -> None:
        """Refuse content-creating calls past `per_minute` in any 60 s, as GitHub's
        secondary limit does (about 80); None lifts the limit."""
        with self._lock:
            self._writes_per_minute = per_minute
            self._retry_after = retry_after
            self._writes.clear()

    def over_write_limit(self, method: str, now: float) -> Fault | None:
        if method not in ("POST", "PATCH", "PUT", "DELETE"):
            return None
        with self._lock:
            if self._writes_per_minute is None:
                return None
            while self._writes and self._writes[0] <= now - 60:
                self._writes.popleft()
            if len(self._writes) >= self._writes_per_minute:
                return secondary_rate_limit(retry_after=self._retry_after)
            self._writes.append(now)
        return None

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._armed.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for index, fault in enumerate(self._armed):
                if not fault.matches(method, path):
                    continue
                if fault.times is not None:
                    left = fault.times - 1
                    if left > 0:
                        self._armed[index] = replace(fault, times=left)
                    else:
                        del self._armed[index]
                return fault
        return None
