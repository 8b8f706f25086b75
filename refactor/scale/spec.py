"""A job spec: everything a worker on another machine needs for one repository.

A spec is plain JSON so it can travel through RQ, a CI matrix or a Kubernetes
Indexed Job alike. It names the environment variable holding the token, never
the token itself, and carries only the delivery settings that change what is
delivered. Turning specs into settings and back is pure.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from refactor.deliver import names
from refactor.deliver.outcome import DryRun
from refactor.deliver.polite import DEFAULT_WRITE_INTERVAL
from refactor.deliver.repository import DeliverySettings
from refactor.deliver.secret import Secret
from refactor.plan.outcome import RewriteSettings
from refactor.verify.model import VerifySettings

VERSION = 1
DRY_RUNS = ("rewrite", "build", "push")


class BadSpec(ValueError):
    """A job line that cannot be used; the message says which field."""


@dataclass(frozen=True, kw_only=True)
class Delivery:
    """The part of `DeliverySettings` that travels (no token, no echo)."""

    globs: tuple[str, ...]
    dry_run: DryRun | None = None
    draft: bool = False
    labels: tuple[str, ...] = ()
    branch_prefix: str
    max_prs_per_hour: int | None = None
    include_forks: bool = False
    include_archived: bool = False
    verify_builds: bool = True
    base_map: tuple[tuple[str, str], ...] = ()
    build_network: str | None = None


@dataclass(frozen=True, kw_only=True)
class JobSpec:
    """One repository of one campaign. `state` is a redis:// URL or a SQLite path;
    `once` skips a repository the state already has finished in this mode (a
    campaign), where a bot's push always does the work again."""

    repository: str
    campaign: str
    forge_url: str
    token_env: str
    state: str
    delivery: Delivery
    write_interval: float = DEFAULT_WRITE_INTERVAL
    once: bool = True
    installation: int | None = None
    app_id: int | None = None
    private_key: str | None = None  # a path on the worker's machine, never a key
    delivery_id: str = ""  # the bot's: one job per webhook delivery
    version: int = field(default=VERSION)

    @property
    def job_id(self) -> str:
        return job_id(self.campaign, self.repository, self.delivery_id)


def job_id(campaign: str, repository: str, delivery_id: str = "") -> str:
    """Stable across reruns, so enqueueing a campaign twice finds its own jobs."""
    key = f"{campaign}\0{repository}\0{delivery_id}"
    return f"dfr-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def delivery_of(settings: DeliverySettings) -> Delivery:
    return Delivery(
        globs=settings.globs,
        dry_run=settings.dry_run,
        draft=settings.draft,
        labels=settings.labels,
        branch_prefix=settings.branch_prefix,
        max_prs_per_hour=settings.max_prs_per_hour,
        include_forks=settings.include_forks,
        include_archived=settings.include_archived,
        verify_builds=settings.verify_builds,
        base_map=tuple(sorted(settings.rewrite.base_map.items())),
        build_network=settings.verify.build_network,
    )


def settings_of(
    delivery: Delivery, *, token: Secret, echo: Any = None
) -> DeliverySettings:
    extra = {} if echo is None else {"echo": echo}
    return DeliverySettings(
        globs=delivery.globs,
        dry_run=delivery.dry_run,
        draft=delivery.draft,
        labels=delivery.labels,
        branch_prefix=delivery.branch_prefix,
        max_prs_per_hour=delivery.max_prs_per_hour,
        include_forks=delivery.include_forks,
        include_archived=delivery.include_archived,
        verify_builds=delivery.verify_builds,
        rewrite=RewriteSettings(base_map=dict(delivery.base_map)),
        verify=VerifySettings(build_network=delivery.build_network),
        token=token,
        **extra,
    )


def to_mapping(spec: JobSpec) -> dict[str, Any]:
    """Plain JSON types only: lists for tuples, base map as an object."""
    mapping = asdict(spec)
    mapping["delivery"]["base_map"] = dict(spec.delivery.base_map)
    plain: dict[str, Any] = json.loads(json.dumps(mapping))
    return plain


def to_line(spec: JobSpec) -> str:
    return json.dumps(to_mapping(spec), sort_keys=True)


def from_line(line: str) -> JobSpec:
    try:
        loaded = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadSpec(f"not a JSON job line: {error.msg}") from None
    return from_mapping(loaded)


def from_mapping(mapping: Any) -> JobSpec:
    """Check every field's type; an unknown or missing one is a `BadSpec`."""
    if not isinstance(mapping, Mapping):
        raise BadSpec("a job must be a JSON object")
    if mapping.get("version") != VERSION:
        raise BadSpec(f"unsupported job version {mapping.get('version')!r}")
    try:
        names.repository(_text(mapping, "repository"))
    except names.UnsafeName as error:
        raise BadSpec(str(error)) from None
    return JobSpec(
        repository=_text(mapping, "repository"),
        campaign=_text(mapping, "campaign"),
        forge_url=_text(mapping, "forge_url"),
        token_env=_typed(mapping, "token_env", str),
        state=_text(mapping, "state"),
        delivery=_delivery(mapping.get("delivery")),
        write_interval=float(_typed(mapping, "write_interval", (int, float))),
        once=bool(_typed(mapping, "once", bool)),
        installation=_optional(mapping, "installation", int),
        app_id=_optional(mapping, "app_id", int),
        private_key=_optional(mapping, "private_key", str),
        delivery_id=_typed(mapping, "delivery_id", str),
    )


def _delivery(mapping: Any) -> Delivery:
    if not isinstance(mapping, Mapping):
        raise BadSpec("delivery must be a JSON object")
    base_map = _typed(mapping, "base_map", dict)
    if not all(isinstance(v, str) for v in base_map.values()):
        raise BadSpec("delivery.base_map must map image names to image names")
    dry_run = _optional(mapping, "dry_run", str)
    if dry_run is not None and dry_run not in DRY_RUNS:
        raise BadSpec(f"delivery.dry_run must be one of {', '.join(DRY_RUNS)}")
    return Delivery(
        globs=_strings(mapping, "globs"),
        dry_run=dry_run,
        draft=bool(_typed(mapping, "draft", bool)),
        labels=_strings(mapping, "labels"),
        branch_prefix=_text(mapping, "branch_prefix"),
        max_prs_per_hour=_optional(mapping, "max_prs_per_hour", int),
        include_forks=bool(_typed(mapping, "include_forks", bool)),
        include_archived=bool(_typed(mapping, "include_archived", bool)),
        verify_builds=bool(_typed(mapping, "verify_builds", bool)),
        base_map=tuple(sorted(base_map.items())),
        build_network=_optional(mapping, "build_network", str),
    )


def _typed(mapping: Mapping[str, Any], key: str, kind: Any) -> Any:
    value = mapping.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadSpec(f"field {key!r} is missing or has the wrong type")
    return value


def _text(mapping: Mapping[str, Any], key: str) -> str:
    value: str = _typed(mapping, key, str)
    if not value:
        raise BadSpec(f"field {key!r} is empty")
    return value


def _optional(mapping: Mapping[str, Any], key: str, kind: Any) -> Any:
    return None if mapping.get(key) is None else _typed(mapping, key, kind)


def _strings(mapping: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = _typed(mapping, key, list)
    if not all(isinstance(item, str) for item in value):
        raise BadSpec(f"field {key!r} must be a list of strings")
    return tuple(value)
