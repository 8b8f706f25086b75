"""The bot end to end: the real service process, signed deliveries shaped like
GitHub's real examples, and the local forge with GitHub App authentication.

Rewrites are delivered with --no-verify here so that these tests build no
images; tests/bot/test_verified.py covers a verified push on the engine.
"""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot.server import deliver
from tests.bot.service import SECRET, BotProcess, eventually, start_bot
from tests.deliver.samples import go_repository
from tests.forge.faults import Fault, secondary_rate_limit
from tests.forge.forge import Forge

ORG = "acme"
REPO = f"{ORG}/api"
BRANCH = "dockerfile-refactor/multi-stage"


@pytest.fixture
def app(forge: Forge, tmp_path: Path) -> tuple[int, int, Path]:
    forge.create_repo(REPO, go_repository())
    forge.create_repo(f"{ORG}/web", go_repository("web"))
    credentials = forge.create_app("refactor-bot", owner=ORG)
    key = tmp_path / "app.pem"
    key.write_text(credentials.private_key_pem)
    return credentials.app_id, credentials.installation_id, key


@pytest.fixture
def bot(
    forge: Forge, app: tuple[int, int, Path], tmp_path: Path
) -> Iterator[BotProcess]:
    app_id, _, key = app
    running = start_bot(
        api_url=forge.api_url,
        app_id=app_id,
        key=key,
        state=tmp_path / "bot.sqlite",
        extra=("--no-verify",),
    )
    yield running
    running.stop()


def push_payload(
    example: Callable[..., dict[str, Any]], installation: int, repo: str = REPO
) -> dict[str, Any]:
    """GitHub's own push example, pointed at our repository and installation."""
    payload = copy.deepcopy(example("push"))
    payload["ref"] = "refs/heads/main"
    payload["repository"]["full_name"] = repo
    payload["repository"]["name"] = repo.split("/")[1]
    payload["repository"]["default_branch"] = "main"
    payload["commits"] = [{"added": [], "modified": ["Dockerfile"], "removed": []}]
    payload["installation"] = {"id": installation}
    return payload


def send(bot: BotProcess, event: str, payload: Any, delivery: str) -> int:
    return deliver(
        bot.url, event, payload, secret=SECRET.encode(), delivery=delivery
    ).status


def test_push_opens_one_pull_request(
    bot: BotProcess, forge: Forge, app: tuple[int, int, Path], webhook_example: Any
) -> None:
    status = send(bot, "push", push_payload(webhook_example, app[1]), "p-1")

    assert status == 202
    assert eventually(lambda: len(forge.pulls(REPO)) == 1)
    pull = forge.pulls(REPO)[0]
    assert pull.head_ref == BRANCH
    assert "gcr.io/distroless/static-debian12" in (
        forge.read_file(REPO, BRANCH, "Dockerfile") or ""
    )


def test_two_deliveries_at_once_for_one_repository_open_one_pr(
    bot: BotProcess, forge: Forge, app: tuple[int, int, Path], webhook_example: Any
) -> None:
    payload = push_payload(webhook_example, app[1])
    threads = [
        threading.Thread(target=send, args=(bot, "push", payload, f"c-{n}"))
        for n in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert eventually(lambda: bot.health()["queue_depth"] == 0)
    assert len(forge.pulls(REPO)) == 1
    assert forge.count("POST", r"/pulls$") == 1


def test_push_to_another_branch_is_ignored(
    bot: BotProcess, forge: Forge, app: tuple[int, int, Path], webhook_example: Any
) -> None:
    payload = push_payload(webhook_example, app[1])
    payload["ref"] = "refs/heads/feature"

    send(bot, "push", payload, "p-2")

    assert eventually(lambda: bot.health()["queue_depth"] == 0)
    assert forge.pulls(REPO) == []


def test_installation_scans_every_repository(
    bot: BotProcess, forge: Forge, app: tuple[int, int, Path], webhook_example: Any
) -> None:
    payload = copy.deepcopy(webhook_example("installation", "created"))
    payload["installation"]["id"] = app[1]
    payload["repositories"] = [
        {"full_name": REPO, "name": "api"},
        {"full_name": f"{ORG}/web", "name": "web"},
    ]

    send(bot, "installation", payload, "i-1")

    assert eventually(
        lambda: len(forge.pulls(REPO)) == 1 and len(forge.pulls(f"{ORG}/web")) == 1
    )


def test_bad_repository_config_is_reported_not_crashed(
    bot: BotProcess, forge: Forge, app: tuple[int, int, Path], webhook_example: Any
) -> None:
    send(bot, "push", push_payload(webhook_example, app[1]), "p-3")
    assert eventually(lambda: len(forge.pulls(REPO)) == 1)
    forge.push_commit(
        REPO, "main", {".github/dockerfile-refactor.yml": "schedule: hourly\n"}
    )

    send(bot, "push", push_payload(webhook_example, app[1]), "p-4")

    number = forge.pulls(REPO)[0].number
    assert eventually(
        lambda: any(
            "`schedule` must be one of" in c for c in forge.comments(REPO, number)
        )
    )
    assert bot.health()["status"] == "ok"


def test_forge_errors_are_retried_until_they_pass(
    bot: BotProcess, forge: Forge, app: tuple[int, int, Path], webhook_example: Any
) -> None:
    forge.inject(Fault(status=502, path=r"/pulls$", method="POST", times=2))
    forge.inject(secondary_rate_limit(retry_after=1, path=r"/repos/acme/api$"))

    send(bot, "push", push_payload(webhook_example, app[1]), "p-5")

    assert eventually(lambda: len(forge.pulls(REPO)) == 1, seconds=60)


def _status(state: Path, delivery: str) -> str | None:
    with sqlite3.connect(state) as db:
        row = db.execute(
            "SELECT status FROM deliveries WHERE id = ?", (delivery,)
        ).fetchone()
    return None if row is None else str(row[0])


def test_restart_loses_no_accepted_delivery(
    forge: Forge, app: tuple[int, int, Path], webhook_example: Any, tmp_path: Path
) -> None:
    app_id, installation, key = app
    state = tmp_path / "restart.sqlite"
    forge.inject(Fault(delay=8, path=r"/repos/acme/api$", times=1))
    first = start_bot(
        api_url=forge.api_url,
        app_id=app_id,
        key=key,
        state=state,
        extra=("--no-verify",),
    )
    try:
        payload = push_payload(webhook_example, installation)
        assert send(first, "push", payload, "r-1") == 202
        assert eventually(lambda: _status(state, "r-1") == "running")
    finally:
        first.kill()
    second = start_bot(
        api_url=forge.api_url,
        app_id=app_id,
        key=key,
        state=state,
        extra=("--no-verify",),
    )
    try:
        assert eventually(lambda: len(forge.pulls(REPO)) == 1, seconds=60)
    finally:
        second.stop()


def pull_payload(
    example: Callable[..., dict[str, Any]],
    installation: int,
    number: int,
    action: str,
) -> dict[str, Any]:
    payload = copy.deepcopy(example("pull_request", action))
    payload["action"] = action
    payload["number"] = number
    payload["repository"]["full_name"] = REPO
    pull = payload["pull_request"]
    pull["number"] = number
    pull["head"]["ref"] = "feature"
    pull["head"]["repo"]["full_name"] = REPO
    pull["base"]["ref"] = "main"
    payload["installation"] = {"id": installation}
    return payload


def test_pull_request_gets_one_comment_kept_up_to_date(
    bot: BotProcess, forge: Forge, app: tuple[int, int, Path], webhook_example: Any
) -> None:
    forge.create_branch(REPO, "feature", "main")
    forge.push_commit(
        REPO, "feature", {"Dockerfile": go_repository("tool")["Dockerfile"]}
    )
    number = forge.store.create_pull(
        forge.store.repo(ORG, "api"),
        fields={"head": "feature", "base": "main", "title": "Add a tool"},
        user="person",
    ).number

    send(
        bot,
        "pull_request",
        pull_payload(webhook_example, app[1], number, "opened"),
        "pr-1",
    )
    assert eventually(lambda: len(forge.comments(REPO, number)) == 1)
    first = forge.comments(REPO, number)[0]
    forge.push_commit(
        REPO, "feature", {"Dockerfile": go_repository("other")["Dockerfile"]}
    )
    send(
        bot,
        "pull_request",
        pull_payload(webhook_example, app[1], number, "synchronize"),
        "pr-2",
    )

    assert eventually(lambda: forge.comments(REPO, number) != [first])
    comments = forge.comments(REPO, number)
    assert len(comments) == 1
    assert "Suggested multi-stage rewrite" in comments[0]
    assert "/usr/local/bin/other" in comments[0]
