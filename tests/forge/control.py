"""A small control API under /_forge/ for a forge run as a process.

POST /_forge/repos      {"full_name", "files": {path: text}, "fork", "archived", ...}
POST /_forge/faults     {"kind": "secondary_rate_limit" | "too_many_requests" |
                         "bad_gateway" | "slow" | "rate_limit_exhausted" |
                         "rate_limit_low", "method",
                         "path", "times", "retry_after", "reset_in", "seconds"}
DELETE /_forge/faults   disarm every fault
GET /_forge/requests    [{"method", "path", "status"}] in the order answered
POST /_forge/reject-pushes {"full_name", "message"}; DELETE it to allow pushes again
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.forge import bare, faults
from tests.forge.faults import Faults
from tests.forge.records import ApiError
from tests.forge.store import Store

PREFIX = "/_forge/"
_FAULT_KINDS: dict[str, Callable[..., faults.Fault]] = {
    "secondary_rate_limit": faults.secondary_rate_limit,
    "too_many_requests": faults.too_many_requests,
    "bad_gateway": faults.bad_gateway,
    "rate_limit_exhausted": faults.rate_limit_exhausted,
    "rate_limit_low": faults.rate_limit_low,
}
_WHERE = ("method", "path", "times")


def handle(
    store: Store, armed: Faults, method: str, path: str, body: Any
) -> tuple[int, Any]:
    fields = body if isinstance(body, dict) else {}
    action = (method, path.removeprefix(PREFIX))
    if action == ("POST", "repos"):
        return 201, _create_repo(store, fields)
    if action == ("POST", "faults"):
        armed.add(_fault(fields))
        return 201, {"armed": True}
    if action == ("DELETE", "faults"):
        armed.clear()
        return 200, {"armed": False}
    if action == ("GET", "requests"):
        with store.lock:
            logged = list(store.requests)
        return 200, [
            {"method": r.method, "path": r.path, "status": r.status} for r in logged
        ]
    if action[1] == "reject-pushes":
        return 200, _push_policy(store, method, fields)
    raise ApiError(404, "Not Found")


def _create_repo(store: Store, fields: dict[str, Any]) -> dict[str, Any]:
    full_name = fields.get("full_name")
    if not isinstance(full_name, str) or full_name.count("/") != 1:
        raise ApiError(422, "full_name must be owner/name")
    repo = store.create_repo(
        full_name,
        files=fields.get("files"),
        fork=bool(fields.get("fork")),
        archived=bool(fields.get("archived")),
        private=bool(fields.get("private")),
        empty=bool(fields.get("empty")),
        default_branch=str(fields.get("default_branch", "main")),
    )
    return {
        "full_name": repo.full_name,
        "clone_url": store.bare_path(full_name).as_uri(),
    }


def _fault(fields: dict[str, Any]) -> faults.Fault:
    kind = fields.get("kind")
    where = {name: fields[name] for name in _WHERE if name in fields}
    if kind == "slow":
        return faults.slow(float(fields.get("seconds", 1)), **where)
    if kind not in _FAULT_KINDS:
        raise ApiError(422, f"unknown fault kind {kind!r}")
    options = {
        name: int(fields[name])
        for name in ("retry_after", "reset_in")
        if name in fields
    }
    return _FAULT_KINDS[kind](**options, **where)


def _push_policy(store: Store, method: str, fields: dict[str, Any]) -> dict[str, Any]:
    full_name = str(fields.get("full_name", ""))
    path = store.bare_path(store.repo(*full_name.split("/")).full_name)
    if method == "DELETE":
        bare.allow_pushes(path)
        return {"rejecting": False}
    bare.reject_pushes(path, str(fields.get("message", "pushes are blocked")))
    return {"rejecting": True}
