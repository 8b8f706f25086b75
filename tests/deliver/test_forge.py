from __future__ import annotations

import time

import pytest

from refactor.deliver.forge import Forge, ForgeError, ForgeSettings
from refactor.deliver.polite import IntervalPacer
from refactor.deliver.secret import Secret
from tests.forge import faults
from tests.forge.forge import Forge as LocalForge

BRANCH = "dockerfile-refactor/multi-stage"


def with_branch(local_forge: LocalForge, name: str) -> None:
    local_forge.create_repo(name, {"Dockerfile": "FROM python:3.11\n"})
    local_forge.push_commit(name, BRANCH, {"Dockerfile": "FROM python:3.11 AS b\n"})


def test_repository_and_organisation_listing(
    local_forge: LocalForge, client: Forge
) -> None:
    local_forge.create_repo("acme/api", {"Dockerfile": "FROM x\n"})
    local_forge.create_repo("acme/old", {"Dockerfile": "FROM x\n"}, archived=True)
    local_forge.create_repo("acme/fork", {"Dockerfile": "FROM x\n"}, fork=True)

    info = client.repository("acme/api")
    listed = {r.full_name: r for r in client.organization_repositories("acme")}

    assert info.default_branch == "main"
    assert info.clone_url.startswith("file://")
    assert sorted(listed) == ["acme/api", "acme/fork", "acme/old"]
    assert listed["acme/old"].archived and listed["acme/fork"].fork


def test_open_find_update_and_label_a_pull(
    local_forge: LocalForge, client: Forge
) -> None:
    with_branch(local_forge, "acme/api")
    assert client.find_pull("acme/api", branch=BRANCH) is None

    opened = client.open_pull(
        "acme/api", base="main", branch=BRANCH, title="t", body="b", draft=True
    )
    client.add_labels("acme/api", opened.number, ("dependencies", "docker"))
    client.update_pull("acme/api", opened.number, title="t2", body="b2")
    found = client.find_pull("acme/api", branch=BRANCH)

    assert found is not None
    assert (found.number, found.title, found.body, found.state) == (
        opened.number,
        "t2",
        "b2",
        "open",
    )
    assert set(found.labels) == {"dependencies", "docker"}
    assert set(local_forge.labels("acme/api")) >= {"dependencies", "docker"}
    assert local_forge.pulls("acme/api")[0].draft


def test_a_closed_unmerged_pull_is_found_as_closed(
    local_forge: LocalForge, client: Forge
) -> None:
    with_branch(local_forge, "acme/api")
    opened = client.open_pull(
        "acme/api", base="main", branch=BRANCH, title="t", body="b", draft=False
    )
    local_forge.close_pull("acme/api", opened.number)

    found = client.find_pull("acme/api", branch=BRANCH)
    assert found is not None and (found.state, found.merged) == ("closed", False)


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(
            faults.secondary_rate_limit(retry_after=1, path="/repos/acme/api$"),
            id="403-retry-after",
        ),
        pytest.param(
            faults.too_many_requests(retry_after=1, path="/repos/acme/api$"),
            id="429-retry-after",
        ),
        pytest.param(
            faults.rate_limit_exhausted(reset_in=1, path="/repos/acme/api$"),
            id="403-ratelimit-reset",
        ),
        pytest.param(
            faults.Fault(
                status=429, message="slow down", reset_in=1, path="/repos/acme/api$"
            ),
            id="429-ratelimit-reset-only",
        ),
    ],
)
def test_rate_limits_are_waited_out(
    local_forge: LocalForge, client: Forge, fault: faults.Fault
) -> None:
    local_forge.create_repo("acme/api", {"Dockerfile": "FROM x\n"})
    local_forge.inject(fault)

    started = time.monotonic()
    info = client.repository("acme/api")
    waited = time.monotonic() - started

    assert info.full_name == "acme/api"
    assert waited >= 0.9
    assert local_forge.count("GET", "/repos/acme/api$") >= 2


def test_a_bad_gateway_is_retried(local_forge: LocalForge, client: Forge) -> None:
    local_forge.create_repo("acme/api", {"Dockerfile": "FROM x\n"})
    local_forge.inject(faults.bad_gateway(path="/repos/acme/api$", times=2))

    assert client.repository("acme/api").full_name == "acme/api"


def test_errors_become_one_sentence_without_the_token(local_forge: LocalForge) -> None:
    local_forge.create_repo("acme/api", {"Dockerfile": "FROM x\n"})
    wrong = Forge(
        ForgeSettings(base_url=local_forge.api_url, token=Secret("ghp_wrong_1")),
        pacer=IntervalPacer(0.0),
    )

    with pytest.raises(ForgeError) as raised:
        wrong.repository("acme/api")
    with pytest.raises(ForgeError) as missing:
        Forge(
            ForgeSettings(base_url=local_forge.api_url, token=Secret(local_forge.token))
        ).repository("acme/nope")

    assert raised.value.status == 401 and "ghp_wrong_1" not in str(raised.value)
    assert missing.value.status == 404
    assert "Secret('***')" in repr(wrong.settings)
