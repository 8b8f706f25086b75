"""The Redis pacer spaces content-creating calls across workers, not per worker."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import redis

from refactor.scale.pacer import RedisPacer, pacer_key
from tests.forge.forge import Forge as LocalForge
from tests.scale.conftest import Workers
from tests.scale.test_campaign import migrate, run, seed


def test_pacers_of_separate_clients_share_one_schedule(redis_url: str) -> None:
    """Four clients calling in turn get slots exactly one interval apart."""
    interval = 1.0
    pacers = [
        RedisPacer(redis.Redis.from_url(redis_url), key="t", interval=interval)
        for _ in range(4)
    ]

    began = time.monotonic()
    slots = [time.monotonic() + pacers[turn % 4].reserve() for turn in range(12)]

    gaps = [later - earlier for earlier, later in itertools.pairwise(slots)]
    assert slots[0] - began < 0.05  # the first slot is now
    assert all(abs(gap - interval) < 0.05 for gap in gaps), gaps


def test_a_zero_interval_never_waits(redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    pacer = RedisPacer(connection, key="z", interval=0.0)
    started = time.monotonic()
    for _ in range(50):
        pacer.wait()
    assert time.monotonic() - started < 1.0
    assert not connection.exists("z")


def test_pacer_key_is_per_api() -> None:
    assert pacer_key("http://a/api/v3/") == pacer_key("http://a/api/v3")
    assert pacer_key("http://a/api/v3") != pacer_key("https://api.github.com")


def test_three_workers_open_pull_requests_one_interval_apart(
    scale_forge: LocalForge, workers: Workers, redis_url: str, tmp_path: Path
) -> None:
    names = [f"acme/paced{n}" for n in range(7)]
    seed(scale_forge, names)
    workers.start(3)
    interval = 1.0

    argv = migrate(
        scale_forge, tmp_path, names, "--queue", redis_url, interval=interval
    )
    done = run(argv, tmp_path)

    assert done.returncode == 0, done.stderr[-3000:]
    created = sorted(
        pull.created_at for name in names for pull in scale_forge.pulls(name)
    )
    assert len(created) == len(names)
    gaps = [later - earlier for earlier, later in itertools.pairwise(created)]
    # The pacer spaces the starts of the calls; the forge stamps each PR some
    # way into its call, up to a few tenths of a second on a loaded machine.
    # Three unshared pacers would let the first three PRs land together.
    assert min(gaps) >= interval - 0.3, gaps
    assert created[-1] - created[0] >= (len(names) - 1) * interval - 0.3
