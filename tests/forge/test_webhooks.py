"""Webhook payloads built from GitHub's examples around the forge's own state."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forge import webhooks
from tests.forge.forge import Forge
from tests.forge.helpers import BRANCH, client, push_branch

# The payloads start from the npm examples; this fetches them or skips cleanly.
pytestmark = pytest.mark.usefixtures("webhook_example")


def test_push_names_the_forge_commit_and_its_changes(forge: Forge) -> None:
    forge.create_repo(
        "acme/app", {"Dockerfile": "FROM python:3.11\n", "old.txt": "x\n"}
    )
    before = forge.branch_sha("acme/app", "main")
    after = forge.push_commit(
        "acme/app",
        "main",
        {"Dockerfile": "FROM python:3.12\n", "old.txt": None, "n": "1"},
    )
    app = forge.create_app("refactor-bot", owner="acme")

    payload = webhooks.push(forge, "acme/app", installation_id=app.installation_id)

    assert (payload["ref"], payload["before"], payload["after"]) == (
        "refs/heads/main",
        before,
        after,
    )
    assert payload["repository"]["full_name"] == "acme/app"
    assert payload["repository"]["clone_url"] == forge.clone_url("acme/app")
    assert payload["installation"]["id"] == app.installation_id
    head = payload["head_commit"]
    assert (head["added"], head["modified"], head["removed"]) == (
        ["n"],
        ["Dockerfile"],
        ["old.txt"],
    )
    assert payload["commits"] == [head]


def test_pull_request_payload_matches_the_api(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app")
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    repo = client(forge).get_repo("acme/app")
    number = repo.create_pull(base="main", head=BRANCH, title="t", body="b").number

    payload = webhooks.pull_request(forge, "acme/app", number, "synchronize")
    answered = repo.get_pull(number)

    assert payload["action"] == "synchronize"
    assert payload["number"] == number
    assert (
        payload["pull_request"]["head"]["sha"] == answered.head.sha == payload["after"]
    )
    assert payload["pull_request"]["url"] == answered.url
    assert "installation" not in payload


def test_installation_payloads_list_the_installed_repositories(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.create_repo("acme/lib")
    app = forge.create_app("refactor-bot", owner="acme", repos=("acme/app",))

    created = webhooks.installation(forge, app.installation_id)
    added = webhooks.installation_repositories(
        forge, app.installation_id, added=("acme/lib",)
    )

    assert created["action"] == "created"
    assert [r["full_name"] for r in created["repositories"]] == ["acme/app"]
    assert created["installation"]["id"] == app.installation_id
    assert created["installation"]["account"]["login"] == "acme"
    assert [r["full_name"] for r in added["repositories_added"]] == ["acme/lib"]
    assert added["repositories_removed"] == []
