"""A campaign on the queue: specs for its repositories, emitted or enqueued.

`migrate --queue URL` registers the repositories in the Redis state, enqueues
one job per repository still unfinished, and waits; `migrate --emit-jobs FILE`
writes the same specs as JSON lines for a CI matrix or an Indexed Job.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from refactor.deliver.outcome import RepoOutcome
from refactor.deliver.repository import DeliverySettings
from refactor.deliver.secret import NO_SECRET
from refactor.scale.queue import OnOutcome, enqueue, open_queue, wait
from refactor.scale.spec import JobSpec, delivery_of, settings_of, to_line
from refactor.scale.state import RedisState


def queue_state(url: str, *, campaign: str) -> RedisState:
    """The campaign's state in the queue's Redis (the URL checked first)."""
    queue = open_queue(url)
    return RedisState(queue.connection, campaign=campaign)


def specs_for(
    names: Iterable[str],
    *,
    delivery: DeliverySettings,
    campaign: str,
    forge_url: str,
    token_env: str,
    state: str,
    write_interval: float,
) -> tuple[JobSpec, ...]:
    travelling = delivery_of(delivery)
    return tuple(
        JobSpec(
            repository=name,
            campaign=campaign,
            forge_url=forge_url,
            token_env=token_env,
            state=state,
            delivery=travelling,
            write_interval=write_interval,
        )
        for name in names
    )


def emit(specs: Iterable[JobSpec], target: str) -> int:
    """Write one line per spec to `target` ('-' for stdout); how many."""
    lines = [to_line(spec) + "\n" for spec in specs]
    if target == "-":
        sys.stdout.writelines(lines)
    else:
        Path(target).write_text("".join(lines))
    return len(lines)


def run_on_queue(
    url: str,
    specs: tuple[JobSpec, ...],
    *,
    state: RedisState,
    on_outcome: OnOutcome,
) -> tuple[RepoOutcome, ...]:
    """Enqueue the unfinished repositories' jobs and wait for every outcome."""
    queue = open_queue(url)
    state.add(spec.repository for spec in specs)
    ids = enqueue(queue, _unfinished(specs, state))
    return wait(queue, ids, on_outcome=on_outcome)


def _unfinished(specs: tuple[JobSpec, ...], state: RedisState) -> tuple[JobSpec, ...]:
    if not specs:
        return ()
    mode = settings_of(specs[0].delivery, token=NO_SECRET).mode
    left = set(state.unfinished((s.repository for s in specs), mode=mode))
    return tuple(spec for spec in specs if spec.repository in left)
