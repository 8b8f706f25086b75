"""A push proposed by the bot with the rewrite built and verified on the engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.bot.service import eventually, start_bot
from tests.bot.test_service import REPO, push_payload, send
from tests.deliver.samples import go_repository
from tests.forge.forge import Forge


def test_push_opens_a_verified_pull_request_with_sizes(
    forge: Forge, docker_cli: str, webhook_example: Any, tmp_path: Path
) -> None:
    forge.create_repo(REPO, go_repository("verified-bot-tool"))
    credentials = forge.create_app("refactor-bot", owner="acme")
    key = tmp_path / "app.pem"
    key.write_text(credentials.private_key_pem)
    bot = start_bot(
        api_url=forge.api_url,
        app_id=credentials.app_id,
        key=key,
        state=tmp_path / "bot.sqlite",
        extra=("--build-network", "host"),
    )

    try:
        payload = push_payload(webhook_example, credentials.installation_id)
        assert send(bot, "push", payload, "v-1") == 202
        assert eventually(lambda: len(forge.pulls(REPO)) == 1, seconds=400)
    finally:
        bot.stop()

    body = forge.pulls(REPO)[0].body or ""
    assert "MB" in body and "verified" in body.lower()
