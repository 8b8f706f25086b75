from __future__ import annotations

from pathlib import Path

import pytest

from refactor.deliver import pullrequest
from refactor.deliver.fleet import (
    BadRepositoryList,
    CampaignSettings,
    organization_names,
    read_repository_list,
    run_campaign,
)
from refactor.deliver.repository import handle_repository
from refactor.deliver.state import State
from tests.deliver.samples import client_for, go_dockerfile, go_repository, settings_for
from tests.forge import faults
from tests.forge.forge import Forge as LocalForge

BRANCH = "dockerfile-refactor/multi-stage"


@pytest.fixture
def state(tmp_path: Path) -> State:
    return State(tmp_path / "campaign.sqlite")


def campaign(
    local_forge: LocalForge, state: State, names: list[str], **changes: object
):
    settings = CampaignSettings(delivery=settings_for(local_forge, **changes), jobs=2)
    outcomes = run_campaign(
        names,
        settings=settings,
        forge=client_for(local_forge),
        state=state,
        on_result=lambda outcome: None,
    )
    return {outcome.name: outcome for outcome in outcomes}


def test_a_campaign_opens_one_pull_request_per_repository(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/api", go_repository("api"))
    local_forge.create_repo("acme/docs", {"README.md": "no Dockerfile here\n"})
    local_forge.create_repo("acme/old", go_repository(), archived=True)
    local_forge.create_repo("acme/empty", empty=True)

    got = campaign(
        local_forge,
        state,
        ["acme/api", "acme/docs", "acme/old", "acme/empty"],
        draft=True,
    )

    assert {n: o.status for n, o in got.items()} == {
        "acme/api": "opened",
        "acme/docs": "nothing-to-do",
        "acme/old": "skipped",
        "acme/empty": "skipped",
    }
    [pull] = local_forge.pulls("acme/api")
    rewritten = local_forge.read_file("acme/api", BRANCH, "Dockerfile")
    assert pull.draft and pull.labels == ("dockerfile-refactor",)
    assert pull.head_ref == BRANCH and pull.base_ref == "main"
    assert rewritten is not None and "COPY --from=builder" in rewritten
    assert pull.body is not None and pull.body.startswith("This PR splits 1 mono-stage")
    assert "| `Dockerfile` |" in pull.body and "```diff" in pull.body
    expected = pullrequest.fingerprint(
        {"Dockerfile": go_dockerfile("api")}, version=settings_for(local_forge).version
    )
    assert (
        pullrequest.read_fingerprint(pull.body)
        == expected
        == got["acme/api"].fingerprint
    )
    assert got["acme/api"].pr_url == state.repositories()[0].pr_url != ""
    assert local_forge.pulls("acme/docs") == [] and local_forge.pulls("acme/old") == []


def test_a_rerun_updates_the_pull_request_and_never_opens_a_second(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/api", go_repository("api"))
    settings, client = settings_for(local_forge), client_for(local_forge)

    first = handle_repository("acme/api", settings=settings, forge=client, state=state)
    again = handle_repository("acme/api", settings=settings, forge=client, state=state)
    local_forge.push_commit("acme/api", "main", {"Dockerfile": go_dockerfile("api2")})
    changed = handle_repository(
        "acme/api", settings=settings, forge=client, state=state
    )

    assert (first.status, again.status, changed.status) == (
        "opened",
        "up-to-date",
        "updated",
    )
    assert len(local_forge.pulls("acme/api")) == 1
    assert local_forge.count("POST", r"/pulls$") == 1
    assert local_forge.count("PATCH", r"/pulls/\d+$") == 1
    body = local_forge.pulls("acme/api")[0].body
    assert (
        pullrequest.read_fingerprint(body) == changed.fingerprint != first.fingerprint
    )
    assert "api2" in (local_forge.read_file("acme/api", BRANCH, "Dockerfile") or "")


def test_a_pull_request_closed_unmerged_is_not_reopened(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/api", go_repository())
    settings, client = settings_for(local_forge), client_for(local_forge)
    first = handle_repository("acme/api", settings=settings, forge=client, state=state)
    local_forge.close_pull("acme/api", 1)
    branch_before = local_forge.branch_sha("acme/api", BRANCH)

    again = handle_repository("acme/api", settings=settings, forge=client, state=state)

    assert (first.status, again.status) == ("opened", "declined")
    assert "closed" in again.reason and again.pr_url == first.pr_url
    assert [p.state for p in local_forge.pulls("acme/api")] == ["closed"]
    assert local_forge.count("POST", r"/pulls$") == 1
    assert local_forge.branch_sha("acme/api", BRANCH) == branch_before


def test_commits_a_person_added_to_the_branch_are_never_overwritten(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/api", go_repository())
    settings, client = settings_for(local_forge), client_for(local_forge)
    handle_repository("acme/api", settings=settings, forge=client, state=state)
    person = local_forge.push_commit("acme/api", BRANCH, {"NOTES.md": "my fix\n"})
    local_forge.push_commit("acme/api", "main", {"Dockerfile": go_dockerfile("moved")})

    again = handle_repository("acme/api", settings=settings, forge=client, state=state)

    assert again.status == "person-commits"
    assert local_forge.branch_sha("acme/api", BRANCH) == person
    assert local_forge.count("PATCH", r"/pulls/\d+$") == 0


def test_rate_limits_and_server_errors_are_waited_out(
    local_forge: LocalForge, state: State
) -> None:
    for name in ("acme/a", "acme/b", "acme/c"):
        local_forge.create_repo(name, go_repository())
    local_forge.inject(
        faults.secondary_rate_limit(
            retry_after=1, method="POST", path=r"/repos/acme/a/pulls$"
        )
    )
    local_forge.inject(faults.too_many_requests(retry_after=1, path=r"/repos/acme/b$"))
    local_forge.inject(
        faults.bad_gateway(method="GET", path=r"/repos/acme/c/pulls$", times=2)
    )

    got = campaign(local_forge, state, ["acme/a", "acme/b", "acme/c"])

    assert {o.status for o in got.values()} == {"opened"}
    assert all(len(local_forge.pulls(name)) == 1 for name in got)


def test_a_rejected_push_is_recorded_and_the_others_continue(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/a", go_repository())
    local_forge.create_repo("acme/blocked", go_repository())
    local_forge.create_repo("acme/c", go_repository())
    local_forge.reject_pushes("acme/blocked", "protected branch hook declined")

    got = campaign(local_forge, state, ["acme/a", "acme/blocked", "acme/c"])

    blocked = got["acme/blocked"]
    assert (blocked.status, blocked.stage) == ("failed", "push")
    assert "protected branch hook declined" in blocked.reason
    assert got["acme/a"].status == got["acme/c"].status == "opened"
    assert state.unfinished(list(got), mode="no-verify") == ("acme/blocked",)


def test_a_missing_repository_is_recorded_as_an_api_failure(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/a", go_repository())

    got = campaign(local_forge, state, ["acme/gone", "acme/a"])

    assert (got["acme/gone"].status, got["acme/gone"].stage) == ("failed", "api")
    assert "404" in got["acme/gone"].reason
    assert got["acme/a"].status == "opened"


def test_a_proof_that_could_not_run_is_a_failure_to_retry(
    local_forge: LocalForge, state: State, monkeypatch: pytest.MonkeyPatch
) -> None:
    local_forge.create_repo("acme/a", go_repository())
    monkeypatch.setenv("DOCKERFILE_REFACTOR_DOCKER", "/nonexistent/docker")

    got = campaign(local_forge, state, ["acme/a"], verify_builds=True)

    assert (got["acme/a"].status, got["acme/a"].stage) == ("failed", "build")
    assert "could-not-run" in got["acme/a"].reason
    assert local_forge.pulls("acme/a") == []


def test_the_hourly_budget_holds_the_rest_of_the_campaign_back(
    local_forge: LocalForge, state: State
) -> None:
    names = [f"acme/r{i}" for i in range(4)]
    for name in names:
        local_forge.create_repo(name, go_repository())
    settings = CampaignSettings(
        delivery=settings_for(local_forge, max_prs_per_hour=2), jobs=1
    )

    outcomes = run_campaign(
        names,
        settings=settings,
        forge=client_for(local_forge),
        state=state,
        on_result=lambda o: None,
    )

    statuses = [o.status for o in outcomes]
    assert statuses == ["opened", "opened", "deferred"]
    assert outcomes[2].retry_at is not None
    assert sum(len(local_forge.pulls(n)) for n in names) == 2
    assert state.unfinished(names, mode="no-verify") == ("acme/r2", "acme/r3")


def test_a_pull_request_that_already_exists_is_adopted_not_duplicated(
    local_forge: LocalForge,
) -> None:
    from refactor.deliver.repository import _open_once

    local_forge.create_repo("acme/api", go_repository())
    local_forge.push_commit("acme/api", BRANCH, {"Dockerfile": "FROM x AS builder\n"})
    client = client_for(local_forge)
    info = client.repository("acme/api")
    settings = settings_for(local_forge)
    first = _open_once(client, info, settings, title="t", body="b")

    again = _open_once(client, info, settings, title="t", body="b")

    assert again.number == first.number
    assert len(local_forge.pulls("acme/api")) == 1


def test_an_organisation_campaign_skips_forks_unless_asked(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/api", go_repository())
    local_forge.create_repo("acme/fork", go_repository(), fork=True)
    names = organization_names(client_for(local_forge), "acme")

    got = campaign(local_forge, state, list(names))
    with_forks = campaign(
        local_forge,
        State(state.path.with_suffix(".2")),
        list(names),
        include_forks=True,
    )

    assert names == ("acme/api", "acme/fork")
    assert got["acme/fork"].status == "skipped" and "fork" in got["acme/fork"].reason
    assert with_forks["acme/fork"].status == "opened"
    assert with_forks["acme/api"].status == "up-to-date"


def test_a_repository_list_file_is_checked_line_by_line(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("# team A\nacme/api\n\nacme/web  # the site\nacme/api\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("acme/api\nacme/../etc\n")

    assert read_repository_list(good) == ("acme/api", "acme/web")
    with pytest.raises(BadRepositoryList, match=r"bad.txt:2"):
        read_repository_list(bad)


def test_dry_run_rewrite_reads_only(local_forge: LocalForge, state: State) -> None:
    local_forge.create_repo("acme/api", go_repository())
    local_forge.create_repo("acme/docs", {"README.md": "hi\n"})

    got = campaign(local_forge, state, ["acme/api", "acme/docs"], dry_run="rewrite")

    assert got["acme/api"].status == "rewritten"
    assert got["acme/api"].files[0].rewritten is not None
    assert got["acme/docs"].status == "nothing-to-do"
    assert local_forge.branch_sha("acme/api", BRANCH) is None
    assert [r.method for r in local_forge.requests() if r.method != "GET"] == []


def test_dry_run_push_pushes_the_branch_but_opens_nothing(
    local_forge: LocalForge, state: State
) -> None:
    local_forge.create_repo("acme/api", go_repository())

    got = campaign(local_forge, state, ["acme/api"], dry_run="push")
    then = campaign(local_forge, state, ["acme/api"])

    assert got["acme/api"].status == "pushed"
    assert then["acme/api"].status == "opened"
    assert local_forge.count("POST", r"/pulls$") == 1
