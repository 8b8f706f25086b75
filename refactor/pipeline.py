"""Rewrite one Dockerfile and prove the rewrite: the unit the verify command, the
fleet and the bot all run.

`prove` never raises for a bad file: the rewrite's outcome and the
verification (or why there is none) come back in one FileResult.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from refactor.context import DirectoryContext
from refactor.plan.outcome import (
    Failed,
    Outcome,
    RewriteSettings,
    Rewritten,
    Skipped,
    Unchanged,
)
from refactor.verify import Verification, VerifySettings, verify


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: Outcome | None
    verification: Verification

    @property
    def status(self) -> str:
        return self.verification.status

    @property
    def rewritten(self) -> str | None:
        return self.outcome.text if isinstance(self.outcome, Rewritten) else None


def prove(
    path: Path,
    *,
    context: Path,
    rewrite_settings: RewriteSettings,
    verify_settings: VerifySettings,
) -> FileResult:
    """Rewrite `path` (read against `context`) and, if rewritten, verify it."""
    from refactor.rewrite import rewrite

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = f"cannot read {path}: {error}"
        return FileResult(path, None, Verification("could-not-run", reason))

    outcome = rewrite(
        text, settings=rewrite_settings, context=DirectoryContext(context)
    )
    if not isinstance(outcome, Rewritten):
        return FileResult(path, outcome, _not_verified(outcome))

    verification = verify(
        dockerfile=path,
        context=context,
        rewritten=outcome.text,
        report=outcome.report,
        settings=verify_settings,
    )
    return FileResult(path, outcome, verification)


def _not_verified(outcome: Outcome) -> Verification:
    """Nothing to build: a skip or no change is fine, a rewriter failure is not."""
    if isinstance(outcome, Skipped):
        return Verification("skipped", f"{outcome.code}: {outcome.reason}")
    if isinstance(outcome, Unchanged):
        return Verification("skipped", f"unchanged: {outcome.reason}")
    if isinstance(outcome, Failed):
        return Verification("failed", f"the rewriter failed: {outcome.reason}")
    return Verification("failed", "the rewriter returned an unknown outcome")
