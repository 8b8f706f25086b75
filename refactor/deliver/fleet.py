"""A campaign: the list of repositories, a thread pool, and the state file.

Each repository goes through `handle_repository`; the pool only decides which
ones still need work (from the state file) and stops handing out new ones once
the hourly PR budget is spent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from refactor.deliver import names
from refactor.deliver.forge import Forge
from refactor.deliver.outcome import RepoOutcome
from refactor.deliver.repository import DeliverySettings, handle_repository
from refactor.deliver.state import State

OnResult = Callable[[RepoOutcome], None]


@dataclass(frozen=True, kw_only=True)
class CampaignSettings:
    delivery: DeliverySettings
    jobs: int = 1
    limit: int | None = None


class BadRepositoryList(ValueError):
    """A --repos file that cannot be used; the message says which line."""


def read_repository_list(path: Path) -> tuple[str, ...]:
    """`owner/name` per line; blank lines and `#` comments ignored."""
    found = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        try:
            found.append(names.repository(entry))
        except names.UnsafeName:
            raise BadRepositoryList(
                f"{path}:{number}: not owner/name: {entry!r}"
            ) from None
    return tuple(dict.fromkeys(found))


def organization_names(forge: Forge, org: str) -> tuple[str, ...]:
    return tuple(
        sorted(info.full_name for info in forge.organization_repositories(org))
    )


def run_campaign(
    repositories: Iterable[str],
    *,
    settings: CampaignSettings,
    forge: Forge,
    state: State,
    on_result: OnResult,
) -> tuple[RepoOutcome, ...]:
    """Handle every repository not yet finished in this mode; the outcomes."""
    chosen = tuple(repositories)[: settings.limit]
    state.add(chosen)
    todo = state.unfinished(chosen, mode=settings.delivery.mode)
    budget_spent = threading.Event()

    def one(name: str) -> RepoOutcome | None:
        if budget_spent.is_set():
            return None
        outcome = handle_repository(
            name, settings=settings.delivery, forge=forge, state=state
        )
        if outcome.status == "deferred":
            budget_spent.set()
        on_result(outcome)
        return outcome

    with ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
        done = [outcome for outcome in pool.map(one, todo) if outcome is not None]
    return tuple(done)


def resume_time(outcomes: Iterable[RepoOutcome]) -> float | None:
    """When the PR budget allows the next PR, if the campaign was held back."""
    waits = [o.retry_at for o in outcomes if o.retry_at is not None]
    return min(waits) if waits else None
