from __future__ import annotations

import pytest

from refactor.deliver import names


@pytest.mark.parametrize(
    "name", ["octo/app", "my-org/my.repo_2", "a/b", "Org9/x-y.z"], ids=str
)
def test_accepts_ordinary_repository_names(name: str) -> None:
    assert names.repository(name) == name


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("-x/repo", id="option-like-owner"),
        pytest.param("org/..", id="dot-dot"),
        pytest.param("org/repo/extra", id="three-parts"),
        pytest.param("org/re po", id="space"),
        pytest.param("org/repo\n", id="newline"),
        pytest.param("org/$(id)", id="shell"),
        pytest.param("noslash", id="no-owner"),
    ],
)
def test_refuses_repository_names_git_could_misread(name: str) -> None:
    with pytest.raises(names.UnsafeName):
        names.repository(name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("--upload-pack=x", id="option"),
        pytest.param("a..b", id="dot-dot"),
        pytest.param("a//b", id="double-slash"),
        pytest.param("a/", id="trailing-slash"),
        pytest.param("x.lock", id="lock"),
        pytest.param("a@{1}", id="reflog"),
        pytest.param("a b", id="space"),
        pytest.param("a/.hidden", id="hidden-part"),
    ],
)
def test_refuses_unsafe_branch_names(name: str) -> None:
    with pytest.raises(names.UnsafeName):
        names.branch(name)


def test_accepts_the_default_branch_names() -> None:
    for name in ("main", "master", "dockerfile-refactor/multi-stage", "release-1.2"):
        assert names.branch(name) == name


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://token@github.com/o/r.git", id="credentials"),
        pytest.param("ext::sh -c id", id="ext-transport"),
        pytest.param("-u/x", id="option"),
        pytest.param("file:///srv/../etc", id="dot-dot"),
    ],
)
def test_refuses_clone_urls_with_credentials_or_odd_transports(url: str) -> None:
    with pytest.raises(names.UnsafeName):
        names.clone_url(url)


def test_accepts_https_and_file_clone_urls() -> None:
    for url in ("https://github.com/o/r.git", "file:///srv/git/o/r.git", "/srv/o/r"):
        assert names.clone_url(url) == url
