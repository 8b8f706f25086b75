"""Git through GitPython: shallow clone, commit on the tool's branch, safe push.

The token never enters a URL, an argument or `.git/config`: git asks the
`GIT_ASKPASS` helper, a script that prints an environment variable which only
the git child processes receive. Every command is echoed as `$ git ...`.
"""

from __future__ import annotations

import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import git

from refactor.deliver import names
from refactor.deliver.secret import Secret

TOOL_NAME = "dockerfile-refactor"
TOOL_EMAIL = "dockerfile-refactor@users.noreply.github.com"
TOKEN_VARIABLE = "DOCKERFILE_REFACTOR_GIT_TOKEN"
TRAILER = "Dockerfile-Refactor-Fingerprint:"
_TIMEOUT = 600.0
_ASKPASS = """#!/bin/sh
case "$1" in
  Username*) echo x-access-token ;;
  *) printf '%s\\n' "$DOCKERFILE_REFACTOR_GIT_TOKEN" ;;
esac
"""

Echo = Callable[[str], None]
Owner = Literal["absent", "tool", "person"]


class EmptyRepository(Exception):
    """The remote has no commit on the branch asked for."""


@dataclass(frozen=True)
class Clone:
    path: Path
    repo: git.Repo
    env: Mapping[str, str]
    echo: Echo

    def run(self, *args: str) -> str:
        self.echo("$ git " + " ".join(args))
        output: str = self.repo.git.execute(
            ["git", *args], env=dict(self.env), kill_after_timeout=_TIMEOUT
        )
        return output


@contextmanager
def shallow_clone(
    url: str, *, branch: str, token: Secret, echo: Echo
) -> Iterator[Clone]:
    """A depth-1 clone of `branch` in a temporary folder, removed afterwards."""
    names.clone_url(url)
    names.branch(branch)
    scratch = Path(tempfile.mkdtemp(prefix="dockerfile-refactor-"))
    try:
        env = _auth_environment(scratch, token)
        path = scratch / "checkout"
        options = ["--depth=1", "--no-tags", "--single-branch", f"--branch={branch}"]
        echo(f"$ git clone {' '.join(options)} -- {url} {path}")
        try:
            repo = git.Repo.clone_from(url, path, env=env, multi_options=options)
        except git.GitCommandError as error:
            if "not found in upstream" in str(error.stderr):
                raise EmptyRepository(f"no branch {branch} to clone") from None
            raise
        yield Clone(path=path, repo=repo, env=env, echo=echo)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _auth_environment(scratch: Path, token: Secret) -> dict[str, str]:
    helper = scratch / "askpass.sh"
    helper.write_text(_ASKPASS)
    helper.chmod(stat.S_IRWXU)
    return {
        "GIT_ASKPASS": str(helper),
        TOKEN_VARIABLE: token.value,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
        # An empty helper clears any configured one, so a `credential.helper=store`
        # in the user's ~/.gitconfig cannot write the token to ~/.git-credentials.
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "credential.helper",
        "GIT_CONFIG_VALUE_0": "",
    }


def files_matching(root: Path, globs: tuple[str, ...]) -> tuple[str, ...]:
    """Relative POSIX paths of tracked-looking files matching any glob, sorted."""
    found: set[str] = set()
    for pattern in globs:
        for path in root.rglob(pattern):
            relative = path.relative_to(root)
            if (
                path.is_file()
                and not path.is_symlink()
                and ".git" not in relative.parts
            ):
                found.add(relative.as_posix())
    return tuple(sorted(found))


def remote_tip(clone: Clone, branch: str) -> str | None:
    names.branch(branch)
    listing = clone.run("ls-remote", "--heads", "origin", f"refs/heads/{branch}")
    return listing.split()[0] if listing.strip() else None


def branch_owner(clone: Clone, branch: str, tip: str | None) -> Owner:
    """Who made the remote branch's last commit: nobody, this tool, or a person.

    The tool always pushes exactly one commit on the base branch, so a tip that
    is not the tool's own commit means someone added to or rewrote the branch.
    """
    if tip is None:
        return "absent"
    clone.run("fetch", "--depth=1", "origin", f"refs/heads/{branch}")
    fields = clone.run("log", "-1", "--format=%ae%x00%ce%x00%B", tip).split("\0")
    ours = fields[0] == TOOL_EMAIL and fields[1] == TOOL_EMAIL and TRAILER in fields[2]
    return "tool" if ours else "person"


def commit(clone: Clone, *, branch: str, files: Mapping[str, str], message: str) -> str:
    """Write `files`, commit them on a fresh `branch` from HEAD; the new SHA.

    Author and committer dates are the base commit's, so the same input makes
    the same commit and a rerun pushes nothing.
    """
    base_date = clone.run("log", "-1", "--format=%cI", "HEAD")
    clone.run("checkout", "-B", names.branch(branch))
    for relative, text in files.items():
        (clone.path / relative).write_text(text)
    clone.run("add", "--", *files)
    identity = {
        "GIT_AUTHOR_NAME": TOOL_NAME,
        "GIT_AUTHOR_EMAIL": TOOL_EMAIL,
        "GIT_AUTHOR_DATE": base_date,
        "GIT_COMMITTER_NAME": TOOL_NAME,
        "GIT_COMMITTER_EMAIL": TOOL_EMAIL,
        "GIT_COMMITTER_DATE": base_date,
    }
    stamped = Clone(clone.path, clone.repo, {**clone.env, **identity}, clone.echo)
    stamped.run("-c", "commit.gpgsign=false", "commit", "--quiet", "-m", message)
    return clone.run("rev-parse", "HEAD")


def push(clone: Clone, *, branch: str, expected: str | None) -> None:
    """Push HEAD to `branch`, only if the remote still holds `expected`.

    The lease makes a person's push between our check and our push win.
    """
    lease = f"--force-with-lease=refs/heads/{branch}:{expected or ''}"
    clone.run("push", "--porcelain", lease, "origin", f"HEAD:refs/heads/{branch}")


def sanitized(error: git.GitCommandError, token: Secret) -> str:
    """One line of what git said, without the token."""
    text = f"git {error.command[1] if len(error.command) > 1 else ''} failed "
    text += f"({error.status}): {str(error.stderr).strip()[-600:]}"
    return token.redact(text)
