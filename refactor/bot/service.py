"""Assemble the bot from its parts and run it under uvicorn."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import uvicorn
from starlette.applications import Starlette

from refactor.bot.app import BotSettings, create_app
from refactor.bot.auth import InstallationTokens
from refactor.bot.handlers import BotContext, Dispatch, TokenSource, handle
from refactor.bot.queue import DeliveryQueue, Job
from refactor.bot.worker import Handled, Workers
from refactor.deliver.polite import IntervalPacer
from refactor.deliver.repository import DeliverySettings
from refactor.deliver.secret import Secret
from refactor.deliver.state import State
from refactor.verify.model import VerifySettings


class ServiceError(Exception):
    """A reason the service cannot start, in one sentence."""


@dataclass(frozen=True)
class _Static:
    token: Secret

    def __call__(self, installation: int | None) -> Secret:
        return self.token


def token_source(
    *, app_id: int | None, private_key: Path | None, token: Secret | None, url: str
) -> TokenSource:
    if app_id is not None and private_key is not None:
        try:
            pem = private_key.read_text()
        except OSError as error:
            raise ServiceError(
                f"cannot read the private key: {error.strerror}"
            ) from None
        tokens = InstallationTokens(app_id=app_id, private_key=pem, base_url=url)
        return lambda installation: tokens.token(_required(installation))
    if token is not None and token.value:
        return _Static(token)
    raise ServiceError("give --app-id and --private-key, or --token-env")


def _required(installation: int | None) -> int:
    if installation is None:
        raise ValueError("the delivery names no installation")
    return installation


def build_app(
    *,
    webhook_secret: Secret,
    github_url: str,
    state_path: Path,
    workers: int,
    tokens: TokenSource,
    delivery: DeliverySettings,
    write_interval: float = 0.75,
    dispatch: Dispatch | None = None,
) -> Starlette:
    if not webhook_secret.value:
        raise ServiceError("no webhook secret: pass --webhook-secret or set it in env")

    queue = DeliveryQueue(state_path)
    queue.recover()
    context = BotContext(
        forge_url=github_url,
        pacer=IntervalPacer(write_interval),
        tokens=tokens,
        state=State(state_path),
        queue=queue,
        delivery=delivery,
        dispatch=dispatch,
    )

    def handler(job: Job) -> Handled:
        return handle(job, context)

    pool = Workers(queue, handler, count=workers)
    settings = BotSettings(secret=webhook_secret.value.encode())
    return create_app(settings, queue, on_start=pool.start, on_stop=pool.stop)


def run(
    *,
    host: str,
    port: int,
    webhook_secret: Secret,
    app_id: int | None,
    private_key: Path | None,
    token: Secret | None,
    github_url: str,
    state_path: Path,
    workers: int,
    build_network: str | None,
    max_prs_per_hour: int | None,
    verify_builds: bool,
    write_interval: float,
    queue_url: str | None = None,
    token_env: str | None = None,
) -> None:
    tokens = token_source(
        app_id=app_id, private_key=private_key, token=token, url=github_url
    )
    delivery = DeliverySettings(
        verify=VerifySettings(build_network=build_network),
        verify_builds=verify_builds,
        max_prs_per_hour=max_prs_per_hour,
    )
    app = build_app(
        webhook_secret=webhook_secret,
        github_url=github_url,
        state_path=state_path,
        workers=workers,
        tokens=tokens,
        delivery=delivery,
        write_interval=write_interval,
        dispatch=_queue_dispatch(
            queue_url, github_url, token_env, app_id, private_key, write_interval
        ),
    )
    uvicorn.run(app, host=host, port=port, log_level="info")


def _queue_dispatch(
    queue_url: str | None,
    github_url: str,
    token_env: str | None,
    app_id: int | None,
    private_key: Path | None,
    write_interval: float,
) -> Dispatch | None:
    """With --queue, pushes and scans go to the shared RQ queue's workers."""
    if queue_url is None:
        return None
    from refactor.scale.bot import QueueDispatch
    from refactor.scale.queue import BadQueue

    dispatch = QueueDispatch(
        queue_url=queue_url,
        forge_url=github_url,
        token_env=token_env or "",
        app_id=app_id,
        private_key=private_key,
        write_interval=write_interval,
    )
    try:
        dispatch.check()
    except BadQueue as error:
        raise ServiceError(str(error)) from None
    return dispatch
