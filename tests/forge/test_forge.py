"""The local forge driven through PyGithub, as the fleet and the bot drive it."""

from __future__ import annotations

from pathlib import Path

import pytest
from github import Github, GithubException

from tests.forge.forge import Forge
from tests.forge.helpers import BRANCH, client, push_branch


def test_org_repositories_are_listed_across_pages(forge: Forge) -> None:
    for index in range(7):
        forge.create_repo(
            f"acme/service-{index}", {"Dockerfile": "FROM debian:bookworm\n"}
        )
    forge.create_repo("acme/fork", fork=True)
    forge.create_repo("acme/old", archived=True)
    forge.create_repo("acme/nothing", empty=True)
    github = client(forge, per_page=3)

    repos = list(github.get_organization("acme").get_repos())

    assert [repo.name for repo in repos][:7] == [
        f"service-{index}" for index in range(7)
    ]
    assert len(repos) == 10
    assert forge.count("GET", "^/orgs/acme/repos$") == 4
    flags = {repo.name: (repo.fork, repo.archived, repo.size == 0) for repo in repos}
    assert flags["fork"] == (True, False, False)
    assert flags["old"] == (False, True, False)
    assert flags["nothing"] == (False, False, True)


def test_repository_points_at_its_bare_repo(forge: Forge) -> None:
    forge.create_repo(
        "acme/app", {"Dockerfile": "FROM python:3.11\n"}, default_branch="trunk"
    )

    repo = client(forge).get_repo("acme/app")

    assert (repo.full_name, repo.default_branch, repo.private) == (
        "acme/app",
        "trunk",
        False,
    )
    assert repo.clone_url == forge.bare_path("acme/app").as_uri()
    assert repo.html_url.startswith(forge.web_url)
    assert forge.read_file("acme/app", "trunk", "Dockerfile") == "FROM python:3.11\n"


def test_pull_request_lifecycle(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app", {"Dockerfile": "FROM python:3.11\n"})
    repo = client(forge).get_repo("acme/app")
    sha = push_branch(forge, "acme/app", tmp_path, "FROM python:3.11 AS builder\n")

    repo.create_label("dockerfile-refactor", "0e8a16", "Multi-stage rewrite")
    pull = repo.create_pull(
        base="main", head=BRANCH, title="Split", body="sizes", draft=True
    )
    pull.add_to_labels("dockerfile-refactor")
    found = list(repo.get_pulls(state="open", head=f"acme:{BRANCH}"))
    pull.edit(title="Split the Dockerfile", body="new sizes")
    comment = pull.create_issue_comment("first")
    comment.edit("edited")
    pull.edit(state="closed")

    assert [p.number for p in found] == [pull.number]
    assert (pull.head.ref, pull.head.sha, pull.base.ref, pull.draft) == (
        BRANCH,
        sha,
        "main",
        True,
    )
    stored = forge.pull("acme/app", pull.number)
    assert (stored.title, stored.body, stored.state) == (
        "Split the Dockerfile",
        "new sizes",
        "closed",
    )
    assert stored.labels == ("dockerfile-refactor",)
    assert forge.comments("acme/app", pull.number) == ["edited"]
    assert list(repo.get_pulls(state="open")) == []
    assert [p.number for p in repo.get_pulls(state="closed")] == [pull.number]


def test_pull_request_needs_a_pushed_branch_with_commits(
    forge: Forge, tmp_path: Path
) -> None:
    forge.create_repo("acme/app")
    repo = client(forge).get_repo("acme/app")
    forge.create_branch("acme/app", "behind", "main")
    forge.push_commit("acme/app", "main", {"NEWS": "moved on\n"})

    with pytest.raises(GithubException) as missing:
        repo.create_pull(base="main", head="absent", title="t", body="b")
    with pytest.raises(GithubException) as behind:
        repo.create_pull(base="main", head="behind", title="t", body="b")

    assert missing.value.status == 422
    assert behind.value.status == 422
    assert "No commits between main and behind" in str(behind.value.data)
    assert forge.pulls("acme/app") == []


def test_a_second_pull_for_the_same_branch_is_refused(
    forge: Forge, tmp_path: Path
) -> None:
    forge.create_repo("acme/app")
    repo = client(forge).get_repo("acme/app")
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    repo.create_pull(base="main", head=BRANCH, title="t", body="b")

    with pytest.raises(GithubException) as duplicate:
        repo.create_pull(base="main", head=BRANCH, title="t", body="b")

    assert duplicate.value.status == 422
    assert len(forge.pulls("acme/app")) == 1
    assert forge.count("POST", "/pulls$") == 2


def test_person_commits_and_merges_are_visible(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app")
    repo = client(forge).get_repo("acme/app")
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    number = repo.create_pull(base="main", head=BRANCH, title="t", body="b").number

    person = forge.push_commit("acme/app", BRANCH, {"extra.txt": "mine\n"})
    head_after_person = repo.get_pull(number).head.sha
    forge.merge_pull("acme/app", number)
    merged = repo.get_pull(number)

    assert head_after_person == person
    assert (merged.state, merged.merged, merged.is_merged()) == ("closed", True, True)
    assert forge.read_file("acme/app", "main", "extra.txt") == "mine\n"


def test_review_comments_and_reviews(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app")
    repo = client(forge).get_repo("acme/app")
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    pull = repo.create_pull(base="main", head=BRANCH, title="t", body="b")

    review = pull.create_review(body="Suggested rewrite", event="COMMENT")
    reviews = list(pull.get_reviews())
    comments = list(pull.get_review_comments())

    assert review.state == "COMMENTED"
    assert [r.body for r in reviews] == ["Suggested rewrite"]
    assert comments == []


def test_unknown_or_missing_token_is_refused(forge: Forge) -> None:
    forge.create_repo("acme/app")

    with pytest.raises(GithubException) as wrong:
        client(forge, token="not-a-token").get_repo("acme/app")
    anonymous = Github(
        base_url=forge.api_url, retry=None, seconds_between_requests=None
    )
    with pytest.raises(GithubException) as missing:
        anonymous.get_repo("acme/app")

    assert wrong.value.status == 401
    assert missing.value.status == 401
    assert wrong.value.data["message"] == "Bad credentials"


def test_rate_limit_headers_count_down(forge: Forge) -> None:
    forge.create_repo("acme/app")
    github = client(forge)

    github.get_repo("acme/app")
    first = github.rate_limiting
    github.get_repo("acme/app")

    assert github.rate_limiting == (first[0] - 1, 5000)
    assert github.rate_limiting_resettime > 0


def test_rate_limit_endpoint_counts_calls_but_not_itself(forge: Forge) -> None:
    forge.create_repo("acme/app")
    github = client(forge)

    github.get_repo("acme/app")
    github.get_repo("acme/app")
    first = github.get_rate_limit().resources.core
    second = github.get_rate_limit().resources.core

    assert (first.used, first.remaining) == (2, 4998)
    assert second.used == 2


def test_pull_request_files_show_the_change(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app", {"Dockerfile": "FROM python:3.11\n", "app.py": "x\n"})
    repo = client(forge).get_repo("acme/app")
    push_branch(forge, "acme/app", tmp_path, "FROM python:3.11 AS builder\n")
    forge.push_commit("acme/app", BRANCH, {"app.py": None, "new.txt": "new\n"})
    pull = repo.create_pull(base="main", head=BRANCH, title="t", body="b")

    files = {f.filename: (f.status, f.additions, f.deletions) for f in pull.get_files()}
    [dockerfile] = [f for f in pull.get_files() if f.filename == "Dockerfile"]

    assert files == {
        "Dockerfile": ("modified", 1, 1),
        "app.py": ("removed", 0, 1),
        "new.txt": ("added", 1, 0),
    }
    assert "+FROM python:3.11 AS builder" in dockerfile.patch
