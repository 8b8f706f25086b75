"""Strict checks for names that come from the API before they reach git.

A repository or branch name is passed to `git` as an argument; a value that
starts with `-`, holds `..` or a control character could become an option or
escape the intended ref, so anything outside these patterns is refused.
"""

from __future__ import annotations

import re

_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_REPO = r"[A-Za-z0-9._-]{1,100}"
_FULL_NAME = re.compile(rf"{_OWNER}/{_REPO}")
_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]{0,199}")
_URL = re.compile(r"(?:https?://[A-Za-z0-9.:\[\]_-]+|file://)?/[A-Za-z0-9._/~+-]*")


class UnsafeName(ValueError):
    """A name from outside that must not be handed to git."""


def repository(name: str) -> str:
    """`owner/name`, checked; raises UnsafeName otherwise."""
    short = name.partition("/")[2]
    if not _FULL_NAME.fullmatch(name) or short in {".", ".."}:
        raise UnsafeName(f"refusing repository name {name!r}")
    return name


def branch(name: str) -> str:
    """A branch name git accepts and that cannot be read as an option."""
    bad = (
        not _BRANCH.fullmatch(name)
        or ".." in name
        or "//" in name
        or name.endswith(("/", ".", ".lock"))
        or "/." in name
    )
    if bad:
        raise UnsafeName(f"refusing branch name {name!r}")
    return name


def clone_url(url: str) -> str:
    """An http(s) URL, a file URL or an absolute path, with no credentials in it."""
    if not _URL.fullmatch(url) or ".." in url.split("?")[0].split("/"):
        raise UnsafeName(f"refusing clone URL {url!r}")
    return url
