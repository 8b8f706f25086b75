"""Bare git repositories behind the forge, driven through git plumbing.

Commits are written straight into the bare repository (no working copy), so a
repository with files costs a few git calls and tests stay fast.
"""

from __future__ import annotations

import os
import subprocess
import time
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
    executable: frozenset[str] = frozenset(),
) -> str:
    """Commit `files` on top of `branch` (None deletes a path); return the sha.

    A missing branch starts from the repository's HEAD, or as a root commit in an
    empty repository. One `git fast-import` writes the whole commit.
    """
    parent = branch_sha(bare, branch) or _head_sha(bare)
    name, _, email = author.partition(" <")
    stream = bytearray()
    stream += f"commit refs/heads/{branch}\n".encode()
    signature = f"{name} <{email.rstrip('>')}> {int(time.time())} +0000\n"
    stream += f"author {signature}committer {signature}".encode()
    stream += _data(message.encode())
    if parent:
        stream += f"from {parent}\n".encode()
    for path, content in files.items():
        stream += _file_command(path, content, executable=path in executable)
    git(bare, "fast-import", "--quiet", "--force", stdin=bytes(stream))
    sha = branch_sha(bare, branch)
    if sha is None:
        raise RuntimeError(f"git fast-import did not create {branch}")
    return sha


def _file_command(path: str, content: str | bytes | None, *, executable: bool) -> bytes:
    if "\n" in path or path.startswith("/"):
        raise ValueError(f"unusable path in a commit: {path!r}")
    if content is None:
        return f"D {path}\n".encode()
    data = content.encode() if isinstance(content, str) else content
    mode = "100755" if executable else "100644"
    return f"M {mode} inline {path}\n".encode() + _data(data)


def _data(data: bytes) -> bytes:
    return f"data {len(data)}\n".encode() + data + b"\n"


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


def commit_info(bare: Path, ref: str) -> dict[str, str] | None:
    """The commit `ref` names: sha, tree, parents (space separated), people, message."""
    fields = (
        *("sha", "tree", "parents"),
        *("author", "author_email", "author_date"),
        *("committer", "committer_email", "committer_date"),
    )
    answer = subprocess.run(
        [
            "git",
            "--git-dir",
            str(bare),
            "log",
            "-1",
            "--format=%H%n%T%n%P%n%an%n%ae%n%aI%n%cn%n%ce%n%cI%n%B",
            f"{ref}^{{commit}}",
            "--",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if answer.returncode != 0:
        return None
    lines = answer.stdout.split("\n")
    info = dict(zip(fields, lines, strict=False))
    info["message"] = "\n".join(lines[len(fields) :]).strip()
    return info


def changed_files(bare: Path, base: str, head: str) -> list[tuple[str, str, int, int]]:
    """(status letter, path, added lines, deleted lines) from the merge base to head."""
    statuses = git(bare, "diff", "--no-renames", "--name-status", f"{base}...{head}")
    counts = git(bare, "diff", "--no-renames", "--numstat", f"{base}...{head}")
    numbers = {}
    for line in counts.splitlines():
        added, deleted, path = line.split("\t", 2)
        numbers[path] = (
            int(added) if added.isdigit() else 0,
            int(deleted) if deleted.isdigit() else 0,
        )
    changes = []
    for line in statuses.splitlines():
        letter, path = line.split("\t", 1)
        changes.append((letter, path, *numbers.get(path, (0, 0))))
    return changes


def file_patch(bare: Path, base: str, head: str, path: str) -> str:
    return git(bare, "diff", "--no-renames", f"{base}...{head}", "--", path)


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


def _identity(person: str) -> dict[str, str]:
    name, _, email = person.partition(" <")
    email = email.rstrip(">")
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
