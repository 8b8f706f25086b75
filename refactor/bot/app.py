"""The bot's HTTP face: an ASGI app that checks, stores and answers deliveries.

Nothing in a delivery is parsed before its signature is checked, and the answer
only waits for one SQLite insert: the work itself happens in `Workers`.
"""

from __future__ import annotations

import html
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from refactor.bot.events import full_name
from refactor.bot.queue import DeliveryQueue
from refactor.bot.signature import is_valid

# GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub.
MAX_BODY = 25 * 1024 * 1024

HANDLED_EVENTS = frozenset(
    {"push", "pull_request", "installation", "installation_repositories"}
)


@dataclass(frozen=True, kw_only=True)
class BotSettings:
    secret: bytes
    max_body: int = MAX_BODY


class BodyTooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge

    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _answer(text: str, status: int) -> JSONResponse:
    return JSONResponse({"status": text}, status_code=status)


def webhook(settings: BotSettings, queue: DeliveryQueue) -> Callable[..., Any]:
    async def receive(request: Request) -> Response:
        try:
            body = await _read_body(request, settings.max_body)
        except BodyTooLarge:
            return _answer("payload too large", 413)

        signature = request.headers.get("x-hub-signature-256")
        if not is_valid(settings.secret, body, signature):
            return _answer("bad or missing signature", 401)

        try:
            payload = json.loads(body)
        except ValueError:
            return _answer("body is not JSON", 400)

        event = request.headers.get("x-github-event", "")
        delivery = request.headers.get("x-github-delivery", "")
        if not event or not delivery:
            return _answer("missing X-GitHub-Event or X-GitHub-Delivery", 400)
        if event == "ping":
            return _answer("pong", 200)
        if event not in HANDLED_EVENTS:
            return _answer(f"event {event!r} is not handled", 202)

        admission = await run_in_threadpool(
            queue.accept, delivery, event, full_name(payload), body
        )
        return _answer(admission, 200 if admission == "duplicate" else 202)

    return receive


def status_page(queue: DeliveryQueue) -> Callable[..., Any]:
    async def show(request: Request) -> Response:
        depth = await run_in_threadpool(queue.depth)
        rows = await run_in_threadpool(queue.recent, 20)
        lines = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(cell or ''))}</td>"
                for cell in (
                    row.delivery,
                    row.event,
                    row.repository,
                    row.status,
                    row.attempts,
                    row.outcome,
                )
            )
            + "</tr>"
            for row in rows
        )
        return HTMLResponse(
            "<!doctype html><title>dockerfile-refactor bot</title>"
            f"<h1>dockerfile-refactor bot</h1><p id=depth>Queue depth: {depth}</p>"
            "<table><tr><th>delivery</th><th>event</th><th>repository</th>"
            f"<th>status</th><th>attempts</th><th>outcome</th></tr>{lines}</table>"
        )

    return show


def health(queue: DeliveryQueue) -> Callable[..., Any]:
    async def answer(request: Request) -> Response:
        depth = await run_in_threadpool(queue.depth)
        return JSONResponse({"status": "ok", "queue_depth": depth})

    return answer


def create_app(
    settings: BotSettings,
    queue: DeliveryQueue,
    *,
    on_start: Callable[[], None] | None = None,
    on_stop: Callable[[], None] | None = None,
) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if on_start:
            on_start()
        yield
        if on_stop:
            on_stop()

    routes = [
        Route("/webhook", webhook(settings, queue), methods=["POST"]),
        Route("/healthz", health(queue), methods=["GET"]),
        Route("/", status_page(queue), methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
