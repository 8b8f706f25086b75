"""GitHub App authentication against the forge, through PyGithub's App auth."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from github import Auth, Github, GithubException, GithubIntegration

from tests.forge.forge import AppCredentials, Forge
from tests.forge.helpers import BRANCH, push_branch


def integration(
    forge: Forge, app: AppCredentials, key: str | None = None
) -> GithubIntegration:
    auth = Auth.AppAuth(app.app_id, key or app.private_key_pem)
    return GithubIntegration(base_url=forge.api_url, auth=auth, retry=None)


def installation_client(forge: Forge, app: AppCredentials) -> Github:
    auth = Auth.AppAuth(app.app_id, app.private_key_pem).get_installation_auth(
        app.installation_id
    )
    return Github(
        base_url=forge.api_url,
        auth=auth,
        retry=None,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )


def test_app_finds_its_installation_and_gets_a_token(forge: Forge) -> None:
    forge.create_repo("acme/app")
    app = forge.create_app("refactor-bot", owner="acme")
    github = integration(forge, app)

    found = github.get_repo_installation("acme", "app")
    token = github.get_access_token(found.id)

    assert github.get_app().slug == "refactor-bot"
    assert found.id == app.installation_id
    assert token.token.startswith("ghs_")
    assert token.expires_at is not None


def test_installation_token_opens_a_pull_request(forge: Forge, tmp_path: Path) -> None:
    forge.create_repo("acme/app")
    forge.create_repo("acme/other")
    app = forge.create_app("refactor-bot", owner="acme", repos=("acme/app",))
    push_branch(forge, "acme/app", tmp_path, "FROM scratch\n")
    github = installation_client(forge, app)

    installed = [
        repo.full_name
        for repo in integration(forge, app)
        .get_app_installation(app.installation_id)
        .get_repos()
    ]
    pull = github.get_repo("acme/app").create_pull(
        base="main", head=BRANCH, title="t", body="b"
    )
    with pytest.raises(GithubException) as hidden:
        github.get_repo("acme/other")

    assert installed == ["acme/app"]
    assert pull.user.login == "refactor-bot[bot]"
    assert hidden.value.status == 404


def test_jwt_signed_by_another_key_is_refused(forge: Forge) -> None:
    forge.create_repo("acme/app")
    app = forge.create_app("refactor-bot", owner="acme")
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = stranger.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()

    with pytest.raises(GithubException) as refused:
        integration(forge, app, key=pem).get_app()

    assert refused.value.status == 401


def test_installation_tokens_expire_by_the_forge_clock(forge: Forge) -> None:
    forge.create_repo("acme/app")
    app = forge.create_app("refactor-bot", owner="acme")
    token = integration(forge, app).get_access_token(app.installation_id).token
    github = Github(base_url=forge.api_url, auth=Auth.Token(token), retry=None)

    before = github.get_repo("acme/app").full_name
    forge.advance_clock(3601)
    with pytest.raises(GithubException) as expired:
        github.get_repo("acme/app")

    assert before == "acme/app"
    assert expired.value.status == 401


def test_short_lived_tokens_are_refreshed_by_pygithub(forge: Forge) -> None:
    forge.create_repo("acme/app")
    forge.set_token_lifetime(5)  # inside PyGithub's 20 s refresh margin
    app = forge.create_app("refactor-bot", owner="acme")
    github = installation_client(forge, app)

    github.get_repo("acme/app")
    github.get_repo("acme/app")

    assert forge.count("POST", "/access_tokens$") == 2
