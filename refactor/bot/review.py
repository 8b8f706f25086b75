"""The bot's answer to a pull request that adds or changes a mono-stage
Dockerfile: one comment with the proven rewrite and its saving, edited in place
when the pull request moves on, never posted twice."""

from __future__ import annotations

from refactor.bot import config as bot_config
from refactor.bot.events import Review
from refactor.bot.worker import Handled
from refactor.deliver import names, pullrequest
from refactor.deliver.files import prove_file, rewrite_file
from refactor.deliver.forge import Forge
from refactor.deliver.git import Clone, files_matching, shallow_clone
from refactor.deliver.outcome import FileChange
from refactor.deliver.repository import DeliverySettings
from refactor.deliver.secret import Secret
from refactor.plan.outcome import RewriteSettings

MARKER = "<!-- dockerfile-refactor: review -->"


def review_pull(
    action: Review, *, forge: Forge, token: Secret, context: DeliverySettings
) -> Handled:
    info = forge.repository(action.repository)
    with shallow_clone(
        names.clone_url(info.clone_url),
        branch=names.branch(action.head_ref),
        token=token,
        echo=context.echo,
    ) as clone:
        found = bot_config.parse(_config_text(clone))
        if isinstance(found, bot_config.ConfigError):
            _comment(
                forge,
                action,
                f"The bot could not read its configuration: {found.message}",
            )
            return Handled(f"configuration problem: {found.message}")
        if not found.enabled:
            return Handled("disabled by the repository's configuration", ignored=True)

        paths = _changed_dockerfiles(clone, action.base_ref, found.paths)
        rewrite = RewriteSettings(base_map=found.base_map)
        changes = tuple(_proposal(clone, path, rewrite, context) for path in paths)

    wanted = "verified" if context.verify_builds else "rewritten"
    return _answer(action, forge, changes, wanted, context.version)


def _proposal(
    clone: Clone, path: str, rewrite: RewriteSettings, context: DeliverySettings
) -> FileChange:
    if not context.verify_builds:
        return rewrite_file(clone.path, path, settings=rewrite)
    return prove_file(
        clone.path, path, rewrite_settings=rewrite, verify_settings=context.verify
    )


def _config_text(clone: Clone) -> str | None:
    path = clone.path / bot_config.PATH
    return path.read_text(errors="replace") if path.is_file() else None


def _changed_dockerfiles(
    clone: Clone, base_ref: str, globs: tuple[str, ...]
) -> tuple[str, ...]:
    """Dockerfiles that differ from the base branch's tip (both fetched shallow)."""
    clone.run("fetch", "--depth=1", "--no-tags", "origin", names.branch(base_ref))
    changed = set(clone.run("diff", "--name-only", "FETCH_HEAD", "HEAD").split())
    return tuple(p for p in files_matching(clone.path, globs) if p in changed)


def _answer(
    action: Review,
    forge: Forge,
    changes: tuple[FileChange, ...],
    wanted: str,
    version: str,
) -> Handled:
    ready = tuple(change for change in changes if change.status == wanted)
    if not ready:
        summary = ", ".join(f"{c.path}: {c.status}" for c in changes) or "none"
        return Handled(f"PR #{action.number}: nothing to suggest ({summary})")

    fingerprint = pullrequest.fingerprint(
        {change.path: change.original for change in ready}, version=version
    )
    left_alone = tuple(change for change in changes if change.status != wanted)
    body = pullrequest.body(
        ready, left_alone=left_alone, fingerprint_=fingerprint, version=version
    )
    posted = _comment(forge, action, "**Suggested multi-stage rewrite.** " + body)
    return Handled(f"PR #{action.number}: review comment {posted}")


def _comment(forge: Forge, action: Review, text: str) -> str:
    return forge.upsert_comment(
        action.repository, action.number, marker=MARKER, body=text
    )
