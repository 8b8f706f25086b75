"""What the bot does for each kind of delivery, sharing the campaign's code.

A push or a scan runs the campaign's own unit of work (`handle_repository`), so
the bot's pull request has the same branch, fingerprint, body and limits as a
campaign's. A pull request gets one review comment, edited in place later.
Trouble that may pass (the forge, a clone, a push) raises `TryAgain`, and the
worker puts the delivery back with a delay.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from refactor.bot import config as bot_config
from refactor.bot import events
from refactor.bot.queue import DeliveryQueue, Job
from refactor.bot.review import review_pull
from refactor.bot.worker import Handled
from refactor.deliver.forge import Forge, ForgeSettings
from refactor.deliver.outcome import RepoOutcome
from refactor.deliver.polite import Pacer
from refactor.deliver.repository import DeliverySettings, handle_repository
from refactor.deliver.secret import Secret
from refactor.deliver.state import State
from refactor.plan.outcome import RewriteSettings

PASSING_STAGES = frozenset({"api", "clone", "push", "internal"})
SCHEDULE_SECONDS = {"daily": 86_400.0, "weekly": 7 * 86_400.0}

TokenSource = Callable[[int | None], Secret]
# (repository, settings, installation, delivery id) -> what was done; set when
# `bot serve --queue` hands deliveries to the shared queue's workers.
Dispatch = Callable[[str, DeliverySettings, int | None, str], str]


class TryAgain(Exception):
    """A failure that may pass; the worker retries the delivery with back-off."""


@dataclass(frozen=True, kw_only=True)
class BotContext:
    forge_url: str
    pacer: Pacer
    tokens: TokenSource
    state: State
    queue: DeliveryQueue
    delivery: DeliverySettings
    dispatch: Dispatch | None = None


def handle(job: Job, context: BotContext) -> Handled:
    action = events.interpret(job.event, job.payload)
    if isinstance(action, events.Ignore):
        return Handled(action.reason, ignored=True)
    if isinstance(action, events.Track):
        return _track(job, action, context)

    token = context.tokens(action.installation)
    settings = ForgeSettings(base_url=context.forge_url, token=token)
    forge = Forge(settings, pacer=context.pacer)
    if isinstance(action, events.Review):
        return review_pull(action, forge=forge, token=token, context=context.delivery)
    return _propose(action, forge, token, context, job.delivery)


def _track(job: Job, action: events.Track, context: BotContext) -> Handled:
    """Queue one scan per repository; the queue's per-repository exclusion and the
    forge pacer keep the initial scan within GitHub's limits."""
    for name in action.repositories:
        payload = {"repository": {"full_name": name}}
        if action.installation is not None:
            payload["installation"] = {"id": action.installation}  # type: ignore[dict-item]
        context.queue.accept(
            f"{job.delivery}:scan:{name}", "scan", name, json.dumps(payload).encode()
        )
    return Handled(f"tracking {len(action.repositories)} repositories")


def _propose(
    action: events.Propose,
    forge: Forge,
    token: Secret,
    context: BotContext,
    delivery: str,
) -> Handled:
    name = action.repository
    settings_or_reason = _settings_for(name, forge, token, context)
    if isinstance(settings_or_reason, str):
        return Handled(settings_or_reason, ignored=True)
    if context.dispatch is not None:
        return Handled(
            context.dispatch(name, settings_or_reason, action.installation, delivery)
        )

    outcome = handle_repository(
        name, settings=settings_or_reason, forge=forge, state=context.state
    )
    if outcome.status == "failed" and outcome.stage in PASSING_STAGES:
        raise TryAgain(f"{name}: {outcome.stage}: {outcome.reason}")
    return Handled(_describe(outcome))


def _settings_for(
    name: str, forge: Forge, token: Secret, context: BotContext
) -> DeliverySettings | str:
    info = forge.repository(name)
    text = forge.file_text(name, bot_config.PATH, ref=info.default_branch)
    found = bot_config.parse(text)
    if isinstance(found, bot_config.ConfigError):
        _report_config_problem(name, found, forge, context)
        return f"configuration problem: {found.message}"
    if not found.enabled or found.schedule == "never":
        return "disabled by the repository's configuration"
    if _too_soon(name, found.schedule, context.queue):
        return f"already proposed within its {found.schedule} schedule"

    return replace(
        context.delivery,
        token=token,
        globs=found.paths,
        labels=found.labels,
        draft=found.draft,
        rewrite=RewriteSettings(base_map=found.base_map),
    )


def _too_soon(name: str, schedule: str, queue: DeliveryQueue) -> bool:
    period = SCHEDULE_SECONDS.get(schedule)
    last = queue.last_done(name)
    return period is not None and last is not None and time.time() - last < period


def _report_config_problem(
    name: str, problem: bot_config.ConfigError, forge: Forge, context: BotContext
) -> None:
    """Say what is wrong where the owners will see it: on the migration PR."""
    existing = forge.find_pull(name, branch=context.delivery.branch)
    if existing is not None and existing.state == "open":
        forge.upsert_comment(
            name,
            existing.number,
            marker="<!-- dockerfile-refactor: config -->",
            body=f"The bot could not read its configuration: {problem.message}",
        )


def _describe(outcome: RepoOutcome) -> str:
    text = f"{outcome.name}: {outcome.status}"
    if outcome.pr_url:
        text += f" {outcome.pr_url}"
    if outcome.reason:
        text += f" ({outcome.reason})"
    return text
