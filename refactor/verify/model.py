"""The values verification works with: settings in, a frozen Verification out.

A Verification is plain data so that every renderer (the table, JSON, the pull
request body) is a pure function of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Status = Literal[
    "verified", "failed", "original-does-not-build", "skipped", "could-not-run"
]
CheckStatus = Literal["passed", "failed", "not-applicable"]


class ArtifactLike(Protocol):
    @property
    def target(self) -> str: ...


class PlannedChanges(Protocol):
    """What the rewriter says it changed on purpose (its RewriteReport)."""

    @property
    def planned_env(self) -> Mapping[str, str]: ...

    @property
    def left_behind(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Smoke:
    """How to prove an image works; None fields are inferred from the image."""

    argv: tuple[str, ...] | None = None
    expect: str | None = None
    port: int | None = None
    path: str = "/"


@dataclass(frozen=True, kw_only=True)
class VerifySettings:
    smoke: Smoke = field(default_factory=Smoke)
    build_network: str | None = None
    build_timeout: float = 1800.0
    run_timeout: float = 60.0
    memory: str = "1g"
    pids_limit: int = 512
    output_limit: int = 4 * 1024 * 1024
    log_tail_lines: int = 60
    measure_compressed: bool = True
    keep_images: bool = False


@dataclass(frozen=True)
class Check:
    name: str
    status: CheckStatus
    evidence: str


@dataclass(frozen=True)
class ImageSize:
    uncompressed_bytes: int
    compressed_bytes: int | None  # None when not measured (it needs `docker save`)
    layers: int


@dataclass(frozen=True)
class Verification:
    status: Status
    reason: str
    original: ImageSize | None = None
    rewrite: ImageSize | None = None
    checks: tuple[Check, ...] = ()
    warnings: tuple[str, ...] = ()
    diff: str = ""
    logs: Mapping[str, str] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status == "verified"

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reason": self.reason,
            "sizes": _sizes_json(self.original, self.rewrite),
            "checks": [
                {"name": c.name, "status": c.status, "evidence": c.evidence}
                for c in self.checks
            ],
            "warnings": list(self.warnings),
            "diff": self.diff,
            "logs": dict(self.logs),
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
        }


def saving(before: int, after: int) -> tuple[int, float]:
    """Bytes saved and the saving in per cent of `before`."""
    saved = before - after
    return saved, (100.0 * saved / before) if before else 0.0


def _size_json(size: ImageSize | None) -> dict[str, int | None] | None:
    if size is None:
        return None
    return {
        "uncompressed_bytes": size.uncompressed_bytes,
        "compressed_bytes": size.compressed_bytes,
        "layers": size.layers,
    }


def _sizes_json(
    original: ImageSize | None, rewrite: ImageSize | None
) -> dict[str, Any]:
    sizes: dict[str, Any] = {
        "original": _size_json(original),
        "rewrite": _size_json(rewrite),
        "saving": None,
    }
    if original is not None and rewrite is not None:
        raw, raw_pct = saving(original.uncompressed_bytes, rewrite.uncompressed_bytes)
        sizes["saving"] = {
            "uncompressed_bytes": raw,
            "uncompressed_percent": round(raw_pct, 1),
            "compressed_bytes": None,
            "compressed_percent": None,
        }
        if original.compressed_bytes is not None and rewrite.compressed_bytes:
            gz, gz_pct = saving(original.compressed_bytes, rewrite.compressed_bytes)
            sizes["saving"]["compressed_bytes"] = gz
            sizes["saving"]["compressed_percent"] = round(gz_pct, 1)
    return sizes
