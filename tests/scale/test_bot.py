"""`bot serve --queue`: the bot hands pushes and scans to the queue's workers."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from rq import Queue
from rq.registry import FinishedJobRegistry

from refactor.scale.queue import QUEUE_NAME
from tests.bot.service import BotProcess, eventually, start_bot
from tests.bot.test_service import push_payload, send
from tests.deliver.samples import go_repository
from tests.forge.forge import Forge
from tests.scale.conftest import Workers

REPOS = ("acme/api", "acme/web")


@pytest.fixture
def queued_bot(
    forge: Forge, redis_url: str, tmp_path: Path
) -> Iterator[tuple[BotProcess, int]]:
    for name in REPOS:
        forge.create_repo(name, go_repository(name.split("/")[1]))
    credentials = forge.create_app("refactor-bot", owner="acme")
    key = tmp_path / "app.pem"
    key.write_text(credentials.private_key_pem)
    running = start_bot(
        api_url=forge.api_url,
        app_id=credentials.app_id,
        key=key,
        state=tmp_path / "bot.sqlite",
        extra=("--no-verify", "--queue", redis_url),
    )
    yield running, credentials.installation_id
    running.stop()


def test_pushes_and_scans_are_done_by_the_queue_workers(
    queued_bot: tuple[BotProcess, int],
    forge: Forge,
    workers: Workers,
    redis_url: str,
    webhook_example: Any,
) -> None:
    bot, installation = queued_bot
    send(bot, "push", push_payload(webhook_example, installation), "p-1")
    assert eventually(lambda: bot.health()["queue_depth"] == 0)
    assert forge.pulls(REPOS[0]) == []  # queued, and no worker runs yet

    workers.start(2)
    assert eventually(lambda: len(forge.pulls(REPOS[0])) == 1, 60)

    scan = copy.deepcopy(webhook_example("installation", "created"))
    scan["installation"]["id"] = installation
    scan["repositories"] = [{"full_name": n, "name": n.split("/")[1]} for n in REPOS]
    send(bot, "installation", scan, "i-1")

    assert eventually(lambda: len(forge.pulls(REPOS[1])) == 1, 60)
    queue = Queue(QUEUE_NAME, connection=redis.Redis.from_url(redis_url))
    assert eventually(lambda: FinishedJobRegistry(queue=queue).count == 3, 30)
    assert [len(forge.pulls(name)) for name in REPOS] == [1, 1]
    assert forge.count("POST", r"/pulls$") == 2


def test_an_unreachable_queue_stops_the_bot_at_start(
    forge: Forge, tmp_path: Path
) -> None:
    credentials = forge.create_app("refactor-bot", owner="acme")
    key = tmp_path / "app.pem"
    key.write_text(credentials.private_key_pem)
    with pytest.raises(RuntimeError, match="cannot reach the queue"):
        start_bot(
            api_url=forge.api_url,
            app_id=credentials.app_id,
            key=key,
            state=tmp_path / "bot.sqlite",
            extra=("--queue", "redis://127.0.0.1:1/0"),
        )
