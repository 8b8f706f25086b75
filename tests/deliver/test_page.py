from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from refactor.deliver import page
from refactor.deliver.outcome import FileChange, RepoOutcome
from refactor.deliver.state import State


def campaign_state(tmp_path: Path) -> State:
    state = State(tmp_path / "campaign.sqlite")
    outcomes = [
        RepoOutcome(
            name="acme/api",
            status="opened",
            pr_url="http://127.0.0.1/acme/api/pull/1",
            files=(
                FileChange(
                    path="Dockerfile",
                    status="verified",
                    bytes_before=1_160_000_000,
                    bytes_after=480_000_000,
                ),
            ),
        ),
        RepoOutcome(
            name="acme/web",
            status="updated",
            pr_url="http://127.0.0.1/acme/web/pull/4",
            files=(
                FileChange(
                    path="Dockerfile",
                    status="verified",
                    bytes_before=900_000_000,
                    bytes_after=150_000_000,
                ),
            ),
        ),
        RepoOutcome(
            name="acme/<script>",
            status="failed",
            stage="clone",
            reason="git clone failed (128): <b>not found</b>",
        ),
        RepoOutcome(name="acme/docs", status="nothing-to-do", reason="no Dockerfile"),
    ]
    state.add(o.name for o in outcomes)
    for outcome in outcomes:
        state.finish(outcome, mode="")
    return state


def test_page_totals_rows_links_and_escaping(tmp_path: Path) -> None:
    html = page.render(campaign_state(tmp_path).repositories())

    assert "1,430.0 MB" in html  # 680 + 750 MB saved
    assert html.count("<tr data-status=") == 4
    assert '<a href="http://127.0.0.1/acme/api/pull/1">#1</a>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('<rect class="bar"') == 2
    assert "http" not in re.sub(
        r'href="http://127\.0\.0\.1[^"]*"|xmlns="[^"]*"', "", html
    )


def test_an_empty_campaign_renders_without_a_chart(tmp_path: Path) -> None:
    html = page.render(State(tmp_path / "empty.sqlite").repositories())
    assert "No image sizes measured yet." in html


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    return found


def headless(
    browser: str, tmp_path: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = chromium()
    report = tmp_path / "report.html"
    report.write_text(page.render(campaign_state(tmp_path).repositories()))

    dom = headless(browser, tmp_path, "--dump-dom", report.as_uri()).stdout
    shot = tmp_path / "report.png"
    headless(
        browser,
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=1200,900",
        report.as_uri(),
    )

    assert re.search(r'<svg id="chart"[^>]*>.*<rect class="bar"', dom, re.S)
    assert dom.count('data-status="') == 4
    assert 'id="total-total"><b>1,430.0 MB</b>' in dom
    assert shot.stat().st_size > 10_000
    saved = Path("/tmp/dockerfile-refactor-campaign-page.png")
    shutil.copy(shot, saved)
