"""Git over smart HTTP with a token, as a campaign clones and pushes on GitHub."""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path

from tests.forge.forge import Forge
from tests.forge.helpers import client


def git(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    quiet = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
    return subprocess.run(
        ["git", "-c", "user.name=Tool", "-c", "user.email=tool@example.com", *args],
        cwd=cwd,
        env={**os.environ, **quiet, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def header(token: str) -> str:
    secret = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return f"http.extraHeader=Authorization: Basic {secret}"


def test_clone_and_push_with_a_token_header(forge: Forge, tmp_path: Path) -> None:
    forge.serve_git_over_http()
    forge.create_repo("acme/app", {"Dockerfile": "FROM debian:bookworm\n"})
    clone_url = client(forge).get_repo("acme/app").clone_url
    work = tmp_path / "work"

    cloned = git(
        "-c", header(forge.token), "clone", "--depth", "1", clone_url, str(work)
    )
    (work / "Dockerfile").write_text("FROM debian:bookworm AS builder\n")
    git("commit", "-qam", "Split", cwd=work)
    pushed = git(
        "-c", header(forge.token), "push", "origin", "HEAD:refs/heads/split", cwd=work
    )

    assert clone_url == f"{forge.web_url}/acme/app.git"
    assert cloned.returncode == 0, cloned.stderr
    assert pushed.returncode == 0, pushed.stderr
    assert (
        forge.read_file("acme/app", "split", "Dockerfile")
        == "FROM debian:bookworm AS builder\n"
    )
    assert forge.token not in (work / ".git" / "config").read_text()


def test_without_a_valid_token_git_is_refused(forge: Forge, tmp_path: Path) -> None:
    forge.serve_git_over_http()
    forge.create_repo("acme/app")
    clone_url = forge.clone_url("acme/app")

    anonymous = git("clone", clone_url, str(tmp_path / "a"))
    wrong = git("-c", header("wrong"), "clone", clone_url, str(tmp_path / "b"))

    assert anonymous.returncode != 0
    assert "could not read Username" in anonymous.stderr
    assert wrong.returncode != 0
    assert [r.status for r in forge.requests("GET", "/info/refs$")] == [401, 401]
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_rejected_push_over_http_reports_the_hook(forge: Forge, tmp_path: Path) -> None:
    forge.serve_git_over_http()
    forge.create_repo("acme/app")
    forge.reject_pushes("acme/app", "frozen for the release")
    work = tmp_path / "work"
    git("-c", header(forge.token), "clone", forge.clone_url("acme/app"), str(work))
    (work / "new.txt").write_text("x\n")
    git("add", "new.txt", cwd=work)
    git("commit", "-qm", "x", cwd=work)

    pushed = git(
        "-c", header(forge.token), "push", "origin", "HEAD:refs/heads/x", cwd=work
    )

    assert pushed.returncode != 0
    assert "frozen for the release" in pushed.stderr
    assert forge.branch_sha("acme/app", "x") is None
