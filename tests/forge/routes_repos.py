"""Accounts, repositories, branches, contents, labels and the rate limit."""

from __future__ import annotations

import base64

from tests.forge import bare
from tests.forge.records import Account, ApiError
from tests.forge.routing import Call, Reply, route
from tests.forge.store import RATE_LIMIT


@route("GET", "/user")
def get_user(call: Call) -> Reply:
    account = call.account(call.login)
    public = len(call.store.repos_of(account.login))
    return Reply(status=200, body=call.urls.private_user(account, public))


@route("GET", "/users/{username}")
def get_account(call: Call) -> Reply:
    account = _known_account(call, call.params["username"])
    public = len(call.store.repos_of(account.login))
    return Reply(status=200, body=call.urls.public_user(account, public))


@route("GET", "/orgs/{org}")
def get_org(call: Call) -> Reply:
    account = _known_account(call, call.params["org"])
    if account.kind != "Organization":
        raise ApiError(404, "Not Found")
    public = len(call.store.repos_of(account.login))
    return Reply(status=200, body=call.urls.organization(account, public))


@route("GET", "/orgs/{org}/repos")
def list_org_repos(call: Call) -> Reply:
    return _list_repos(call, call.params["org"])


@route("GET", "/users/{username}/repos")
def list_user_repos(call: Call) -> Reply:
    return _list_repos(call, call.params["username"])


@route("GET", "/repos/{owner}/{repo}")
def get_repo(call: Call) -> Reply:
    return Reply(status=200, body=call.repository_json(call.repo()))


@route("GET", "/repos/{owner}/{repo}/branches/{branch}")
def get_branch(call: Call) -> Reply:
    repo = call.repo()
    name = call.params["branch"]
    info = bare.commit_info(call.store.bare_path(repo.full_name), f"refs/heads/{name}")
    if info is None:
        raise ApiError(404, "Branch not found")
    api = f"{call.urls.api}/repos/{repo.full_name}/branches/{name}"
    body = {
        "name": name,
        "commit": call.urls.commit(repo.full_name, info),
        "_links": {
            "self": api,
            "html": f"{call.urls.web}/{repo.full_name}/tree/{name}",
        },
        "protected": False,
        "protection": {"enabled": False},
        "protection_url": f"{api}/protection",
    }
    return Reply(status=200, body=body)


@route("GET", "/repos/{owner}/{repo}/commits/{ref}")
def get_commit(call: Call) -> Reply:
    repo = call.repo()
    info = bare.commit_info(call.store.bare_path(repo.full_name), call.params["ref"])
    if info is None:
        raise ApiError(422, f"No commit found for SHA: {call.params['ref']}")
    body = {**call.urls.commit(repo.full_name, info), "files": [], "stats": {}}
    return Reply(status=200, body=body)


@route("GET", "/repos/{owner}/{repo}/contents/{path}")
def get_contents(call: Call) -> Reply:
    repo = call.repo()
    ref = call.query.get("ref", repo.default_branch)
    path = call.params["path"]
    data = bare.read_file(call.store.bare_path(repo.full_name), ref, path)
    if data is None:
        raise ApiError(404, "Not Found")
    api = f"{call.urls.api}/repos/{repo.full_name}"
    html = f"{call.urls.web}/{repo.full_name}/blob/{ref}/{path}"
    body = {
        "type": "file",
        "encoding": "base64",
        "size": len(data),
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "content": base64.b64encode(data).decode(),
        "sha": bare.git(
            call.store.bare_path(repo.full_name), "rev-parse", f"{ref}:{path}"
        ),
        "url": f"{api}/contents/{path}?ref={ref}",
        "git_url": None,
        "html_url": html,
        "download_url": None,
        "_links": {"self": f"{api}/contents/{path}", "git": None, "html": html},
    }
    return Reply(status=200, body=body)


@route("GET", "/repos/{owner}/{repo}/labels")
def list_labels(call: Call) -> Reply:
    repo = call.repo()
    with call.store.lock:
        labels = list(call.store.labels[repo.full_name].values())
    return Reply(
        status=200,
        body=[call.urls.label(repo, label) for label in labels],
        paginate=True,
    )


@route("GET", "/repos/{owner}/{repo}/labels/{name}")
def get_label(call: Call) -> Reply:
    repo = call.repo()
    label = call.store.label(repo, call.params["name"])
    return Reply(status=200, body=call.urls.label(repo, label))


@route("POST", "/repos/{owner}/{repo}/labels")
def create_label(call: Call) -> Reply:
    repo = call.repo()
    name = call.field("name")
    if not isinstance(name, str) or not name:
        raise ApiError(
            422,
            "Validation Failed",
            ({"resource": "Label", "code": "missing_field", "field": "name"},),
        )
    color = call.field("color")
    description = call.field("description")
    label = call.store.create_label(
        repo,
        name,
        color.lstrip("#") if isinstance(color, str) else "ededed",
        description if isinstance(description, str) else None,
    )
    return Reply(status=201, body=call.urls.label(repo, label))


@route("GET", "/rate_limit")
def rate_limit(call: Call) -> Reply:
    """The caller's core limit; asking does not count against it, as on GitHub."""
    if call.token is None:
        raise ApiError(401, "Requires authentication")
    with call.store.lock:
        used = call.store.rate_used.get(call.token.value, 0)
    core = {
        "limit": RATE_LIMIT,
        "used": used,
        "remaining": max(0, RATE_LIMIT - used),
        "reset": call.store.rate_reset,
    }
    search = {"limit": 30, "used": 0, "remaining": 30, "reset": call.store.rate_reset}
    return Reply(
        status=200, body={"resources": {"core": core, "search": search}, "rate": core}
    )


def _known_account(call: Call, login: str) -> Account:
    with call.store.lock:
        account = call.store.accounts.get(login)
    if account is None:
        raise ApiError(404, "Not Found")
    return account


def _list_repos(call: Call, owner: str) -> Reply:
    _known_account(call, owner)
    repos = call.store.repos_of(owner)
    kind = call.query.get("type", "all")
    if kind == "forks":
        repos = [repo for repo in repos if repo.fork]
    elif kind == "sources":
        repos = [repo for repo in repos if not repo.fork]
    body = [call.repository_json(repo) for repo in repos]
    return Reply(status=200, body=body, paginate=True)
