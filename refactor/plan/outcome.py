"""What a rewrite returns: one of four frozen results, never an exception.

`Rewritten` carries the new text and a report the verifier reads: which
environment variables the rewrite changed on purpose (`planned_env`) and which
build inputs the final image deliberately lacks (`left_behind`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SkipCode = Literal[
    "already-multi-stage",
    "no-build-step",
    "windows-image",
    "unknown-base",
    "unsafe-step",
    "parse-error",
]


@dataclass(frozen=True, kw_only=True)
class RewriteSettings:
    """`base_map` maps an image reference (with or without tag) to a final base."""

    base_map: Mapping[str, str] = field(default_factory=dict)
    builder_name: str = "builder"


@dataclass(frozen=True)
class Artifact:
    """A path copied from the builder into the final stage, and the reason."""

    source: str
    target: str
    why: str


@dataclass(frozen=True, kw_only=True)
class RewriteReport:
    builder_base: str
    final_base: str
    stages: tuple[str, ...]
    moved: tuple[str, ...]
    artifacts: tuple[Artifact, ...]
    runtime_packages: tuple[str, ...]
    planned_env: Mapping[str, str]
    left_behind: tuple[str, ...]


@dataclass(frozen=True)
class Rewritten:
    text: str
    report: RewriteReport


@dataclass(frozen=True)
class Unchanged:
    reason: str


@dataclass(frozen=True)
class Skipped:
    code: SkipCode
    reason: str


@dataclass(frozen=True)
class Failed:
    reason: str
    evidence: str


Outcome = Rewritten | Unchanged | Skipped | Failed


def status(outcome: Outcome) -> str:
    """The one-word name used in text and JSON output."""
    names = {Rewritten: "rewritten", Unchanged: "unchanged", Skipped: "skipped"}
    return names.get(type(outcome), "failed")


def to_json(outcome: Outcome) -> dict[str, Any]:
    """A plain mapping with the same keys for every outcome (null where absent)."""
    report = outcome.report if isinstance(outcome, Rewritten) else None
    return {
        "status": status(outcome),
        "reason": None if isinstance(outcome, Rewritten) else outcome.reason,
        "code": outcome.code if isinstance(outcome, Skipped) else None,
        "evidence": outcome.evidence if isinstance(outcome, Failed) else None,
        "stages": list(report.stages) if report else [],
        "moved": list(report.moved) if report else [],
        "artifacts": [_artifact_json(a) for a in report.artifacts] if report else [],
        "runtime_packages": list(report.runtime_packages) if report else [],
        "planned_env": dict(report.planned_env) if report else {},
        "left_behind": list(report.left_behind) if report else [],
        "builder_base": report.builder_base if report else None,
        "final_base": report.final_base if report else None,
    }


def _artifact_json(artifact: Artifact) -> dict[str, str]:
    return {"source": artifact.source, "target": artifact.target, "why": artifact.why}
