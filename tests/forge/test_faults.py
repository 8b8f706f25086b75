"""Faults the forge injects, seen from PyGithub and git as a campaign would see them."""

from __future__ import annotations

import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from github import (
    Auth,
    Github,
    GithubException,
    GithubRetry,
    RateLimitExceededException,
)

from tests.forge import faults
from tests.forge.forge import Forge
from tests.forge.helpers import BRANCH, client, push_branch


def retrying(forge: Forge) -> Github:
    """PyGithub with its own retry policy, minus waits the test does not need."""
    retry = GithubRetry(total=3, backoff_factor=0, secondary_rate_wait=0)
    return Github(
        base_url=forge.api_url,
        auth=Auth.Token(forge.token),
        retry=retry,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )


def test_secondary_rate_limit_sends_retry_after(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.inject(faults.secondary_rate_limit(retry_after=1, path="^/repos/acme/app$"))

    started = time.monotonic()
    repo = retrying(forge).get_repo("acme/app")
    waited = time.monotonic() - started

    assert repo.full_name == "acme/app"
    assert [r.status for r in forge.requests("GET", "^/repos/acme/app$")] == [403, 200]
    assert waited >= 1.0


def test_secondary_rate_limit_answer_is_github_shaped(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.inject(faults.secondary_rate_limit(retry_after=7, method="GET"))

    with pytest.raises(GithubException) as refused:
        client(forge).get_repo("acme/app")

    assert refused.value.status == 403
    assert refused.value.headers is not None
    assert refused.value.headers["retry-after"] == "7"
    assert "secondary rate limit" in refused.value.data["message"]


def test_too_many_requests_then_success(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.inject(faults.too_many_requests(retry_after=0, times=2))

    repo = retrying(forge).get_repo("acme/app")

    assert repo.name == "app"
    assert [r.status for r in forge.requests()] == [429, 429, 200]


def test_bad_gateway_hits_only_the_armed_requests(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.inject(faults.bad_gateway(method="GET", path="/repos/", times=1))
    github = client(forge)

    with pytest.raises(GithubException) as failed:
        github.get_repo("acme/app")
    repo = github.get_repo("acme/app")

    assert failed.value.status == 502
    assert repo.name == "app"


def test_slow_answers_are_delayed(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.inject(faults.slow(0.5, path="/repos/", times=None))
    github = client(forge)

    started = time.monotonic()
    github.get_repo("acme/app")
    github.get_repo("acme/app")
    took = time.monotonic() - started

    assert took >= 1.0


def test_exhausted_rate_limit_names_the_reset(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.inject(faults.rate_limit_exhausted(reset_in=120))

    with pytest.raises(RateLimitExceededException) as exhausted:
        client(forge).get_repo("acme/app")

    headers = exhausted.value.headers or {}
    assert headers["x-ratelimit-remaining"] == "0"
    assert 100 < int(headers["x-ratelimit-reset"]) - time.time() <= 121


def test_rejected_push_leaves_no_branch(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app")
    forge.reject_pushes("acme/app", "protected by policy")

    with pytest.raises(RuntimeError) as rejected:
        push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    forge.allow_pushes("acme/app")
    pushed = push_branch(forge, "acme/app", tmp_path / "again", "FROM scratch\n")

    assert "protected by policy" in str(rejected.value)
    assert forge.branch_sha("acme/app", BRANCH) == pushed


def test_concurrent_creations_make_one_pull(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app")
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")

    def open_pull(_: int) -> int:
        repo = client(forge).get_repo("acme/app")
        try:
            return repo.create_pull(
                base="main", head=BRANCH, title="t", body="b"
            ).number
        except GithubException as error:
            return -error.status

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = sorted(pool.map(open_pull, range(8)))

    assert outcomes == [-422] * 7 + [1]
    assert len(forge.pulls("acme/app")) == 1


def test_control_api_arms_faults_over_http(forge: Forge) -> None:
    forge.create_repo("acme/app")
    fault = json.dumps({"kind": "bad_gateway", "path": "/repos/"}).encode()
    arm = urllib.request.Request(f"{forge.web_url}/_forge/faults", data=fault)
    with urllib.request.urlopen(arm, timeout=10) as answer:
        assert answer.status == 201

    with pytest.raises(GithubException) as failed:
        client(forge).get_repo("acme/app")

    assert failed.value.status == 502


def test_low_rate_limit_shows_in_headers_of_a_normal_answer(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.inject(faults.rate_limit_low(reset_in=300))
    github = client(forge)

    github.get_repo("acme/app")

    assert github.rate_limiting[0] == 0
    assert 290 < github.rate_limiting_resettime - time.time() <= 301


def test_archived_repository_refuses_writes_and_pushes(
    forge: Forge, tmp_path: Path
) -> None:
    forge.create_repo("acme/old", archived=True)
    repo = client(forge).get_repo("acme/old")

    with pytest.raises(GithubException) as refused:
        repo.create_label("x", "ededed")
    with pytest.raises(RuntimeError) as rejected:
        push_branch(forge, "acme/old", tmp_path, "FROM scratch\n")

    assert refused.value.status == 403
    assert "archived" in str(rejected.value)
    assert forge.count_writes() == 0


def test_write_limit_refuses_the_call_past_the_budget(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.limit_writes(2, retry_after=30)
    repo = client(forge).get_repo("acme/app")

    repo.create_label("a", "ededed")
    repo.create_label("b", "ededed")
    with pytest.raises(GithubException) as refused:
        repo.create_label("c", "ededed")
    listed = [label.name for label in repo.get_labels()]  # reads stay free
    forge.limit_writes(None)
    repo.create_label("c", "ededed")

    assert refused.value.status == 403
    assert (refused.value.headers or {})["retry-after"] == "30"
    assert listed == ["a", "b"]
    assert forge.labels("acme/app") == ["a", "b", "c"]
