"""Real bare repositories for the delivery tests, made with the git CLI."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

PERSON = {
    "GIT_AUTHOR_NAME": "A Person",
    "GIT_AUTHOR_EMAIL": "person@example.com",
    "GIT_COMMITTER_NAME": "A Person",
    "GIT_COMMITTER_EMAIL": "person@example.com",
}


def run(*args: str, cwd: Path | None = None) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd or "/tmp"), **PERSON}
    answer = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )
    assert answer.returncode == 0, answer.stderr
    return answer.stdout.strip()


def bare_repository(
    root: Path, files: Mapping[str, str], *, branch: str = "main"
) -> Path:
    """A bare repository at root/remote.git with one commit holding `files`."""
    bare = root / "remote.git"
    run("init", "--quiet", "--bare", f"--initial-branch={branch}", str(bare))
    if files:
        commit_to(bare, branch, files, base=None)
    return bare


def commit_to(
    bare: Path, branch: str, files: Mapping[str, str], *, base: str | None = ""
) -> str:
    """Commit `files` as a person on `branch` (from `base`, or the branch itself)."""
    work = bare.parent / f"work-{branch.replace('/', '-')}"
    run("init", "--quiet", str(work))
    if base is not None:
        run("fetch", "--quiet", str(bare), base or branch, cwd=work)
        run("checkout", "--quiet", "FETCH_HEAD", cwd=work)
    for relative, text in files.items():
        (work / relative).parent.mkdir(parents=True, exist_ok=True)
        (work / relative).write_text(text)
    run("add", ".", cwd=work)
    run("commit", "--quiet", "-m", "a change by a person", cwd=work)
    run("push", "--quiet", str(bare), f"HEAD:refs/heads/{branch}", cwd=work)
    sha = run("rev-parse", "HEAD", cwd=work)
    subprocess.run(["rm", "-rf", str(work)], check=True)
    return sha


def branch_sha(bare: Path, branch: str) -> str | None:
    answer = subprocess.run(
        ["git", "--git-dir", str(bare), "rev-parse", "--verify", "--quiet", branch],
        capture_output=True,
        text=True,
    )
    return answer.stdout.strip() or None
