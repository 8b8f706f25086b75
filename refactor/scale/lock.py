"""A per-repository lease in Redis, so no two workers handle one repository at once.

The lease is `SET key owner NX PX lease` and a thread renews it while the work
runs; a worker killed mid-job stops renewing, the key expires after one lease,
and that expiry is also how an abandoned job is recognised (`scale.queue`).
Renewal and release only touch a key that still holds this owner's token.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from redis.commands.core import Script

DEFAULT_LEASE = 30.0

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class LockTimeout(Exception):
    """Another worker held the repository for longer than we were willing to wait."""


def lock_key(repository: str) -> str:
    # Not per campaign: a bot push and a campaign must not race on one branch.
    return f"dfr:lock:{repository}"


@contextmanager
def repository_lock(
    connection: redis.Redis,
    key: str,
    *,
    lease: float = DEFAULT_LEASE,
    wait: float = 3600.0,
    poll: float = 0.2,
) -> Iterator[None]:
    """Hold `key` for the duration of the block, renewing it every third of a lease."""
    owner = uuid.uuid4().hex
    millis = max(1, int(lease * 1000))
    deadline = time.monotonic() + wait
    while not connection.set(key, owner, nx=True, px=millis):
        if time.monotonic() > deadline:
            raise LockTimeout(f"{key} was held by another worker for {wait:.0f}s")
        time.sleep(poll)

    stop = threading.Event()
    renew = connection.register_script(_RENEW)
    renewer = threading.Thread(
        target=_renew_until, args=(stop, renew, key, owner, millis), daemon=True
    )
    renewer.start()
    try:
        yield
    finally:
        stop.set()
        renewer.join()
        connection.register_script(_RELEASE)(keys=[key], args=[owner])


def _renew_until(
    stop: threading.Event, renew: Script, key: str, owner: str, millis: int
) -> None:
    while not stop.wait(millis / 3000):
        try:
            renew(keys=[key], args=[owner, millis])
        except redis.RedisError:
            continue  # a blip: the next renewal may still land within the lease
