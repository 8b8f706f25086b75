"""The job a worker runs: one repository, from a plain JSON spec.

`handle` is what RQ calls (by its dotted name), what `worker --job` calls for a
line from `--emit-jobs`, and what the bot hands to the queue. It rebuilds the
settings, takes the repository's lock and calls `handle_repository`, which is
idempotent, so a job run twice (a retry after a kill) converges on one PR.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import redis

from refactor.deliver.forge import Forge, ForgeSettings
from refactor.deliver.outcome import RepoOutcome, to_json
from refactor.deliver.polite import IntervalPacer, Pacer
from refactor.deliver.repository import handle_repository
from refactor.deliver.secret import Secret
from refactor.deliver.state import State
from refactor.scale.lock import DEFAULT_LEASE, lock_key, repository_lock
from refactor.scale.pacer import RedisPacer, pacer_key
from refactor.scale.spec import JobSpec, from_mapping, settings_of
from refactor.scale.state import RedisState

LEASE_ENV = "DOCKERFILE_REFACTOR_LEASE"
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")

# One connection pool per Redis URL per process, so a worker does not reconnect
# for every job it runs.
_POOLS: dict[str, redis.Redis] = {}


def handle(job_spec: Mapping[str, Any]) -> dict[str, Any]:
    """Run one repository's job; its outcome as plain JSON."""
    # A repository's own failure (a forge outage, a rejected push) is an outcome,
    # not an exception, so RQ does not retry it: a bot push that failed that way
    # waits for the next push, where the bot's local queue would back off and retry.
    return to_json(run(from_mapping(job_spec)))


def run(spec: JobSpec, *, echo: Callable[[str], None] | None = None) -> RepoOutcome:
    token = _token(spec)
    settings = settings_of(spec.delivery, token=token, echo=echo)
    if not token.value and settings.dry_run != "rewrite":
        reason = f"environment variable {spec.token_env} holds no token"
        return RepoOutcome(
            name=spec.repository, status="failed", stage="input", reason=reason
        )

    connection = connect(spec.state) if is_redis(spec.state) else None
    forge = Forge(
        ForgeSettings(base_url=spec.forge_url, token=token), pacer=_pacer(spec)
    )
    with _opened_state(spec, connection) as state, _held(spec, connection):
        if spec.once and not state.unfinished([spec.repository], mode=settings.mode):
            return _already_done(spec.repository, state)
        return handle_repository(
            spec.repository, settings=settings, forge=forge, state=state
        )


def is_redis(url: str) -> bool:
    return url.startswith(REDIS_SCHEMES)


def connect(url: str) -> redis.Redis:
    if url not in _POOLS:
        _POOLS[url] = redis.Redis.from_url(url)
    return _POOLS[url]


def lease() -> float:
    """Seconds a repository lock lives without renewal (the environment may say)."""
    try:
        return float(os.environ.get(LEASE_ENV, DEFAULT_LEASE))
    except ValueError:
        return DEFAULT_LEASE


def _token(spec: JobSpec) -> Secret:
    if spec.app_id is not None and spec.private_key and spec.installation is not None:
        from refactor.bot.auth import InstallationTokens

        # Each job buys its own installation token; workers share no token cache.
        tokens = InstallationTokens(
            app_id=spec.app_id,
            private_key=Path(spec.private_key).read_text(),
            base_url=spec.forge_url,
        )
        return tokens.token(spec.installation)
    return Secret(os.environ.get(spec.token_env, ""))


def _pacer(spec: JobSpec) -> Pacer:
    if not is_redis(spec.state):
        return IntervalPacer(spec.write_interval)
    return RedisPacer(
        connect(spec.state),
        key=pacer_key(spec.forge_url),
        interval=spec.write_interval,
    )


@contextmanager
def _opened_state(spec: JobSpec, connection: redis.Redis | None) -> Iterator[State]:
    if connection is not None:
        yield RedisState(connection, campaign=spec.campaign)
        return
    state = State(Path(spec.state))
    try:
        yield state
    finally:
        state.close()


def _held(spec: JobSpec, connection: redis.Redis | None) -> Any:
    # A SQLite state means one machine and one line per repository (a CI
    # matrix), where nothing else handles the same repository; no lock then.
    if connection is None:
        return nullcontext()
    return repository_lock(connection, lock_key(spec.repository), lease=lease())


def _already_done(name: str, state: State) -> RepoOutcome:
    """A duplicate job of a campaign: report what the first one recorded."""
    row = next(r for r in state.repositories() if r.name == name)
    return RepoOutcome(
        name=name,
        status=row.status,
        stage=row.stage,
        pr_url=row.pr_url,
        reason=row.reason or "already handled in this campaign",
    )
