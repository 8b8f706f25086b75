"""The campaign page: one self-contained HTML file (inline CSS and SVG).

A pure function of the state's rows, so it can be rendered at any moment of a
campaign, also while another run is still writing the state file.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from refactor.deliver.state import RepoRow

_BAR_HEIGHT = 22
_CHART_WIDTH = 760
_LABEL_WIDTH = 260
_MOST_BARS = 40
_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
.totals { display: flex; gap: 2rem; margin: 1rem 0 1.5rem; }
.totals div { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem 1rem; }
.totals b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { border-radius: 1em; padding: 0 .6em; background: #eaeef2; }
.failed, .unverified { background: #ffebe9; } .opened, .updated { background: #dafbe1; }
.reason { color: #59636e; font-size: 12px; }
"""


def render(rows: tuple[RepoRow, ...], *, title: str = "Multi-stage campaign") -> str:
    saved = sum(max(row.saved, 0) for row in rows)
    counts = Counter(row.status for row in rows)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        _totals(len(rows), counts, saved),
        "<h2>Saved per repository</h2>",
        chart(rows),
        "<h2>Repositories</h2>",
        _table(rows),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _totals(total: int, counts: Counter[str], saved: int) -> str:
    with_pr = counts["opened"] + counts["updated"] + counts["up-to-date"]
    failed = counts["failed"] + counts["unverified"]
    cells = [
        ("repositories", str(total)),
        ("with a pull request", str(with_pr)),
        ("failed", str(failed)),
        ("saved in total", megabytes(saved)),
    ]
    inner = "".join(
        f'<div id="total-{escape(k.split()[-1])}"><b>{escape(v)}</b>{escape(k)}</div>'
        for k, v in cells
    )
    return f'<section class="totals">{inner}</section>'


def chart(rows: tuple[RepoRow, ...]) -> str:
    """Horizontal bars of MB saved, largest first; text when nothing was measured."""
    measured = sorted((r for r in rows if r.saved > 0), key=lambda r: -r.saved)
    shown = measured[:_MOST_BARS]
    if not shown:
        return '<p id="chart">No image sizes measured yet.</p>'

    largest = shown[0].saved
    room = _CHART_WIDTH - _LABEL_WIDTH - 90
    height = _BAR_HEIGHT * len(shown) + 10
    bars = []
    for index, row in enumerate(shown):
        y = 5 + index * _BAR_HEIGHT
        width = max(1, round(room * row.saved / largest))
        bars.append(
            f'<text x="{_LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(row.name)}</text>"
            f'<rect class="bar" x="{_LABEL_WIDTH}" y="{y + 3}" width="{width}" '
            f'height="{_BAR_HEIGHT - 6}" fill="#2da44e"><title>{escape(row.name)}: '
            f"{megabytes(row.saved)}</title></rect>"
            f'<text x="{_LABEL_WIDTH + width + 6}" y="{y + 15}">'
            f"{megabytes(row.saved)}</text>"
        )
    return (
        f'<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="{_CHART_WIDTH}" '
        f'height="{height}" font-size="12" role="img" '
        f'aria-label="Megabytes saved per repository">{"".join(bars)}</svg>'
    )


def _table(rows: tuple[RepoRow, ...]) -> str:
    head = (
        "<tr><th>Repository</th><th>Status</th><th>Pull request</th>"
        "<th>Before</th><th>After</th><th>Saved</th></tr>"
    )
    body = "".join(_row(row) for row in rows)
    return (
        f'<table id="repositories"><thead>{head}</thead><tbody>{body}</tbody></table>'
    )


def _row(row: RepoRow) -> str:
    link = ""
    if row.pr_url.startswith(("https://", "http://")):
        number = row.pr_url.rsplit("/", 1)[-1]
        link = f'<a href="{escape(row.pr_url)}">#{escape(number)}</a>'
    measured = row.bytes_before > 0
    sizes = (
        [megabytes(row.bytes_before), megabytes(row.bytes_after), megabytes(row.saved)]
        if measured
        else ["", "", ""]
    )
    reason = f'<div class="reason">{escape(row.reason)}</div>' if row.reason else ""
    cells = "".join(f'<td class="num">{escape(s)}</td>' for s in sizes)
    return (
        f'<tr data-status="{escape(row.status)}"><td>{escape(row.name)}</td>'
        f'<td><span class="status {escape(row.status)}">{escape(row.status)}</span>'
        f"{reason}</td><td>{link}</td>{cells}</tr>"
    )
