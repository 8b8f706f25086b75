"""Helpers for tests that drive the forge: a PyGithub client and a pushed branch."""

from __future__ import annotations

import subprocess
from pathlib import Path

from github import Auth, Github

from tests.forge.forge import Forge

BRANCH = "dockerfile-refactor/multi-stage"


def client(forge: Forge, token: str | None = None, **options: object) -> Github:
    """PyGithub without its pauses between calls (0.25 s, and 1 s between writes)."""
    return Github(
        base_url=forge.api_url,
        auth=Auth.Token(token or forge.token),
        retry=None,
        seconds_between_requests=None,
        seconds_between_writes=None,
        **options,  # type: ignore[arg-type]
    )


def push_branch(forge: Forge, full_name: str, tmp_path: Path, content: str) -> str:
    """Clone over the file URL, commit a change and push it as `BRANCH`."""
    work = tmp_path / full_name.replace("/", "-")
    run = ["git", "-c", "user.name=Tool", "-c", "user.email=tool@example.com"]
    subprocess.run(
        [
            "git",
            "clone",
            "--quiet",
            "--depth",
            "1",
            forge.clone_url(full_name),
            str(work),
        ],
        check=True,
        capture_output=True,
    )
    (work / "Dockerfile").write_text(content)
    subprocess.run(["git", "-C", str(work), "add", "-A"], check=True)
    subprocess.run([*run, "-C", str(work), "commit", "-qm", "Split"], check=True)
    pushed = subprocess.run(
        ["git", "-C", str(work), "push", "-q", "origin", f"HEAD:refs/heads/{BRANCH}"],
        capture_output=True,
        text=True,
    )
    if pushed.returncode != 0:
        raise RuntimeError(pushed.stderr)
    return subprocess.run(
        ["git", "-C", str(work), "rev-parse", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
