"""Bare git repositories behind the forge, driven through git plumbing.

Commits are written straight into the bare repository (no working copy), so a
repository with files costs a few git calls and tests stay fast.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

PERSON = "A Person <person@example.com>"
FORGE_AUTHOR = "Forge Fixture <forge@example.com>"
_REJECT_HOOK = "#!/bin/sh\necho '{message}' >&2\nexit 1\n"


def git(
    bare: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] = {}
) -> str:
    answer = subprocess.run(
        ["git", "--git-dir", str(bare), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **env},
        check=False,
        timeout=60,
    )
    if answer.returncode != 0:
        command = " ".join(args)
        raise RuntimeError(f"git {command} failed: {answer.stderr.decode().strip()}")
    return answer.stdout.decode().strip()


def init_bare(bare: Path, *, default_branch: str) -> None:
    bare.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "git",
            "init",
            "--quiet",
            "--bare",
            f"--initial-branch={default_branch}",
            str(bare),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def branch_sha(bare: Path, branch: str) -> str | None:
    answer = subprocess.run(
        [
            "git",
            "--git-dir",
            str(bare),
            "rev-parse",
            "--verify",
            "--quiet",
            f"refs/heads/{branch}^{{commit}}",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return answer.stdout.strip() if answer.returncode == 0 else None


def is_ancestor(bare: Path, older: str, newer: str) -> bool:
    answer = subprocess.run(
        ["git", "--git-dir", str(bare), "merge-base", "--is-ancestor", older, newer],
        capture_output=True,
        check=False,
        timeout=60,
    )
    return answer.returncode == 0


def commit_files(
    bare: Path,
    branch: str,
    files: Mapping[str, str | bytes | None],
    *,
    message: str,
    author: str = FORGE_AUTHOR,
    parents: tuple[str, ...] | None = None,
) -> str:
    """Commit `files` on top of `branch` (None deletes a path); return the sha.

    A missing branch starts from `parents` if given, else from the repo's HEAD.
    """
    current = branch_sha(bare, branch) or _head_sha(bare)
    parents = parents if parents is not None else ((current,) if current else ())
    index = bare / f"forge-index-{os.getpid()}-{branch.replace('/', '_')}"
    env = {"GIT_INDEX_FILE": str(index), **_identity(author)}
    try:
        if parents:
            git(bare, "read-tree", parents[0], env=env)
        else:
            git(bare, "read-tree", "--empty", env=env)
        for path, content in files.items():
            _stage(bare, path, content, env)
        tree = git(bare, "write-tree", env=env)
    finally:
        index.unlink(missing_ok=True)

    parent_args = [arg for sha in parents for arg in ("-p", sha)]
    sha = git(bare, "commit-tree", tree, *parent_args, "-m", message, env=env)
    git(bare, "update-ref", f"refs/heads/{branch}", sha)
    return sha


def merge_into(bare: Path, *, base: str, head: str, message: str) -> str:
    """Record a merge commit of `head` into `base` that keeps the head's tree."""
    base_sha = branch_sha(bare, base)
    head_sha = branch_sha(bare, head)
    if base_sha is None or head_sha is None:
        raise RuntimeError(f"cannot merge {head} into {base}: a branch is missing")
    tree = git(bare, "rev-parse", f"{head_sha}^{{tree}}")
    env = _identity(FORGE_AUTHOR)
    sha = git(
        bare,
        "commit-tree",
        tree,
        "-p",
        base_sha,
        "-p",
        head_sha,
        "-m",
        message,
        env=env,
    )
    git(bare, "update-ref", f"refs/heads/{base}", sha)
    return sha


def read_file(bare: Path, ref: str, path: str) -> bytes | None:
    answer = subprocess.run(
        ["git", "--git-dir", str(bare), "cat-file", "blob", f"{ref}:{path}"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    return answer.stdout if answer.returncode == 0 else None


def reject_pushes(bare: Path, message: str) -> None:
    hook = bare / "hooks" / "pre-receive"
    hook.write_text(_REJECT_HOOK.format(message=message.replace("'", "")))
    hook.chmod(0o755)


def allow_pushes(bare: Path) -> None:
    (bare / "hooks" / "pre-receive").unlink(missing_ok=True)


def size_kib(bare: Path) -> int:
    objects = bare / "objects"
    total = sum(item.stat().st_size for item in objects.rglob("*") if item.is_file())
    return max(1, total // 1024)


def create_branch(bare: Path, branch: str, start: str) -> str:
    sha = git(bare, "rev-parse", "--verify", f"{start}^{{commit}}")
    git(bare, "update-ref", f"refs/heads/{branch}", sha)
    return sha


def _head_sha(bare: Path) -> str | None:
    answer = subprocess.run(
        [
            "git",
            "--git-dir",
            str(bare),
            "rev-parse",
            "--verify",
            "--quiet",
            "HEAD^{commit}",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return answer.stdout.strip() if answer.returncode == 0 else None


def _stage(
    bare: Path, path: str, content: str | bytes | None, env: Mapping[str, str]
) -> None:
    if content is None:
        git(bare, "update-index", "--force-remove", path, env=env)
        return
    data = content.encode() if isinstance(content, str) else content
    blob = git(bare, "hash-object", "-w", "--stdin", stdin=data, env=env)
    git(bare, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)


def _identity(person: str) -> dict[str, str]:
    name, _, email = person.partition(" <")
    email = email.rstrip(">")
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
