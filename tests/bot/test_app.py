"""The webhook's front door, through a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from refactor.bot.app import BotSettings, create_app
from refactor.bot.queue import DeliveryQueue
from tests.bot.server import deliver, serving

SECRET = b"it's a secret to everybody"
PUSH = {"ref": "refs/heads/main", "repository": {"full_name": "acme/api"}}


@pytest.fixture
def queue(tmp_path: Path) -> DeliveryQueue:
    return DeliveryQueue(tmp_path / "bot.sqlite")


@pytest.fixture
def url(queue: DeliveryQueue):
    app = create_app(BotSettings(secret=SECRET, max_body=64 * 1024), queue)
    with serving(app) as address:
        yield address


def test_signed_delivery_is_queued(url: str, queue: DeliveryQueue) -> None:
    answer = deliver(url, "push", PUSH, secret=SECRET, delivery="d-1")

    assert (answer.status, answer.body["status"]) == (202, "queued")
    job = queue.claim()
    assert job is not None
    assert (job.event, job.repository, job.payload) == ("push", "acme/api", PUSH)


@pytest.mark.parametrize(
    "signature",
    [
        pytest.param(None, id="missing"),
        pytest.param("sha256=" + "0" * 64, id="wrong-digest"),
        pytest.param("sha1=abc", id="wrong-scheme"),
    ],
)
def test_bad_signature_is_refused_and_nothing_stored(
    url: str, queue: DeliveryQueue, signature: str | None
) -> None:
    answer = deliver(
        url, "push", PUSH, secret=SECRET, delivery="d-2", signature=signature
    )

    assert answer.status == 401
    assert queue.depth() == 0


def test_signature_made_with_another_secret_is_refused(url: str) -> None:
    answer = deliver(url, "push", PUSH, secret=b"guess", delivery="d-3")

    assert answer.status == 401


def test_oversized_body_is_refused(url: str, queue: DeliveryQueue) -> None:
    big = {"repository": {"full_name": "acme/api"}, "pad": "x" * (70 * 1024)}

    answer = deliver(url, "push", big, secret=SECRET, delivery="d-4")

    assert answer.status == 413
    assert queue.depth() == 0


def test_malformed_json_is_refused_after_the_signature(url: str) -> None:
    answer = deliver(url, "push", None, secret=SECRET, delivery="d-5", raw=b"{nope")

    assert answer.status == 400


def test_unknown_event_is_acknowledged_not_queued(
    url: str, queue: DeliveryQueue
) -> None:
    answer = deliver(url, "star", PUSH, secret=SECRET, delivery="d-6")

    assert answer.status == 202
    assert "not handled" in str(answer.body["status"])
    assert queue.depth() == 0


def test_replay_of_finished_delivery_is_not_queued_again(
    url: str, queue: DeliveryQueue
) -> None:
    deliver(url, "push", PUSH, secret=SECRET, delivery="d-7")
    job = queue.claim()
    assert job is not None
    queue.complete(job, "nothing to do")

    replay = deliver(url, "push", PUSH, secret=SECRET, delivery="d-7")

    assert (replay.status, replay.body["status"]) == (200, "duplicate")
    assert queue.claim() is None


def test_health_and_status_page(url: str) -> None:
    deliver(url, "push", PUSH, secret=SECRET, delivery="d-8")

    with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
        health = json.loads(response.read())
    with urllib.request.urlopen(f"{url}/", timeout=5) as response:
        page = response.read().decode()

    assert health == {"status": "ok", "queue_depth": 1}
    assert "acme/api" in page and "Queue depth: 1" in page
