"""The pull request's title, body and fingerprint: pure text from frozen values.

The body reads like the update PRs people know from Renovate and Dependabot:
the size table first, the checks, then the diff and logs folded in <details>,
and last a hidden marker that lets a later run recognise its own PR.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from refactor.deliver.outcome import FileChange

TITLE = "Build smaller images: split Dockerfiles into builder and final stages"
# GitHub refuses bodies over 65,536 characters; leave room for the fixed parts.
_BODY_LIMIT = 60_000
_LOG_TAIL = 3_000
_MARKER = re.compile(
    r"<!-- dockerfile-refactor: fingerprint=([0-9a-f]+) version=(\S+) -->"
)
_ICONS = {"passed": "✅", "failed": "❌", "not-applicable": "⏭️"}


def fingerprint(files: Mapping[str, str], *, version: str) -> str:
    """A hash of every input Dockerfile (path and text) and the tool version."""
    digest = hashlib.sha256(f"version={version}\n".encode())
    for path in sorted(files):
        text_hash = hashlib.sha256(files[path].encode()).hexdigest()
        digest.update(f"{path}\0{text_hash}\n".encode())
    return digest.hexdigest()[:24]


def marker(fingerprint_: str, *, version: str) -> str:
    return f"<!-- dockerfile-refactor: fingerprint={fingerprint_} version={version} -->"


def read_fingerprint(body: str | None) -> str | None:
    """The fingerprint a body carries, or None for a PR someone else wrote."""
    found = _MARKER.search(body or "")
    return found.group(1) if found else None


def commit_message(changes: Iterable[FileChange], *, fingerprint_: str) -> str:
    paths = ", ".join(change.path for change in changes)
    return (
        f"Split {paths} into builder and final stages\n\n"
        f"Dockerfile-Refactor-Fingerprint: {fingerprint_}\n"
    )


def body(
    changes: tuple[FileChange, ...],
    *,
    built: bool = True,
    left_alone: tuple[FileChange, ...],
    fingerprint_: str,
    version: str,
) -> str:
    """The whole PR description, bounded to what GitHub accepts."""
    head = "\n\n".join(
        part
        for part in (
            _intro(changes, built=built),
            _size_table(changes),
            _checks(changes),
            _left_alone(left_alone),
        )
        if part
    )
    foot = _footer(version) + "\n\n" + marker(fingerprint_, version=version) + "\n"
    room = _BODY_LIMIT - len(head) - len(foot)
    return f"{head}\n\n{_folded(changes, room)}\n\n{foot}"


def megabytes(size: int | None) -> str:
    return "n/a" if size is None else f"{size / 1_000_000:,.1f} MB"


def _intro(changes: tuple[FileChange, ...], *, built: bool) -> str:
    count = len(changes)
    noun = "Dockerfile" if count == 1 else "Dockerfiles"
    proof = (
        "Each rewrite was built and checked against the original image before this "
        "PR was opened."
        if built
        else "The rewrites were **not built** by the tool (`--no-verify`): let CI "
        "build them before merging."
    )
    return (
        f"This PR splits {count} mono-stage {noun} into a `builder` stage and a slim "
        f"final stage joined by `COPY --from=builder`. {proof}"
    )


def _size_table(changes: tuple[FileChange, ...]) -> str:
    rows = ["| File | Before | After | Saved |", "|---|---:|---:|---:|"]
    rows += [_size_row(f"`{c.path}`", c.bytes_before, c.bytes_after) for c in changes]
    measured = [c for c in changes if c.bytes_before is not None]
    if len(changes) > 1 and measured:
        before = sum(c.bytes_before or 0 for c in measured)
        after = sum(c.bytes_after or 0 for c in measured)
        rows.append(_size_row("**Total**", before, after))
    return "\n".join(rows)


def _size_row(label: str, before: int | None, after: int | None) -> str:
    if before is None or after is None:
        return f"| {label} | {megabytes(before)} | {megabytes(after)} | n/a |"
    saved = before - after
    share = f"{100 * saved / before:.1f}%" if before else "n/a"
    cells = (
        label,
        megabytes(before),
        megabytes(after),
        f"{megabytes(saved)} ({share})",
    )
    return "| " + " | ".join(cells) + " |"


def _checks(changes: tuple[FileChange, ...]) -> str:
    lines = ["### Checks"]
    for change in changes:
        marks = ", ".join(
            f"{_ICONS.get(c.status, '❔')} {c.name}" for c in change.checks
        )
        lines.append(f"- `{change.path}`: {marks or 'not built'}")
    return "\n".join(lines)


def _left_alone(files: tuple[FileChange, ...]) -> str:
    if not files:
        return ""
    lines = ["### Left unchanged"]
    lines += [
        f"- `{f.path}`: {f.status}, {f.reason or 'no reason given'}" for f in files
    ]
    return "\n".join(lines)


def _folded(changes: tuple[FileChange, ...], room: int) -> str:
    """The verifier's report per file where there is one, else diff and logs."""
    parts = [
        f"<details>\n<summary><code>{c.path}</code>: verification, logs and diff"
        f"</summary>\n\n{c.details.rstrip()}\n\n</details>"
        for c in changes
        if c.details
    ]
    plain = tuple(c for c in changes if not c.details)
    if plain:
        parts.append(_details("Diff", "diff", "\n".join(c.diff for c in plain)))
    logs = "\n".join(f"== {c.path}\n{c.logs[-_LOG_TAIL:]}" for c in plain if c.logs)
    if logs:
        parts.append(_details("Build logs (last lines)", "text", logs))
    text = "\n\n".join(parts)
    if len(text) <= room:
        return text
    return _details(
        "Diff", "text", "The diff is too long for a PR body; see the commit."
    )


def _details(summary: str, language: str, text: str) -> str:
    fence = "````" if "```" in text else "```"
    return (
        f"<details>\n<summary>{summary}</summary>\n\n{fence}{language}\n"
        f"{text.rstrip()}\n{fence}\n\n</details>"
    )


def _footer(version: str) -> str:
    return (
        f"---\nOpened by dockerfile-refactor {version}. Later runs update this PR. "
        "Close it without merging to decline: it will not be reopened for the same "
        "Dockerfiles. Commits you push to this branch are never overwritten."
    )
