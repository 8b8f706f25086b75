"""Webhook payloads shaped like GitHub's, describing the forge's own repositories.

Each starts from a real example of `@octokit/webhooks-examples` and has its
repository, sender, installation and event details replaced by the forge's, so a
bot handling the delivery finds every repository, branch and pull it names.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.forge import bare, specs
from tests.forge.forge import DEFAULT_USER, Forge
from tests.forge.records import Repo
from tests.forge.routing import Call

ZERO_SHA = "0" * 40


def push(
    forge: Forge,
    full_name: str,
    *,
    branch: str | None = None,
    before: str | None = None,
    installation_id: int | None = None,
) -> dict[str, Any]:
    """A push of `branch` (default branch) from `before` (its parent) to its tip."""
    call = _call(forge)
    repo = call.store.repo(*full_name.split("/"))
    branch = branch or repo.default_branch
    path = forge.bare_path(repo.full_name)
    after = bare.branch_sha(path, branch) or ZERO_SHA
    info = bare.commit_info(path, after)
    if before is None:
        parents = info["parents"].split() if info else []
        before = parents[0] if parents else ZERO_SHA
    payload = _base(call, "push", None, repo.full_name, installation_id)
    head = _commit(forge, repo.full_name, before, after) if info else None
    payload.update(
        ref=f"refs/heads/{branch}",
        before=before,
        after=after,
        base_ref=None,
        created=before == ZERO_SHA,
        deleted=after == ZERO_SHA,
        forced=False,
        compare=f"{forge.web_url}/{repo.full_name}/compare/{before[:12]}...{after[:12]}",
        commits=[head] if head else [],
        head_commit=head,
        pusher={"name": DEFAULT_USER, "email": f"{DEFAULT_USER}@example.com"},
    )
    return payload


def pull_request(
    forge: Forge,
    full_name: str,
    number: int,
    action: str = "opened",
    *,
    installation_id: int | None = None,
) -> dict[str, Any]:
    """`action` (opened, synchronize, closed...) on the pull request `number`."""
    call = _call(forge)
    pull = forge.pull(full_name, number)
    payload = _base(call, "pull_request", action, pull.repo, installation_id)
    payload.update(action=action, number=number, pull_request=call.pull_json(pull))
    if action == "synchronize":
        payload.update(before=ZERO_SHA, after=call.store.head_sha(pull) or ZERO_SHA)
    return payload


def installation(
    forge: Forge, installation_id: int, action: str = "created"
) -> dict[str, Any]:
    """The app installed (or `action`) on an account, with its repositories."""
    call = _call(forge)
    record = call.store.installations[installation_id]
    payload = _base(call, "installation", action, None, None)
    payload["installation"] = _installation_json(call, installation_id)
    payload["repositories"] = [_short(r) for r in call.store.installed_repos(record)]
    return payload


def installation_repositories(
    forge: Forge,
    installation_id: int,
    *,
    added: tuple[str, ...] = (),
    removed: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Repositories added to or removed from an installation."""
    call = _call(forge)
    payload = _base(
        call, "installation_repositories", "added" if added else "removed", None, None
    )
    repos = [call.store.repo(*name.split("/")) for name in [*added, *removed]]
    payload.update(
        installation=_installation_json(call, installation_id),
        repositories_added=[_short(r) for r in repos[: len(added)]],
        repositories_removed=[_short(r) for r in repos[len(added) :]],
        repository_selection="selected",
    )
    return payload


def _base(
    call: Call,
    event: str,
    action: str | None,
    full_name: str | None,
    installation_id: int | None,
) -> dict[str, Any]:
    payload = copy.deepcopy(specs.webhook_example(event, action))
    payload["sender"] = call.urls.user(call.store.account(DEFAULT_USER, kind="User"))
    if full_name is not None:
        payload["repository"] = call.repository_json(
            call.store.repo(*full_name.split("/"))
        )
    if installation_id is not None:
        payload["installation"] = {
            "id": installation_id,
            "node_id": f"I_{installation_id}",
        }
    else:
        payload.pop("installation", None)
    return payload


def _commit(forge: Forge, full_name: str, before: str, after: str) -> dict[str, Any]:
    path = forge.bare_path(full_name)
    info = bare.commit_info(path, after) or {}
    changes = bare.changed_files(path, before, after) if before != ZERO_SHA else []
    person = {"name": info["author"], "email": info["author_email"], "username": None}
    return {
        "id": after,
        "tree_id": info["tree"],
        "distinct": True,
        "message": info["message"],
        "timestamp": info["committer_date"],
        "url": f"{forge.web_url}/{full_name}/commit/{after}",
        "author": person,
        "committer": person,
        "added": [name for letter, name, *_ in changes if letter == "A"],
        "removed": [name for letter, name, *_ in changes if letter == "D"],
        "modified": [name for letter, name, *_ in changes if letter not in "AD"],
    }


def _installation_json(call: Call, installation_id: int) -> dict[str, Any]:
    record = call.store.installations[installation_id]
    app = call.store.apps[record.app_id]
    return call.urls.installation(record, app, call.store.account(record.account))


def _short(repo: Repo) -> dict[str, Any]:
    return {
        "id": repo.id,
        "node_id": f"R_{repo.id}",
        "name": repo.name,
        "full_name": repo.full_name,
        "private": repo.private,
    }


def _call(forge: Forge) -> Call:
    return Call(
        method="GET",
        store=forge.store,
        urls=forge.urls,
        token=None,
        app=None,
        params={},
        query={},
        body=None,
    )
