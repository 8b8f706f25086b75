"""The only module that touches PyGithub: typed values in, typed values out.

Everything PyGithub raises becomes a `ForgeError` with the HTTP status and one
line of text, so callers never import `github`. Each worker thread gets its
own client (PyGithub's connection is not meant to be shared across threads);
the pacer that spaces content-creating calls is shared.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import github
import requests
from github import Auth, Github, GithubException, GithubRetry
from urllib3.response import BaseHTTPResponse

from refactor.deliver.polite import IntervalPacer, Pacer
from refactor.deliver.secret import NO_SECRET, Secret

PUBLIC_API = "https://api.github.com"
LABEL_COLOR = "1d76db"


class ForgeError(Exception):
    def __init__(self, message: str, *, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, kw_only=True)
class ForgeSettings:
    base_url: str = PUBLIC_API
    token: Secret = NO_SECRET
    retries: int = 6
    backoff: float = 0.5
    max_wait: float = 900.0
    timeout: int = 30


@dataclass(frozen=True, kw_only=True)
class RepoInfo:
    full_name: str
    clone_url: str
    default_branch: str
    archived: bool
    fork: bool
    html_url: str


@dataclass(frozen=True, kw_only=True)
class PullInfo:
    number: int
    url: str
    state: str
    merged: bool
    title: str
    body: str
    labels: tuple[str, ...] = ()


class PoliteRetry(GithubRetry):
    """GithubRetry that also waits for `x-ratelimit-reset` when no Retry-After
    is given (a 429 or a primary limit), capped at `max_wait` seconds."""

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        seconds = super().get_retry_after(response)
        reset = response.headers.get("x-ratelimit-reset", "")
        exhausted = response.headers.get("x-ratelimit-remaining") == "0"
        if seconds is None and exhausted and reset.isdigit():
            seconds = max(0.0, int(reset) - time.time()) + 1.0
        if seconds is not None and self.max_rate_limit_wait is not None:
            seconds = min(seconds, self.max_rate_limit_wait)
        return seconds


class Forge:
    def __init__(self, settings: ForgeSettings, *, pacer: Pacer | None = None) -> None:
        self.settings = settings
        self.pacer = pacer or IntervalPacer()
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"Forge(base_url={self.settings.base_url!r})"

    def organization_repositories(self, org: str) -> tuple[RepoInfo, ...]:
        with _fenced(f"listing the repositories of {org}"):
            found = self._client().get_organization(org).get_repos(type="all")
            return tuple(_repo_info(repo) for repo in found)

    def repository(self, full_name: str) -> RepoInfo:
        with _fenced(f"reading {full_name}"):
            return _repo_info(self._client().get_repo(full_name))

    def find_pull(self, full_name: str, *, branch: str) -> PullInfo | None:
        """The PR from `branch` in the same repository: the open one, else newest."""
        owner = full_name.partition("/")[0]
        with _fenced(f"listing pull requests of {full_name}"):
            repo = self._client().get_repo(full_name)
            pulls = list(repo.get_pulls(state="all", head=f"{owner}:{branch}"))
            ours = [p for p in pulls if p.head.ref == branch]
            ours.sort(key=lambda p: (p.state == "open", p.number), reverse=True)
            return _pull_info(ours[0]) if ours else None

    def open_pull(
        self,
        full_name: str,
        *,
        base: str,
        branch: str,
        title: str,
        body: str,
        draft: bool,
    ) -> PullInfo:
        repo = self._client().get_repo(full_name)
        with _fenced(f"opening a pull request on {full_name}"):
            self.pacer.wait()
            created = repo.create_pull(
                base=base, head=branch, title=title, body=body, draft=draft
            )
            return _pull_info(created)

    def update_pull(
        self, full_name: str, number: int, *, title: str, body: str
    ) -> None:
        repo = self._client().get_repo(full_name)
        with _fenced(f"updating pull request #{number} on {full_name}"):
            self.pacer.wait()
            repo.get_pull(number).edit(title=title, body=body)

    def add_labels(self, full_name: str, number: int, labels: tuple[str, ...]) -> None:
        """Create any label the repository lacks, then put them on the PR."""
        if not labels:
            return
        repo = self._client().get_repo(full_name)
        with _fenced(f"labelling pull request #{number} on {full_name}"):
            present = {label.name for label in repo.get_labels()}
            for name in labels:
                if name not in present:
                    self.pacer.wait()
                    repo.create_label(name, LABEL_COLOR)
            self.pacer.wait()
            repo.get_issue(number).add_to_labels(*labels)

    def file_text(self, full_name: str, path: str, *, ref: str) -> str | None:
        """A file's text at `ref`, or None when the repository has no such file."""
        repo = self._client().get_repo(full_name)
        try:
            with _fenced(f"reading {path} of {full_name}"):
                found = repo.get_contents(path, ref=ref)
        except ForgeError as error:
            if error.status == 404:
                return None
            raise
        if isinstance(found, list) or found.type != "file":
            return None
        return found.decoded_content.decode("utf-8", errors="replace")

    def upsert_comment(
        self, full_name: str, number: int, *, marker: str, body: str
    ) -> str:
        """Keep one comment carrying `marker` on issue or PR `number`: edit it when
        its text changed, create it when missing; returns what was done."""
        text = f"{body}\n\n{marker}\n"
        repo = self._client().get_repo(full_name)
        with _fenced(f"commenting on #{number} of {full_name}"):
            issue = repo.get_issue(number)
            ours = [c for c in issue.get_comments() if marker in (c.body or "")]
            if ours and ours[0].body == text:
                return "unchanged"
            self.pacer.wait()
            if ours:
                ours[0].edit(text)
                return "edited"
            issue.create_comment(text)
            return "created"

    def _client(self) -> Github:
        client: Github | None = getattr(self._local, "client", None)
        if client is None:
            client = self._new_client()
            self._local.client = client
        return client

    def _new_client(self) -> Github:
        token = self.settings.token.value
        retry = PoliteRetry(
            total=self.settings.retries,
            backoff_factor=self.settings.backoff,
            max_rate_limit_wait=self.settings.max_wait,
            status_forcelist=[429, *range(500, 600)],
            allowed_methods=frozenset({"GET", "POST", "PATCH", "PUT", "DELETE"}),
        )
        return Github(
            base_url=self.settings.base_url,
            auth=Auth.Token(token) if token else None,
            retry=retry,
            timeout=self.settings.timeout,
            per_page=100,
            lazy=True,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )


@contextmanager
def _fenced(doing: str) -> Iterator[None]:
    """Turn whatever PyGithub or requests raise into one ForgeError sentence."""
    try:
        yield
    except GithubException as error:
        message = _message(error.data)
        raise ForgeError(
            f"{doing}: HTTP {error.status} {message}", status=error.status
        ) from None
    except (requests.RequestException, github.GithubException) as error:
        raise ForgeError(f"{doing}: {type(error).__name__}: {error}") from None


def _message(data: Any) -> str:
    if isinstance(data, dict):
        details = data.get("errors") or ""
        return f"{data.get('message', '')} {details}".strip()
    return str(data)[:300]


def _repo_info(repo: Any) -> RepoInfo:
    return RepoInfo(
        full_name=repo.full_name,
        clone_url=repo.clone_url,
        default_branch=repo.default_branch,
        archived=bool(repo.archived),
        fork=bool(repo.fork),
        html_url=repo.html_url,
    )


def _pull_info(pull: Any) -> PullInfo:
    return PullInfo(
        number=pull.number,
        url=pull.html_url,
        state=pull.state,
        merged=pull.merged_at is not None,
        title=pull.title or "",
        body=pull.body or "",
        labels=tuple(label.name for label in pull.labels),
    )
