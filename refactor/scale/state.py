"""Campaign state in Redis, for workers on many machines.

It is a `State` with every method the delivery code and the campaign call
reimplemented on Redis (the SQLite base class is never initialised), so
`handle_repository` takes it unchanged. Keys live under `dfr:<campaign>:`:
a sorted set of repositories by position, one hash per repository, and a
sorted set of PR openings by time that the hourly budget is checked against
in one Lua script, so two workers cannot both take the last slot.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import cast

import redis

from refactor.deliver.outcome import FINISHED, RepoOutcome
from refactor.deliver.polite import HOUR, next_opening
from refactor.deliver.state import RepoRow, State

# KEYS[1] openings; ARGV: cut-off, per hour (-1: no cap), now, member.
# Returns the recent openings' scores when the hour is full, else records one.
_RESERVE = """
local recent = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf',
                          'WITHSCORES')
local cap = tonumber(ARGV[2])
if cap >= 0 and #recent / 2 >= cap then
  return recent
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
return {}
"""
_TEXT_FIELDS = ("status", "mode", "reason", "stage", "pr_url")


class RedisState(State):
    def __init__(self, connection: redis.Redis, *, campaign: str) -> None:
        # The SQLite parent is deliberately not initialised: no file is opened.
        self.path = Path(f"redis:{campaign}")
        self.campaign = campaign
        self._redis = connection
        self._prefix = f"dfr:{campaign}:"
        self._reserve = connection.register_script(_RESERVE)

    def __repr__(self) -> str:
        return f"RedisState(campaign={self.campaign!r})"

    def _key(self, *parts: str) -> str:
        return self._prefix + ":".join(parts)

    def close(self) -> None:
        self._redis.close()

    def add(self, names: Iterable[str]) -> None:
        start = int(self._redis.zcard(self._key("repos")))
        positions = {name: start + i for i, name in enumerate(names)}
        if positions:
            self._redis.zadd(self._key("repos"), positions, nx=True)

    def unfinished(self, names: Iterable[str], *, mode: str) -> tuple[str, ...]:
        wanted = list(names)
        pipe = self._redis.pipeline(transaction=False)
        for name in wanted:
            pipe.hmget(self._key("repo", name), "status", "mode")
        rows = pipe.execute()
        return tuple(
            name
            for name, (status, row_mode) in zip(wanted, rows, strict=True)
            if not (_text(status) in FINISHED and _text(row_mode) == mode)
        )

    def status_of(self, name: str) -> str:
        """The recorded status of `name` ('' when unknown); `running` while held."""
        return _text(self._redis.hget(self._key("repo", name), "status"))

    def begin(self, name: str, *, mode: str) -> None:
        self.add([name])
        pipe = self._redis.pipeline()
        key = self._key("repo", name)
        pipe.hset(key, mapping={"status": "running", "mode": mode})
        pipe.hset(key, "updated_at", time.time())
        pipe.hincrby(key, "attempts", 1)
        pipe.execute()

    def finish(self, outcome: RepoOutcome, *, mode: str) -> None:
        files = [
            {k: v for k, v in asdict(f).items() if k in _FILE_FIELDS}
            for f in outcome.files
        ]
        self._redis.hset(
            self._key("repo", outcome.name),
            mapping={
                "status": outcome.status,
                "mode": mode,
                "reason": outcome.reason,
                "stage": outcome.stage,
                "pr_url": outcome.pr_url,
                "fingerprint": outcome.fingerprint,
                "bytes_before": outcome.bytes_before,
                "bytes_after": outcome.bytes_after,
                "retry_at": "" if outcome.retry_at is None else outcome.retry_at,
                "updated_at": time.time(),
                "files": json.dumps(files),
            },
        )

    def reserve_pull(
        self, name: str, *, per_hour: int | None, now: float
    ) -> float | None:
        recent = self._reserve(
            keys=[self._key("pulls")],
            args=[
                repr(now - HOUR),
                -1 if per_hour is None else per_hour,
                repr(now),
                _member(name, now),
            ],
        )
        if not recent:
            return None
        scores = [float(score) for score in recent[1::2]]
        return next_opening(scores, now=now, per_hour=per_hour)

    def settle_pull(self, name: str, *, at: float, url: str | None) -> None:
        member = _member(name, at)
        if url is None:
            self._redis.zrem(self._key("pulls"), member)
        else:
            self._redis.hset(self._key("pull-urls"), member, url)

    def opened_since(self, moment: float) -> tuple[float, ...]:
        found = cast(
            list[tuple[bytes, float]],
            self._redis.zrangebyscore(
                self._key("pulls"), f"({moment!r}", "+inf", withscores=True
            ),
        )
        return tuple(float(pair[1]) for pair in found)

    def repositories(self) -> tuple[RepoRow, ...]:
        found = cast(list[bytes], self._redis.zrange(self._key("repos"), 0, -1))
        names = [_text(n) for n in found]
        pipe = self._redis.pipeline(transaction=False)
        for name in names:
            pipe.hgetall(self._key("repo", name))
        return tuple(
            _row(name, row) for name, row in zip(names, pipe.execute(), strict=True)
        )


_FILE_FIELDS = frozenset({"path", "status", "reason", "bytes_before", "bytes_after"})


def _member(name: str, at: float) -> str:
    return f"{name}\0{at!r}"


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode() if isinstance(value, bytes) else value


def _row(name: str, raw: dict[bytes, bytes]) -> RepoRow:
    row = {_text(k): _text(v) for k, v in raw.items()}
    texts = {field: row.get(field, "") for field in _TEXT_FIELDS}
    texts["status"] = texts["status"] or "pending"
    return RepoRow(
        name=name,
        **texts,
        bytes_before=int(row.get("bytes_before") or 0),
        bytes_after=int(row.get("bytes_after") or 0),
        attempts=int(row.get("attempts") or 0),
    )
