"""What a delivery asks of the bot, decided from its event and payload alone.

Pure: the handlers act on the returned value. A payload missing what an action
needs is ignored with a reason rather than guessed at.
"""

from __future__ import annotations

import fnmatch
import posixpath
from dataclasses import dataclass
from typing import Any

from refactor.bot.config import DEFAULT_PATHS

REVIEWED_ACTIONS = frozenset({"opened", "synchronize", "reopened"})


@dataclass(frozen=True)
class Propose:
    """Open or update the migration pull request of `repository`."""

    repository: str
    installation: int | None


@dataclass(frozen=True)
class Review:
    """Comment the suggested rewrite on pull request `number`."""

    repository: str
    installation: int | None
    number: int
    head_ref: str
    head_sha: str
    base_ref: str


@dataclass(frozen=True)
class Track:
    """Newly installed repositories: each gets an initial scan."""

    repositories: tuple[str, ...]
    installation: int | None


@dataclass(frozen=True)
class Ignore:
    reason: str


Action = Propose | Review | Track | Ignore


def touches_dockerfile(path: str, globs: tuple[str, ...] = DEFAULT_PATHS) -> bool:
    name = posixpath.basename(path)
    return any(
        fnmatch.fnmatchcase(name, g) or fnmatch.fnmatchcase(path, g) for g in globs
    )


def _installation(payload: dict[str, Any]) -> int | None:
    installation = payload.get("installation")
    if isinstance(installation, dict) and isinstance(installation.get("id"), int):
        return int(installation["id"])
    return None


def full_name(payload: Any) -> str | None:
    """The `owner/name` a payload is about, or None when it names none."""
    if not isinstance(payload, dict):
        return None
    repository = payload.get("repository")
    if isinstance(repository, dict) and isinstance(repository.get("full_name"), str):
        return str(repository["full_name"])
    return None


def _pushed_paths(payload: dict[str, Any]) -> tuple[str, ...]:
    paths: list[str] = []
    for commit in payload.get("commits") or []:
        if isinstance(commit, dict):
            for key in ("added", "modified"):
                paths.extend(p for p in commit.get(key) or [] if isinstance(p, str))
    return tuple(paths)


def on_push(payload: dict[str, Any]) -> Action:
    name = full_name(payload)
    if name is None:
        return Ignore("push without a repository")

    default = (payload.get("repository") or {}).get("default_branch")
    if payload.get("ref") != f"refs/heads/{default}":
        return Ignore(f"push to {payload.get('ref')}, not the default branch")
    if not any(touches_dockerfile(path) for path in _pushed_paths(payload)):
        return Ignore("the push touched no Dockerfile")
    return Propose(name, _installation(payload))


def on_pull_request(payload: dict[str, Any]) -> Action:
    name = full_name(payload)
    pull = payload.get("pull_request")
    if name is None or not isinstance(pull, dict):
        return Ignore("pull_request without a repository or pull request")
    if payload.get("action") not in REVIEWED_ACTIONS:
        return Ignore(f"pull request {payload.get('action')}: nothing to review")

    head = pull.get("head") or {}
    base = pull.get("base") or {}
    if (head.get("repo") or {}).get("full_name") != name:
        return Ignore("a pull request from a fork is not cloned with our token")
    return Review(
        name,
        _installation(payload),
        int(payload.get("number") or pull.get("number") or 0),
        str(head.get("ref", "")),
        str(head.get("sha", "")),
        str(base.get("ref", "")),
    )


def on_installation(payload: dict[str, Any], key: str) -> Action:
    if payload.get("action") not in ("created", "added"):
        return Ignore(f"installation {payload.get('action')}: nothing to track")

    listed = payload.get(key) or []
    names = tuple(
        str(r["full_name"])
        for r in listed
        if isinstance(r, dict) and isinstance(r.get("full_name"), str)
    )
    return Track(names, _installation(payload))


def interpret(event: str, payload: dict[str, Any]) -> Action:
    if event == "push":
        return on_push(payload)
    if event == "pull_request":
        return on_pull_request(payload)
    if event == "installation":
        return on_installation(payload, "repositories")
    if event == "installation_repositories":
        return on_installation(payload, "repositories_added")
    if event == "scan":
        name = full_name(payload)
        return Propose(name, _installation(payload)) if name else Ignore("no repo")
    return Ignore(f"event {event!r} is not handled")
