"""GitHub App authentication: the app's JWT, installations, installation tokens."""

from __future__ import annotations

import jwt

from tests.forge.payloads import timestamp
from tests.forge.records import ApiError, App, Installation
from tests.forge.routing import Call, Reply, route
from tests.forge.store import Store

# GitHub refuses app JWTs that live longer than ten minutes.
MAX_JWT_LIFETIME = 600
JWT_LEEWAY = 60


def verify_jwt(store: Store, value: str) -> App:
    """The app whose key signed `value`; its times are checked on the wall clock."""
    try:
        claims = jwt.decode(value, options={"verify_signature": False})
        app = store.apps.get(int(claims.get("iss", 0)))
        if app is None:
            raise ApiError(401, "A JSON web token could not be decoded")
        claims = jwt.decode(
            value,
            app.public_key_pem,
            algorithms=["RS256"],
            leeway=JWT_LEEWAY,
            options={"require": ["iat", "exp", "iss"]},
        )
    except (jwt.PyJWTError, ValueError, TypeError):
        raise ApiError(401, "A JSON web token could not be decoded") from None
    if int(claims["exp"]) - int(claims["iat"]) > MAX_JWT_LIFETIME + JWT_LEEWAY:
        raise ApiError(401, "Expiration time' claim ('exp') is too far in the future")
    return app


@route("GET", "/app", app_jwt=True)
def get_app(call: Call) -> Reply:
    app = _app(call)
    return Reply(status=200, body=call.urls.app(app, call.account(app.owner)))


@route("GET", "/app/installations", app_jwt=True)
def list_installations(call: Call) -> Reply:
    app = _app(call)
    with call.store.lock:
        found = [i for i in call.store.installations.values() if i.app_id == app.id]
    body = [_installation_json(call, installation) for installation in found]
    return Reply(status=200, body=body, paginate=True)


@route("GET", "/app/installations/{installation_id}", app_jwt=True)
def get_installation(call: Call) -> Reply:
    return Reply(status=200, body=_installation_json(call, _installation(call)))


@route("POST", "/app/installations/{installation_id}/access_tokens", app_jwt=True)
def create_access_token(call: Call) -> Reply:
    installation = _installation(call)
    token = call.store.installation_token(installation)
    repos = [
        call.repository_json(repo) for repo in call.store.installed_repos(installation)
    ]
    body = {
        "token": token.value,
        "expires_at": timestamp(token.expires_at),
        "permissions": {
            "contents": "write",
            "pull_requests": "write",
            "issues": "write",
        },
        "repository_selection": "all" if installation.repos is None else "selected",
        "repositories": repos,
    }
    return Reply(status=201, body=body)


@route("GET", "/repos/{owner}/{repo}/installation", app_jwt=True)
def get_repo_installation(call: Call) -> Reply:
    repo = call.store.repo(call.params["owner"], call.params["repo"])
    for installation in _installations_of(call, repo.owner):
        if repo in call.store.installed_repos(installation):
            return Reply(status=200, body=_installation_json(call, installation))
    raise ApiError(404, "Not Found")


@route("GET", "/orgs/{org}/installation", app_jwt=True)
def get_org_installation(call: Call) -> Reply:
    for installation in _installations_of(call, call.params["org"]):
        return Reply(status=200, body=_installation_json(call, installation))
    raise ApiError(404, "Not Found")


@route("GET", "/installation/repositories")
def list_installation_repos(call: Call) -> Reply:
    if call.token is None or call.token.installation_id is None:
        raise ApiError(403, "This endpoint requires an installation access token")
    installation = call.store.installations[call.token.installation_id]
    repos = [
        call.repository_json(repo) for repo in call.store.installed_repos(installation)
    ]
    body = {
        "total_count": len(repos),
        "repository_selection": "all",
        "repositories": repos,
    }
    return Reply(status=200, body=body, paginate=True, list_key="repositories")


def _app(call: Call) -> App:
    if call.app is None:
        raise ApiError(401, "A JSON web token could not be decoded")
    return call.app


def _installation(call: Call) -> Installation:
    app = _app(call)
    with call.store.lock:
        installation = call.store.installations.get(call.number("installation_id"))
    if installation is None or installation.app_id != app.id:
        raise ApiError(404, "Not Found")
    return installation


def _installations_of(call: Call, account: str) -> list[Installation]:
    app = _app(call)
    with call.store.lock:
        return [
            installation
            for installation in call.store.installations.values()
            if installation.app_id == app.id
            and installation.account.lower() == account.lower()
        ]


def _installation_json(call: Call, installation: Installation) -> dict[str, object]:
    app = call.store.apps[installation.app_id]
    return call.urls.installation(installation, app, call.account(installation.account))
