"""The forge's records: immutable values the store swaps under its lock."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Account:
    login: str
    id: int
    kind: str  # "User", "Organization" or "Bot", as GitHub spells it


@dataclass(frozen=True, kw_only=True)
class Repo:
    owner: str
    name: str
    id: int
    private: bool
    fork: bool
    archived: bool
    empty: bool
    default_branch: str
    description: str | None
    created_at: float

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


@dataclass(frozen=True, kw_only=True)
class Label:
    id: int
    name: str
    color: str
    description: str | None


@dataclass(frozen=True, kw_only=True)
class Pull:
    repo: str
    number: int
    id: int
    title: str
    body: str | None
    head_owner: str
    head_ref: str
    base_ref: str
    user: str
    draft: bool
    state: str
    merged: bool
    labels: tuple[str, ...]
    maintainer_can_modify: bool
    created_at: float
    updated_at: float
    closed_at: float | None
    merged_at: float | None
    merge_commit_sha: str | None


@dataclass(frozen=True, kw_only=True)
class Comment:
    repo: str
    id: int
    issue_number: int
    body: str
    user: str
    created_at: float
    updated_at: float


@dataclass(frozen=True, kw_only=True)
class ReviewComment:
    repo: str
    id: int
    pull_number: int
    review_id: int | None
    body: str
    path: str
    line: int | None
    side: str
    commit_id: str
    user: str
    created_at: float
    updated_at: float


@dataclass(frozen=True, kw_only=True)
class Review:
    repo: str
    id: int
    pull_number: int
    body: str
    state: str
    commit_id: str
    user: str
    submitted_at: float


@dataclass(frozen=True, kw_only=True)
class App:
    id: int
    slug: str
    name: str
    owner: str
    public_key_pem: bytes


@dataclass(frozen=True, kw_only=True)
class Installation:
    id: int
    app_id: int
    account: str
    repos: tuple[str, ...] | None  # None: every repository of the account
    created_at: float


@dataclass(frozen=True, kw_only=True)
class Token:
    value: str
    login: str
    installation_id: int | None
    expires_at: float | None


@dataclass(frozen=True, kw_only=True)
class Request:
    method: str
    path: str
    status: int
    token: str | None
    template: str | None  # the OpenAPI path the request matched
    body: object  # the JSON answered, kept so tests can check it against the schema


class ApiError(Exception):
    """A GitHub error answer: status, message and the optional `errors` list."""

    def __init__(
        self, status: int, message: str, errors: tuple[dict[str, str], ...] = ()
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
