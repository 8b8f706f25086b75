from __future__ import annotations

import os
import subprocess
from pathlib import Path

import git as gitpython
import pytest

from refactor.deliver import git
from refactor.deliver.secret import Secret
from tests.deliver.gitrepos import bare_repository, branch_sha, commit_to

TOKEN = Secret("ghs_not_a_real_token_0123456789")
BRANCH = "dockerfile-refactor/multi-stage"
FILES = {
    "Dockerfile": "FROM python:3.11\n",
    "api/Dockerfile": "FROM node:18\n",
    "worker.Dockerfile": "FROM golang:1.19\n",
    "Dockerfile.dev": "FROM python:3.11\n",
    "README.md": "not a Dockerfile\n",
}


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return bare_repository(tmp_path, FILES)


def test_clone_finds_dockerfiles_and_is_removed_afterwards(remote: Path) -> None:
    echoed: list[str] = []
    with git.shallow_clone(
        remote.as_uri(), branch="main", token=TOKEN, echo=echoed.append
    ) as clone:
        found = git.files_matching(
            clone.path, ("Dockerfile", "*.Dockerfile", "Dockerfile.*")
        )
        depth = clone.run("rev-list", "--count", "HEAD")
        where = clone.path

    assert found == (
        "Dockerfile",
        "Dockerfile.dev",
        "api/Dockerfile",
        "worker.Dockerfile",
    )
    assert depth == "1"
    assert not where.exists()
    assert echoed[0].startswith("$ git clone --depth=1")
    assert all(TOKEN.value not in line for line in echoed)


def test_the_token_reaches_git_only_through_the_askpass_helper(remote: Path) -> None:
    with git.shallow_clone(
        remote.as_uri(), branch="main", token=TOKEN, echo=print
    ) as clone:
        config = (clone.path / ".git" / "config").read_text()
        helper = clone.env["GIT_ASKPASS"]
        asked = subprocess.run(
            [helper, "Password for 'https://x-access-token@github.com': "],
            capture_output=True,
            text=True,
            env={**os.environ, **clone.env},
        )
        user = subprocess.run(
            [helper, "Username for 'https://github.com': "],
            capture_output=True,
            text=True,
            env=dict(clone.env),
        )
        helper_text = Path(helper).read_text()

    assert asked.stdout.strip() == TOKEN.value
    assert user.stdout.strip() == "x-access-token"
    assert TOKEN.value not in config
    assert TOKEN.value not in helper_text
    assert not Path(helper).exists()


def test_an_empty_repository_is_reported_as_such(tmp_path: Path) -> None:
    empty = bare_repository(tmp_path, {})
    cloning = git.shallow_clone(empty.as_uri(), branch="main", token=TOKEN, echo=print)
    with pytest.raises(git.EmptyRepository), cloning:
        pass


def test_commit_is_deterministic_and_push_creates_the_branch(remote: Path) -> None:
    shas = []
    for _ in range(2):
        with git.shallow_clone(
            remote.as_uri(), branch="main", token=TOKEN, echo=print
        ) as clone:
            tip = git.remote_tip(clone, BRANCH)
            head = git.commit(
                clone,
                branch=BRANCH,
                files={"Dockerfile": "FROM x AS b\n"},
                message=f"m\n\n{git.TRAILER} abc\n",
            )
            if head != tip:
                git.push(clone, branch=BRANCH, expected=tip)
            shas.append(head)

    assert shas[0] == shas[1]
    assert branch_sha(remote, BRANCH) == shas[0]


def test_branch_owner_tells_the_tool_from_a_person(remote: Path) -> None:
    with git.shallow_clone(
        remote.as_uri(), branch="main", token=TOKEN, echo=print
    ) as clone:
        assert (
            git.branch_owner(clone, BRANCH, git.remote_tip(clone, BRANCH)) == "absent"
        )
        git.commit(
            clone,
            branch=BRANCH,
            files={"Dockerfile": "FROM x\n"},
            message=f"m\n\n{git.TRAILER} abc\n",
        )
        git.push(clone, branch=BRANCH, expected=None)
        assert git.branch_owner(clone, BRANCH, git.remote_tip(clone, BRANCH)) == "tool"

    commit_to(remote, BRANCH, {"NOTES.md": "mine\n"})

    with git.shallow_clone(
        remote.as_uri(), branch="main", token=TOKEN, echo=print
    ) as clone:
        assert (
            git.branch_owner(clone, BRANCH, git.remote_tip(clone, BRANCH)) == "person"
        )


def test_the_lease_refuses_to_overwrite_a_push_made_meanwhile(remote: Path) -> None:
    with git.shallow_clone(
        remote.as_uri(), branch="main", token=TOKEN, echo=print
    ) as clone:
        seen = git.remote_tip(clone, BRANCH)
        person = commit_to(remote, BRANCH, {"NOTES.md": "raced\n"}, base="main")
        git.commit(
            clone,
            branch=BRANCH,
            files={"Dockerfile": "FROM y\n"},
            message=f"m\n\n{git.TRAILER} abc\n",
        )
        with pytest.raises(gitpython.GitCommandError):
            git.push(clone, branch=BRANCH, expected=seen)

    assert branch_sha(remote, BRANCH) == person
