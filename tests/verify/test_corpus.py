"""Every buildable corpus case: rewrite it, build both images, and prove it.

A case the rewriter does not rewrite (it skips with a reason) is proven with
its hand-written expert.Dockerfile instead, and the test says so in a warning:
the rewriter's own tests hold it to its golden files, while this test holds
the verifier to every case the corpus can build.
"""

from __future__ import annotations

import tomllib
import warnings
from pathlib import Path

import pytest

from refactor.context import DirectoryContext
from refactor.plan.outcome import RewriteReport, RewriteSettings, Rewritten
from refactor.verify import Smoke, VerifySettings, verify

BUILDABLE = Path(__file__).resolve().parents[2] / "corpora" / "buildable"
CASES = sorted(p.name for p in BUILDABLE.glob("*/case.toml") for p in [p.parent])
pytestmark = [pytest.mark.engine, pytest.mark.corpus]


def smoke_of(case: Path) -> Smoke:
    spec = tomllib.loads((case / "case.toml").read_text()).get("smoke", {})
    argv = spec.get("argv")
    return Smoke(
        argv=tuple(argv) if argv is not None else None,
        expect=spec.get("expect"),
        port=spec.get("port"),
        path=spec.get("path", "/"),
    )


def rewritten_or_expert(case: Path) -> tuple[str, RewriteReport | None, str]:
    """The rewriter's text and report, or the expert's text when it skips."""
    from refactor.rewrite import rewrite

    text = (case / "Dockerfile").read_text()
    outcome = rewrite(text, settings=RewriteSettings(), context=DirectoryContext(case))
    if isinstance(outcome, Rewritten):
        return outcome.text, outcome.report, "rewrite"
    return (case / "expert.Dockerfile").read_text(), None, f"expert ({outcome})"


def test_the_corpus_has_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", CASES)
def test_case_verifies(name: str, docker_cli: str) -> None:
    case = BUILDABLE / name
    text, report, source = rewritten_or_expert(case)
    if report is None:
        warnings.warn(
            f"{name}: the rewriter did not rewrite it; verified {source}", stacklevel=2
        )

    settings = VerifySettings(
        build_network="host", smoke=smoke_of(case), measure_compressed=False
    )
    result = verify(
        dockerfile=case / "Dockerfile",
        context=case,
        rewritten=text,
        report=report,
        settings=settings,
    )

    failed = [c for c in result.checks if c.status == "failed"]
    assert result.status == "verified", (source, result.reason, failed, result.logs)
    assert result.original and result.rewrite
    assert result.rewrite.uncompressed_bytes < result.original.uncompressed_bytes
