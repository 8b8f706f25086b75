"""The write pacer shared by every worker: one Redis key holds the next free slot.

A Lua script reads the server's clock, takes the later of now and the stored
slot, and moves the slot one interval on, all in one atomic step; the caller
sleeps until its slot. Using Redis's clock means workers on machines whose
clocks disagree still space their calls by the interval.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import redis

# KEYS[1] the slot key; ARGV[1] the interval in microseconds.
# Returns how many microseconds the caller must wait for its slot.
_RESERVE = """
local now = redis.call('TIME')
local now_us = tonumber(now[1]) * 1000000 + tonumber(now[2])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now_us, slot)
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%d', start + interval),
           'PX', math.floor(interval / 1000) + 60000)
return start - now_us
"""


def pacer_key(forge_url: str) -> str:
    """One pacer per API: GitHub counts a user's writes, wherever they come from."""
    return f"dfr:pace:{forge_url.rstrip('/')}"


class RedisPacer:
    """At least `interval` seconds between the starts of calls, across processes."""

    def __init__(
        self,
        connection: redis.Redis,
        *,
        key: str,
        interval: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.key = key
        self._reserve = connection.register_script(_RESERVE)
        self._sleep = sleep

    def wait(self) -> None:
        seconds = self.reserve()
        if seconds > 0:
            self._sleep(seconds)

    def reserve(self) -> float:
        """Take the next slot; how many seconds from now it starts."""
        if self.interval <= 0:
            return 0.0
        micros = int(self._reserve(keys=[self.key], args=[int(self.interval * 1e6)]))
        return micros / 1e6
