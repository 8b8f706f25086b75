"""Job specs: settings survive the trip through JSON; bad lines are refused."""

from __future__ import annotations

import json

import pytest

from refactor.deliver.repository import DeliverySettings
from refactor.deliver.secret import Secret
from refactor.plan.outcome import RewriteSettings
from refactor.scale.spec import (
    BadSpec,
    JobSpec,
    delivery_of,
    from_line,
    job_id,
    settings_of,
    to_line,
)
from refactor.verify.model import VerifySettings


def a_spec(**changes: object) -> JobSpec:
    settings = DeliverySettings(
        globs=("Dockerfile", "docker/*.Dockerfile"),
        dry_run="push",
        draft=True,
        labels=("a", "b"),
        branch_prefix="bots/",
        max_prs_per_hour=7,
        verify_builds=False,
        rewrite=RewriteSettings(base_map={"golang:1.19": "debian:bookworm-slim"}),
        verify=VerifySettings(build_network="host"),
        token=Secret("ghp_never_in_a_spec"),
    )
    fields: dict[str, object] = {
        "repository": "acme/api",
        "campaign": "spring",
        "forge_url": "http://127.0.0.1:1/api/v3",
        "token_env": "GITHUB_TOKEN",
        "state": "redis://127.0.0.1:6379/0",
        "delivery": delivery_of(settings),
    }
    return JobSpec(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_line_round_trips_and_rebuilds_the_settings() -> None:
    spec = a_spec()
    line = to_line(spec)

    again = from_line(line)
    settings = settings_of(again.delivery, token=Secret("t"))

    assert again == spec
    assert "ghp_never_in_a_spec" not in line
    assert settings.mode == "push" and settings.draft and settings.labels == ("a", "b")
    assert settings.rewrite.base_map == {"golang:1.19": "debian:bookworm-slim"}
    assert settings.verify.build_network == "host"
    assert settings.branch == "bots/multi-stage"


def test_job_ids_are_stable_and_distinct() -> None:
    assert (
        job_id("c", "acme/a")
        == job_id("c", "acme/a")
        == a_spec(campaign="c", repository="acme/a").job_id
    )
    assert job_id("c", "acme/a") != job_id("c", "acme/b")
    assert job_id("c", "acme/a") != job_id("d", "acme/a")


def _broken(change: dict[str, object]) -> str:
    mapping = json.loads(to_line(a_spec()))
    for key, value in change.items():
        target = mapping
        *path, last = key.split(".")
        for part in path:
            target = target[part]
        target[last] = value
    return json.dumps(mapping)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        pytest.param("{not json", "not a JSON job line", id="not-json"),
        pytest.param("[1]", "JSON object", id="not-object"),
        pytest.param(_broken({"version": 9}), "version", id="version"),
        pytest.param(_broken({"repository": "../etc"}), "repository name", id="name"),
        pytest.param(_broken({"token_env": 3}), "token_env", id="type"),
        pytest.param(_broken({"delivery.dry_run": "all"}), "dry_run", id="dry-run"),
        pytest.param(_broken({"delivery.labels": [1]}), "labels", id="labels"),
        pytest.param(
            _broken({"delivery.max_prs_per_hour": True}), "max_prs", id="bool"
        ),
    ],
)
def test_bad_lines_are_refused_with_a_reason(line: str, says: str) -> None:
    with pytest.raises(BadSpec, match=says):
        from_line(line)
