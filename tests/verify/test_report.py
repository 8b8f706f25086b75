"""The renderers are pure functions of a Verification."""

from __future__ import annotations

import json

from rich.console import Console

from refactor.verify import Check, ImageSize, Verification, report

VERIFIED = Verification(
    "verified",
    "every check passed",
    original=ImageSize(1_160_000_000, 420_000_000, 12),
    rewrite=ImageSize(480_000_000, 160_000_000, 9),
    checks=(
        Check("build", "passed", "both images build"),
        Check("config", "passed", "Env PATH: 'a' -> 'b' (planned by the rewrite)"),
        Check("files", "failed", "1 missing:\n/app/a|b"),
    ),
    warnings=(".git is in the build context; add it to .dockerignore",),
    diff="--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1 @@\n-FROM x\n+FROM x AS b\n",
    logs={"original": "#1 done ```odd```", "rewrite": "#1 done"},
)


def test_markdown_puts_sizes_first_then_checks_then_details() -> None:
    body = report.to_markdown(VERIFIED)

    sizes, checks = body.index("### Image size"), body.index("### Checks")
    assert sizes < checks < body.index("<details>")
    assert "| uncompressed | 1,160.0 MB | 480.0 MB | 680.0 MB (58.6 %) |" in body
    assert "| compressed (gzip) | 420.0 MB | 160.0 MB | 260.0 MB (61.9 %) |" in body
    assert "1 missing:<br>/app/a\\|b" in body
    assert "````text\n#1 done ```odd```\n````" in body
    assert "```diff\n--- a/Dockerfile" in body


def test_json_holds_the_documented_fields() -> None:
    data = json.loads(report.to_json(VERIFIED))

    assert data["status"] == "verified"
    assert data["sizes"]["original"] == {
        "uncompressed_bytes": 1_160_000_000,
        "compressed_bytes": 420_000_000,
        "layers": 12,
    }
    assert data["sizes"]["saving"]["compressed_percent"] == 61.9
    assert data["checks"][2] == {
        "name": "files",
        "status": "failed",
        "evidence": "1 missing:\n/app/a|b",
    }


def test_a_verification_without_sizes_renders() -> None:
    bare = Verification("original-does-not-build", "the original does not build")
    assert "Image size" not in report.to_markdown(bare)
    assert json.loads(report.to_json(bare))["sizes"]["saving"] is None

    console = Console(record=True, width=100)
    console.print(report.to_rich(VERIFIED))
    assert "58.6 %" in console.export_text()
