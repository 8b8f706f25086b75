"""The forge's answers against GitHub's OpenAPI description.

The `forge` fixture checks every answer at teardown; these tests make sure each
route is one GitHub documents, drive the routes the other tests leave out, and
show that the checker does catch an answer GitHub would not send.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from github import Auth, GithubIntegration

from tests.forge import routing, schema
from tests.forge.forge import Forge
from tests.forge.helpers import BRANCH, client, push_branch


def test_every_route_is_a_documented_operation(github_openapi: dict[str, Any]) -> None:
    undocumented = [
        f"{route.method} {route.template}"
        for route in routing.ROUTES
        if route.method.lower() not in github_openapi["paths"].get(route.template, {})
    ]

    assert len(routing.ROUTES) > 30
    assert undocumented == []


def test_remaining_routes_answer_inside_the_schema(
    forge: Forge, tmp_path: Path
) -> None:
    forge.create_repo(
        "acme/app", {".github/dockerfile-refactor.yml": "enabled: true\n"}
    )
    forge.add_user("someone", "someone-token")
    forge.create_repo("someone/tool")
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    github = client(forge)
    repo = github.get_repo("acme/app")
    pull = repo.create_pull(base="main", head=BRANCH, title="t", body="b")

    config = repo.get_contents(".github/dockerfile-refactor.yml", ref="main")
    branch = repo.get_branch(BRANCH)
    label = repo.create_label("size", "ededed")
    pull.set_labels("size", "other")
    pull.remove_from_labels("other")
    commit = repo.get_commit(branch.commit.sha)
    comment = pull.create_review_comment("Use a builder", commit, "Dockerfile", line=1)
    comment.edit("Use a builder stage")
    review = pull.create_review(
        body="Suggested",
        event="COMMENT",
        comments=[{"path": "Dockerfile", "line": 1, "body": "here"}],
    )

    assert not isinstance(config, list) and config.decoded_content == b"enabled: true\n"
    assert repo.get_label("size").name == label.name
    assert [label.name for label in pull.get_labels()] == ["size"]
    assert [c.body for c in pull.get_review_comments()] == [
        "Use a builder stage",
        "here",
    ]
    assert review.state == "COMMENTED"
    assert github.get_user("someone").login == "someone"
    assert [r.name for r in github.get_user("someone").get_repos()] == ["tool"]
    assert github.get_rate_limit().resources.core.limit == 5000
    assert [label.name for label in repo.get_labels()] == ["size", "other"]


def test_app_routes_answer_inside_the_schema(forge: Forge) -> None:
    forge.create_repo("acme/app")
    app = forge.create_app("refactor-bot", owner="acme")
    auth = Auth.AppAuth(app.app_id, app.private_key_pem)
    github = GithubIntegration(base_url=forge.api_url, auth=auth, retry=None)

    installations = list(github.get_installations())
    org = github.get_org_installation("acme")

    assert [i.id for i in installations] == [org.id] == [app.installation_id]


def test_checker_reports_an_answer_github_would_not_send(
    forge: Forge, github_openapi: dict[str, Any]
) -> None:
    forge.create_repo("acme/app")
    client(forge).get_repo("acme/app")
    [answer] = forge.requests("GET", "^/repos/acme/app$")
    broken = copy.deepcopy(answer.body)
    assert isinstance(broken, dict)
    del broken["clone_url"]
    broken["owner"]["id"] = "1"
    broken["archived"] = None

    problems = schema.check_answers(
        github_openapi, [("GET", answer.template, 200, broken)]
    )

    where = "GET /repos/{owner}/{repo} 200"
    assert sorted(problems) == [
        f"{where} $.archived: null where the schema does not allow it",
        f"{where} $.owner.id: expected integer, got str",
        f"{where} $: missing required field 'clone_url'",
    ]


def test_labels_without_description_appear_in_pull_listings(
    forge: Forge, tmp_path: Path
) -> None:
    forge.create_repo("acme/app")
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    repo = client(forge).get_repo("acme/app")
    repo.create_pull(base="main", head=BRANCH, title="t", body="b").add_to_labels(
        "bare"
    )

    [listed] = repo.get_pulls(state="open")

    assert [label.name for label in listed.labels] == ["bare"]
    assert listed.raw_data["labels"][0]["description"] is None
