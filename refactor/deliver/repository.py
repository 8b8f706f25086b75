"""The unit of work: one repository, from clone to an opened or updated PR.

`handle_repository` is idempotent and never raises for a repository's own
trouble: the branch name is fixed, the PR is found by its branch before one is
opened, the commit is deterministic, so running it twice (or after a kill)
converges on one branch and one PR. The campaign, the bot and the distributed
queue all call it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import git

from refactor import __version__
from refactor.deliver import files as prover
from refactor.deliver import names, pullrequest
from refactor.deliver.forge import Forge, ForgeError, PullInfo, RepoInfo
from refactor.deliver.git import (
    Clone,
    Echo,
    EmptyRepository,
    branch_owner,
    commit,
    files_matching,
    push,
    remote_tip,
    sanitized,
    shallow_clone,
)
from refactor.deliver.outcome import DryRun, FileChange, RepoOutcome
from refactor.deliver.secret import NO_SECRET, Secret
from refactor.deliver.state import State
from refactor.plan.outcome import RewriteSettings
from refactor.verify.model import VerifySettings

DEFAULT_GLOBS = ("Dockerfile", "*.Dockerfile", "Dockerfile.*")
DEFAULT_PREFIX = "dockerfile-refactor/"


def _silent(line: str) -> None:
    return None


@dataclass(frozen=True, kw_only=True)
class DeliverySettings:
    globs: tuple[str, ...] = DEFAULT_GLOBS
    dry_run: DryRun | None = None
    draft: bool = False
    labels: tuple[str, ...] = ()
    branch_prefix: str = DEFAULT_PREFIX
    max_prs_per_hour: int | None = None
    include_forks: bool = False
    include_archived: bool = False
    verify_builds: bool = True
    rewrite: RewriteSettings = field(default_factory=RewriteSettings)
    verify: VerifySettings = field(default_factory=VerifySettings)
    token: Secret = NO_SECRET
    echo: Echo = _silent
    version: str = __version__

    @property
    def branch(self) -> str:
        return names.branch(f"{self.branch_prefix}multi-stage")

    @property
    def mode(self) -> str:
        return self.dry_run or ("" if self.verify_builds else "no-verify")

    @property
    def builds(self) -> bool:
        """Whether files are built and compared, or only rewritten."""
        return self.verify_builds and self.dry_run != "rewrite"


class _StepFailed(Exception):
    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


def handle_repository(
    name: str, *, settings: DeliverySettings, forge: Forge, state: State
) -> RepoOutcome:
    """Do (or redo) everything for one repository; record and return the result."""
    state.begin(name, mode=settings.mode)
    try:
        outcome = _deliver(names.repository(name), settings, forge, state)
    except names.UnsafeName as error:
        outcome = RepoOutcome(
            name=name, status="failed", stage="input", reason=str(error)
        )
    except _StepFailed as error:
        outcome = RepoOutcome(
            name=name, status="failed", stage=error.stage, reason=error.reason
        )
    except Exception as error:  # a bug here must cost one repository, not the run
        reason = settings.token.redact(f"{type(error).__name__}: {error}")
        outcome = RepoOutcome(
            name=name, status="failed", stage="internal", reason=reason
        )
    state.finish(outcome, mode=settings.mode)
    return outcome


@contextmanager
def _step(stage: str, token: Secret) -> Iterator[None]:
    """Any error inside becomes a recorded failure of `stage`, token masked."""
    try:
        yield
    except (_StepFailed, names.UnsafeName, EmptyRepository):
        raise
    except git.GitCommandError as error:
        raise _StepFailed(stage, sanitized(error, token)) from None
    except Exception as error:  # a repository's failure must not stop the campaign
        raise _StepFailed(
            stage, token.redact(f"{type(error).__name__}: {error}")
        ) from None


def _deliver(
    name: str, settings: DeliverySettings, forge: Forge, state: State
) -> RepoOutcome:
    with _step("api", settings.token):
        info = forge.repository(name)
    excluded = _excluded(info, settings)
    if excluded:
        return RepoOutcome(name=name, status="skipped", reason=excluded)

    with ExitStack() as stack:
        try:
            with _step("clone", settings.token):
                clone = stack.enter_context(
                    shallow_clone(
                        names.clone_url(info.clone_url),
                        branch=names.branch(info.default_branch),
                        token=settings.token,
                        echo=settings.echo,
                    )
                )
        except EmptyRepository as error:
            return RepoOutcome(name=name, status="skipped", reason=f"empty: {error}")
        return _in_clone(clone, info, settings, forge, state)
    # ExitStack could swallow an exception as far as mypy knows; it never does here.
    raise AssertionError("unreachable")


def _excluded(info: RepoInfo, settings: DeliverySettings) -> str:
    if info.archived and not settings.include_archived:
        return "archived (use --include-archived)"
    if info.fork and not settings.include_forks:
        return "a fork (use --include-forks)"
    return ""


def _in_clone(
    clone: Clone,
    info: RepoInfo,
    settings: DeliverySettings,
    forge: Forge,
    state: State,
) -> RepoOutcome:
    found = files_matching(clone.path, settings.globs)
    if not found:
        return RepoOutcome(
            name=info.full_name, status="nothing-to-do", reason="no Dockerfile"
        )

    inputs = {path: (clone.path / path).read_text(errors="replace") for path in found}
    fingerprint = pullrequest.fingerprint(inputs, version=settings.version)
    outcome = RepoOutcome(name=info.full_name, status="", fingerprint=fingerprint)
    existing = None
    if settings.dry_run in (None, "push"):
        with _step("api", settings.token):
            existing = forge.find_pull(info.full_name, branch=settings.branch)
        declined = _declined(existing, outcome)
        if declined:
            return declined

    with _step("build" if settings.builds else "rewrite", settings.token):
        changes = tuple(_prove(clone.path, path, settings) for path in found)
    return _after_proof(
        replace(outcome, files=changes), clone, info, existing, settings, forge, state
    )


def _declined(existing: PullInfo | None, outcome: RepoOutcome) -> RepoOutcome | None:
    """A closed PR for the same input means the owners said no (or merged it)."""
    if existing is None or existing.state != "closed":
        return None
    if pullrequest.read_fingerprint(existing.body) != outcome.fingerprint:
        return None
    status = "merged" if existing.merged else "declined"
    reason = f"PR #{existing.number} for the same Dockerfiles was closed ({status})"
    return replace(outcome, status=status, reason=reason, pr_url=existing.url)


def _prove(root: Path, relpath: str, settings: DeliverySettings) -> FileChange:
    if not settings.builds:
        return prover.rewrite_file(root, relpath, settings=settings.rewrite)
    return prover.prove_file(
        root,
        relpath,
        rewrite_settings=settings.rewrite,
        verify_settings=settings.verify,
    )


def _after_proof(
    outcome: RepoOutcome,
    clone: Clone,
    info: RepoInfo,
    existing: PullInfo | None,
    settings: DeliverySettings,
    forge: Forge,
    state: State,
) -> RepoOutcome:
    wanted = "verified" if settings.builds else "rewritten"
    ready = tuple(f for f in outcome.files if f.status == wanted)
    if not ready:
        status = _idle_status(outcome)
        return replace(
            outcome,
            status=status,
            stage="build" if status == "failed" else "",
            reason=_summary(outcome.files),
        )
    if settings.dry_run in ("rewrite", "build"):
        return replace(outcome, status=wanted, reason=_summary(outcome.files))

    with _step("push", settings.token):
        pushed = _push(clone, ready, outcome.fingerprint, settings)
    if pushed is not None:
        return replace(
            outcome,
            status="person-commits",
            reason=pushed,
            pr_url=existing.url if existing else "",
        )
    if settings.dry_run == "push":
        return replace(outcome, status="pushed", reason=f"branch {settings.branch}")

    left_alone = tuple(f for f in outcome.files if f.status != wanted)
    body = pullrequest.body(
        ready,
        built=settings.builds,
        left_alone=left_alone,
        fingerprint_=outcome.fingerprint,
        version=settings.version,
    )
    with _step("api", settings.token):
        return _pull_request(outcome, info, existing, body, settings, forge, state)


def _idle_status(outcome: RepoOutcome) -> str:
    """Nothing to deliver: because nothing applied, because proofs failed, or
    because the proof could not run at all (no engine): a failure a rerun retries."""
    if any(f.status == "could-not-run" for f in outcome.files):
        return "failed"
    unproven = {"failed", "original-does-not-build"}
    if any(f.status in unproven for f in outcome.files):
        return "unverified"
    return "nothing-to-do"


def _summary(changes: tuple[FileChange, ...]) -> str:
    return "; ".join(
        f"{c.path}: {c.status}{f' ({c.reason})' if c.reason else ''}" for c in changes
    )


def _push(
    clone: Clone,
    ready: tuple[FileChange, ...],
    fingerprint: str,
    settings: DeliverySettings,
) -> str | None:
    """Commit and push the branch; a sentence instead if a person owns it now."""
    tip = remote_tip(clone, settings.branch)
    if branch_owner(clone, settings.branch, tip) == "person":
        return f"branch {settings.branch} has commits by someone else; left alone"

    files = {change.path: change.rewritten or "" for change in ready}
    message = pullrequest.commit_message(ready, fingerprint_=fingerprint)
    head = commit(clone, branch=settings.branch, files=files, message=message)
    if head != tip:
        push(clone, branch=settings.branch, expected=tip)
    return None


def _pull_request(
    outcome: RepoOutcome,
    info: RepoInfo,
    existing: PullInfo | None,
    body: str,
    settings: DeliverySettings,
    forge: Forge,
    state: State,
) -> RepoOutcome:
    name, title = info.full_name, pullrequest.TITLE
    if existing is not None and existing.state == "open":
        missing = tuple(
            label for label in settings.labels if label not in existing.labels
        )
        forge.add_labels(name, existing.number, missing)
        if existing.body == body and existing.title == title:
            return replace(outcome, status="up-to-date", pr_url=existing.url)
        forge.update_pull(name, existing.number, title=title, body=body)
        return replace(outcome, status="updated", pr_url=existing.url)

    now = time.time()
    wait = state.reserve_pull(name, per_hour=settings.max_prs_per_hour, now=now)
    if wait is not None:
        reason = f"{settings.max_prs_per_hour} PRs opened in the last hour"
        return replace(outcome, status="deferred", reason=reason, retry_at=wait)
    try:
        pull = _open_once(forge, info, settings, title=title, body=body)
    except Exception:
        state.settle_pull(name, at=now, url=None)
        raise
    state.settle_pull(name, at=now, url=pull.url)
    forge.add_labels(name, pull.number, settings.labels)
    return replace(outcome, status="opened", pr_url=pull.url)


def _open_once(
    forge: Forge, info: RepoInfo, settings: DeliverySettings, *, title: str, body: str
) -> PullInfo:
    """Open the PR; if GitHub says one exists (a retried POST got through), use it."""
    try:
        return forge.open_pull(
            info.full_name,
            base=info.default_branch,
            branch=settings.branch,
            title=title,
            body=body,
            draft=settings.draft,
        )
    except ForgeError as error:
        if error.status != 422:
            raise
        found = forge.find_pull(info.full_name, branch=settings.branch)
        if found is None or found.state != "open":
            raise
        return found
