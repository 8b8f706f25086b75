"""Frozen values the delivery layer passes around and stores.

A `FileChange` is what happened to one Dockerfile; a `RepoOutcome` is what
happened to one repository, including how it failed. Both turn into plain JSON
for the state file, the campaign page and `--json` output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DryRun = Literal["rewrite", "build", "push"]

# Statuses after which a repository needs no more work in the same mode.
FINISHED = frozenset(
    {
        "opened",
        "updated",
        "up-to-date",
        "pushed",
        "verified",
        "rewritten",
        "nothing-to-do",
        "declined",
        "merged",
        "person-commits",
        "skipped",
        "unverified",
    }
)


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    evidence: str = ""


@dataclass(frozen=True, kw_only=True)
class FileChange:
    """One Dockerfile: `status` is rewritten, verified, skipped, unchanged or failed."""

    path: str
    status: str
    reason: str = ""
    original: str = ""
    rewritten: str | None = None
    bytes_before: int | None = None
    bytes_after: int | None = None
    checks: tuple[Check, ...] = ()
    diff: str = ""
    logs: str = ""
    details: str = ""  # the verifier's own markdown: checks, evidence, logs, diff

    @property
    def saved(self) -> int:
        if self.bytes_before is None or self.bytes_after is None:
            return 0
        return self.bytes_before - self.bytes_after


@dataclass(frozen=True, kw_only=True)
class RepoOutcome:
    """One repository. `stage` names where a failure happened (clone, api, ...)."""

    name: str
    status: str
    reason: str = ""
    stage: str = ""
    pr_url: str = ""
    fingerprint: str = ""
    files: tuple[FileChange, ...] = field(default=())
    retry_at: float | None = None

    @property
    def bytes_before(self) -> int:
        return sum(f.bytes_before or 0 for f in self.files if f.bytes_after is not None)

    @property
    def bytes_after(self) -> int:
        return sum(f.bytes_after or 0 for f in self.files if f.bytes_before is not None)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


def to_json(outcome: RepoOutcome) -> dict[str, Any]:
    """A mapping for `--json`; file texts are left out, they live in the PR."""
    files = [
        {
            k: v
            for k, v in asdict(f).items()
            if k not in {"original", "rewritten", "details"}
        }
        for f in outcome.files
    ]
    return {
        "name": outcome.name,
        "status": outcome.status,
        "reason": outcome.reason,
        "stage": outcome.stage,
        "pr_url": outcome.pr_url,
        "fingerprint": outcome.fingerprint,
        "bytes_before": outcome.bytes_before,
        "bytes_after": outcome.bytes_after,
        "retry_at": outcome.retry_at,
        "files": files,
    }
