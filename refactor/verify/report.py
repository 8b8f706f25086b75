"""Render a Verification for people (a rich table), for machines (JSON) and for a
pull request (markdown). Each renderer is a pure function of the Verification.
"""

from __future__ import annotations

import json
import re

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from refactor.verify.model import ImageSize, Verification, saving

MB = 1_000_000
STYLES = {"passed": "green", "failed": "red", "not-applicable": "yellow"}


def megabytes(count: int) -> str:
    return f"{count / MB:,.1f} MB"


def size_rows(v: Verification) -> list[tuple[str, str, str, str]]:
    """(measure, original, rewrite, saving) rows; empty when a size is unknown."""
    if v.original is None or v.rewrite is None:
        return []
    rows = []
    for label, attribute in (
        ("uncompressed", "uncompressed_bytes"),
        ("compressed (gzip)", "compressed_bytes"),
    ):
        before, after = getattr(v.original, attribute), getattr(v.rewrite, attribute)
        if before is None or after is None:
            continue
        saved, percent = saving(before, after)
        change = f"{megabytes(saved)} ({percent:.1f} %)"
        rows.append((label, megabytes(before), megabytes(after), change))
    rows.append(("layers", str(v.original.layers), str(v.rewrite.layers), ""))
    return rows


def to_json(v: Verification) -> str:
    return json.dumps(v.to_json(), indent=2)


def to_rich(v: Verification) -> RenderableType:
    style = "green" if v.status in ("verified", "skipped") else "red"
    parts: list[RenderableType] = [Text(f"{v.status}: {v.reason}", style=style)]
    if rows := size_rows(v):
        sizes = Table("size", "original", "rewrite", "saving", title="Image size")
        for row in rows:
            sizes.add_row(*row)
        parts.append(sizes)
    if v.checks:
        table = Table("check", "result", "evidence", title="Checks")
        for check in v.checks:
            result = Text(check.status, style=STYLES[check.status])
            table.add_row(check.name, result, check.evidence)
        parts.append(table)
    parts += [Text(f"warning: {w}", style="yellow") for w in v.warnings]
    if v.status in ("failed", "original-does-not-build"):
        for name, log in v.logs.items():
            parts.append(Text(f"--- {name} build log (tail) ---\n{log}", style="dim"))
    return Group(*parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _fenced(text: str, language: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def _details(summary: str, body: str) -> str:
    return f"<details><summary>{summary}</summary>\n\n{body}\n\n</details>"


def to_markdown(v: Verification) -> str:
    """A pull-request body: sizes first, then checks, then logs and the diff."""
    sections = []
    if rows := size_rows(v):
        lines = ["| | original | rewrite | saving |", "|---|---:|---:|---:|"]
        lines += [f"| {' | '.join(row)} |" for row in rows]
        sections.append("### Image size\n\n" + "\n".join(lines))

    sections.append(f"**Verification: {v.status}** ({v.reason})")
    if v.checks:
        lines = ["| check | result | evidence |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.status} | {_cell(c.evidence)} |" for c in v.checks]
        sections.append("### Checks\n\n" + "\n".join(lines))
    if v.warnings:
        sections.append("\n".join(f"> **Warning:** {w}" for w in v.warnings))

    for name, log in v.logs.items():
        sections.append(_details(f"{name} build log (tail)", _fenced(log, "text")))
    if v.diff:
        sections.append(_details("Full diff", _fenced(v.diff, "diff")))
    return "\n\n".join(sections) + "\n"


def size_line(size: ImageSize | None) -> str:
    if size is None:
        return "unknown"
    if size.compressed_bytes is None:
        return megabytes(size.uncompressed_bytes)
    compressed = megabytes(size.compressed_bytes)
    return f"{megabytes(size.uncompressed_bytes)} ({compressed} compressed)"
