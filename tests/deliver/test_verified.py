"""The one delivery test that builds images: a verified PR and a broken repository."""

from __future__ import annotations

from pathlib import Path

from refactor.deliver.fleet import CampaignSettings, run_campaign
from refactor.deliver.state import State
from refactor.verify.model import VerifySettings
from tests.deliver.samples import client_for, go_repository, settings_for
from tests.forge.forge import Forge as LocalForge


def test_verified_sizes_reach_the_pull_request_and_a_broken_build_is_recorded(
    docker_cli: str, local_forge: LocalForge, tmp_path: Path
) -> None:
    local_forge.create_repo("acme/hello", go_repository())
    broken = {**go_repository(), "main.go": "package main\n\nfunc main() { nope( }\n"}
    local_forge.create_repo("acme/broken", broken)
    delivery = settings_for(
        local_forge,
        verify_builds=True,
        verify=VerifySettings(build_network="host", measure_compressed=False),
    )
    state = State(tmp_path / "state.sqlite")

    outcomes = run_campaign(
        ["acme/hello", "acme/broken"],
        settings=CampaignSettings(delivery=delivery, jobs=2),
        forge=client_for(local_forge),
        state=state,
        on_result=lambda outcome: None,
    )

    got = {outcome.name: outcome for outcome in outcomes}
    hello, failed = got["acme/hello"], got["acme/broken"]
    assert hello.status == "opened", hello.reason
    assert 0 < hello.bytes_after < hello.bytes_before
    [pull] = local_forge.pulls("acme/hello")
    assert pull.body is not None and "| `Dockerfile` | 1," in pull.body
    assert "verification, logs and diff" in pull.body
    assert failed.status == "unverified"
    assert "original-does-not-build" in failed.reason
    assert local_forge.pulls("acme/broken") == []
    rows = {row.name: row for row in state.repositories()}
    assert rows["acme/hello"].saved == hello.bytes_before - hello.bytes_after
