"""One Dockerfile in a clone -> a FileChange, through the rewriter or the prover.

The build context is taken to be the Dockerfile's own folder, the usual layout;
a Dockerfile built with a context elsewhere (a `docker build -f x/Dockerfile .`
in CI) is rewritten against the wrong context and may be skipped for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from refactor.context import DirectoryContext
from refactor.deliver.outcome import Check, FileChange
from refactor.plan.outcome import Failed, Outcome, RewriteSettings, Rewritten, Skipped
from refactor.render.diff import unified_diff
from refactor.verify import report
from refactor.verify.model import ImageSize, VerifySettings

if TYPE_CHECKING:
    from refactor.pipeline import FileResult


def rewrite_file(root: Path, relpath: str, *, settings: RewriteSettings) -> FileChange:
    """Rewrite without building (`--dry-run rewrite`)."""
    from refactor.rewrite import rewrite

    original = _read(root / relpath)
    if original is None:
        return FileChange(path=relpath, status="failed", reason="not UTF-8 text")

    folder = (root / relpath).parent
    outcome = rewrite(original, settings=settings, context=DirectoryContext(folder))
    return from_outcome(relpath, original, outcome)


def prove_file(
    root: Path,
    relpath: str,
    *,
    rewrite_settings: RewriteSettings,
    verify_settings: VerifySettings,
) -> FileChange:
    """Rewrite, build both images and compare them (the verify issue's pipeline)."""
    from refactor.pipeline import prove

    original = _read(root / relpath)
    if original is None:
        return FileChange(path=relpath, status="failed", reason="not UTF-8 text")

    path = root / relpath
    result = prove(
        path,
        context=path.parent,
        rewrite_settings=rewrite_settings,
        verify_settings=verify_settings,
    )
    return from_result(relpath, original, result)


def from_outcome(relpath: str, original: str, outcome: Outcome) -> FileChange:
    if isinstance(outcome, Rewritten):
        return FileChange(
            path=relpath,
            status="rewritten",
            original=original,
            rewritten=outcome.text,
            diff=unified_diff(original, outcome.text, relpath),
        )
    reason = outcome.reason
    if isinstance(outcome, Skipped):
        reason = f"{outcome.code}: {outcome.reason}"
    logs = outcome.evidence if isinstance(outcome, Failed) else ""
    status = type(outcome).__name__.lower()
    return FileChange(path=relpath, status=status, reason=reason, logs=logs)


def from_result(relpath: str, original: str, result: FileResult) -> FileChange:
    """A FileChange from the pipeline's FileResult (its outcome and Verification)."""
    verification = result.verification
    if result.outcome is None:
        return FileChange(path=relpath, status="failed", reason=verification.reason)
    change = from_outcome(relpath, original, result.outcome)
    if change.status != "rewritten":
        return change

    passed = verification.status == "verified"
    return FileChange(
        path=relpath,
        status="verified" if passed else verification.status,
        reason=verification.reason,
        original=original,
        rewritten=change.rewritten,
        bytes_before=_uncompressed(verification.original),
        bytes_after=_uncompressed(verification.rewrite),
        checks=tuple(Check(c.name, c.status, c.evidence) for c in verification.checks),
        diff=change.diff,
        logs="\n".join(f"-- {k}\n{v}" for k, v in verification.logs.items()),
        details=report.to_markdown(verification),
    )


def _uncompressed(size: ImageSize | None) -> int | None:
    return None if size is None else size.uncompressed_bytes


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None
