"""The forge's state: accounts, repositories, pulls, labels, comments, tokens.

Every method takes the one lock, so request threads and the test thread see a
consistent forge. Repositories are bare git repos under `root/<owner>/<name>.git`.
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from tests.forge import bare
from tests.forge.records import (
    Account,
    ApiError,
    App,
    Comment,
    Installation,
    Label,
    Pull,
    Repo,
    Request,
    Review,
    ReviewComment,
    Token,
)

TOKEN_LIFETIME = 3600.0
RATE_LIMIT = 5000


class Store:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock = threading.RLock()
        self.clock_offset = 0.0
        self.token_lifetime = TOKEN_LIFETIME
        self.git_over_http = False  # clone_url: file:// by default, else smart HTTP
        self._ids = itertools.count(1001)
        self.accounts: dict[str, Account] = {}
        self.repos: dict[str, Repo] = {}
        self.labels: dict[str, dict[str, Label]] = {}
        self.pulls: dict[str, dict[int, Pull]] = {}
        self.issue_numbers: dict[str, int] = {}
        self.comments: dict[int, Comment] = {}
        self.review_comments: dict[int, ReviewComment] = {}
        self.reviews: dict[int, Review] = {}
        self.apps: dict[int, App] = {}
        self.installations: dict[int, Installation] = {}
        self.tokens: dict[str, Token] = {}
        self.requests: list[Request] = []
        self.errors: list[str] = []  # exceptions in handlers: forge bugs
        self.rate_used: dict[str, int] = {}
        self.rate_reset = int(time.time()) + 3600  # wall clock: clients wait by theirs

    def now(self) -> float:
        return time.time() + self.clock_offset

    def next_id(self) -> int:
        with self.lock:
            return next(self._ids)

    # Accounts and tokens

    def account(self, login: str, kind: str = "Organization") -> Account:
        with self.lock:
            if login not in self.accounts:
                self.accounts[login] = Account(
                    login=login, id=self.next_id(), kind=kind
                )
            return self.accounts[login]

    def add_token(self, value: str, login: str) -> Token:
        with self.lock:
            self.account(login, kind="User")
            token = Token(
                value=value, login=login, installation_id=None, expires_at=None
            )
            self.tokens[value] = token
            return token

    def authenticate(self, value: str) -> Token:
        with self.lock:
            token = self.tokens.get(value)
        if token is None or (
            token.expires_at is not None and token.expires_at <= self.now()
        ):
            raise ApiError(401, "Bad credentials")
        return token

    # Repositories

    def bare_path(self, full_name: str) -> Path:
        owner, name = full_name.split("/")
        return self.root / owner / f"{name}.git"

    def create_repo(
        self,
        full_name: str,
        *,
        files: Mapping[str, str | bytes] | None = None,
        fork: bool = False,
        archived: bool = False,
        private: bool = False,
        empty: bool = False,
        default_branch: str = "main",
        description: str | None = None,
        executable: frozenset[str] = frozenset(),
    ) -> Repo:
        owner, name = full_name.split("/")
        path = self.bare_path(full_name)
        bare.init_bare(path, default_branch=default_branch)
        if archived:
            bare.reject_pushes(path, "This repository was archived so it is read-only.")
        if not empty:
            content = files if files is not None else {"README.md": f"# {name}\n"}
            bare.commit_files(
                path,
                default_branch,
                content,
                message="Initial commit",
                executable=executable,
            )
        with self.lock:
            self.account(owner)
            repo = Repo(
                owner=owner,
                name=name,
                id=self.next_id(),
                private=private,
                fork=fork,
                archived=archived,
                empty=empty,
                default_branch=default_branch,
                description=description,
                created_at=self.now(),
            )
            self.repos[full_name.lower()] = repo
            self.labels[repo.full_name] = {}
            self.pulls[repo.full_name] = {}
            self.issue_numbers[repo.full_name] = 0
            return repo

    def repo(self, owner: str, name: str) -> Repo:
        with self.lock:
            repo = self.repos.get(f"{owner}/{name}".lower())
        if repo is None:
            raise ApiError(404, "Not Found")
        return repo

    def repos_of(self, owner: str) -> list[Repo]:
        with self.lock:
            found = [
                repo
                for repo in self.repos.values()
                if repo.owner.lower() == owner.lower()
            ]
        return sorted(found, key=lambda repo: repo.id)

    def is_empty(self, repo: Repo) -> bool:
        return (
            bare.branch_sha(self.bare_path(repo.full_name), repo.default_branch) is None
        )

    # Labels

    def create_label(
        self, repo: Repo, name: str, color: str, description: str | None
    ) -> Label:
        with self.lock:
            labels = self.labels[repo.full_name]
            if name.lower() in labels:
                raise ApiError(
                    422,
                    "Validation Failed",
                    ({"resource": "Label", "code": "already_exists", "field": "name"},),
                )
            label = Label(
                id=self.next_id(), name=name, color=color, description=description
            )
            labels[name.lower()] = label
            return label

    def label(self, repo: Repo, name: str) -> Label:
        with self.lock:
            label = self.labels[repo.full_name].get(name.lower())
        if label is None:
            raise ApiError(404, "Not Found")
        return label

    def ensure_label(self, repo: Repo, name: str) -> Label:
        """Adding an unknown label to an issue creates it, as GitHub does."""
        with self.lock:
            existing = self.labels[repo.full_name].get(name.lower())
            if existing is not None:
                return existing
            return self.create_label(repo, name, "ededed", None)

    # Pull requests

    def create_pull(
        self, repo: Repo, *, fields: Mapping[str, object], user: str
    ) -> Pull:
        head_owner, head_ref = _split_head(str(fields.get("head", "")), repo.owner)
        base_ref = str(fields.get("base", ""))
        title = fields.get("title")
        if not isinstance(title, str) or not title:
            raise ApiError(422, "Validation Failed", _missing("PullRequest", "title"))
        self._check_branches(repo, head_ref, base_ref)
        with self.lock:
            if self.find_open_pull(repo, head_owner, head_ref, base_ref) is not None:
                message = f"A pull request already exists for {head_owner}:{head_ref}."
                raise ApiError(
                    422, "Validation Failed", _custom("PullRequest", message)
                )
            number = self._next_issue_number(repo)
            now = self.now()
            pull = Pull(
                repo=repo.full_name,
                number=number,
                id=self.next_id(),
                title=title,
                body=_optional_str(fields.get("body")),
                head_owner=head_owner,
                head_ref=head_ref,
                base_ref=base_ref,
                user=user,
                draft=bool(fields.get("draft", False)),
                state="open",
                merged=False,
                labels=(),
                maintainer_can_modify=bool(fields.get("maintainer_can_modify", True)),
                created_at=now,
                updated_at=now,
                closed_at=None,
                merged_at=None,
                merge_commit_sha=None,
            )
            self.pulls[repo.full_name][number] = pull
            return pull

    def find_open_pull(
        self, repo: Repo, head_owner: str, head_ref: str, base_ref: str
    ) -> Pull | None:
        with self.lock:
            for pull in self.pulls[repo.full_name].values():
                same_head = (pull.head_owner.lower(), pull.head_ref) == (
                    head_owner.lower(),
                    head_ref,
                )
                if pull.state == "open" and same_head and pull.base_ref == base_ref:
                    return pull
        return None

    def pull(self, repo: Repo, number: int) -> Pull:
        with self.lock:
            pull = self.pulls[repo.full_name].get(number)
        if pull is None:
            raise ApiError(404, "Not Found")
        return pull

    def update_pull(self, pull: Pull, **changes: object) -> Pull:
        with self.lock:
            updated = replace(pull, updated_at=self.now(), **changes)  # type: ignore[arg-type]
            self.pulls[pull.repo][pull.number] = updated
            return updated

    def head_sha(self, pull: Pull) -> str | None:
        # Pull requests from forks are not modelled: a head "other:branch" is looked
        # up in the base repository, so a cross-repository pull request is refused.
        return bare.branch_sha(self.bare_path(pull.repo), pull.head_ref)

    def base_sha(self, pull: Pull) -> str | None:
        return bare.branch_sha(self.bare_path(pull.repo), pull.base_ref)

    def _check_branches(self, repo: Repo, head_ref: str, base_ref: str) -> None:
        path = self.bare_path(repo.full_name)
        head = bare.branch_sha(path, head_ref)
        base = bare.branch_sha(path, base_ref)
        if head is None:
            raise ApiError(422, "Validation Failed", _invalid("PullRequest", "head"))
        if base is None:
            raise ApiError(422, "Validation Failed", _invalid("PullRequest", "base"))
        if bare.is_ancestor(path, head, base):
            message = f"No commits between {base_ref} and {head_ref}"
            raise ApiError(422, "Validation Failed", _custom("PullRequest", message))

    def _next_issue_number(self, repo: Repo) -> int:
        self.issue_numbers[repo.full_name] += 1
        return self.issue_numbers[repo.full_name]

    # Comments and reviews

    def add_comment(self, repo: Repo, number: int, body: str, user: str) -> Comment:
        self.pull(repo, number)
        with self.lock:
            now = self.now()
            comment = Comment(
                repo=repo.full_name,
                id=self.next_id(),
                issue_number=number,
                body=body,
                user=user,
                created_at=now,
                updated_at=now,
            )
            self.comments[comment.id] = comment
            return comment

    def comment(self, repo: Repo, comment_id: int) -> Comment:
        with self.lock:
            comment = self.comments.get(comment_id)
        if comment is None or comment.repo != repo.full_name:
            raise ApiError(404, "Not Found")
        return comment

    def edit_comment(self, comment: Comment, body: str) -> Comment:
        with self.lock:
            updated = replace(comment, body=body, updated_at=self.now())
            self.comments[comment.id] = updated
            return updated

    def add_review_comment(self, comment: ReviewComment) -> ReviewComment:
        with self.lock:
            self.review_comments[comment.id] = comment
            return comment

    def add_review(self, review: Review) -> Review:
        with self.lock:
            self.reviews[review.id] = review
            return review

    # Apps and installations

    def add_app(self, *, slug: str, owner: str, public_key_pem: bytes) -> App:
        with self.lock:
            app = App(
                id=self.next_id(),
                slug=slug,
                name=slug,
                owner=owner,
                public_key_pem=public_key_pem,
            )
            self.account(owner)
            self.account(f"{slug}[bot]", kind="Bot")
            self.apps[app.id] = app
            return app

    def install(
        self, app: App, account: str, repos: tuple[str, ...] | None = None
    ) -> Installation:
        with self.lock:
            installation = Installation(
                id=self.next_id(),
                app_id=app.id,
                account=account,
                repos=repos,
                created_at=self.now(),
            )
            self.installations[installation.id] = installation
            return installation

    def installation_token(self, installation: Installation) -> Token:
        app = self.apps[installation.app_id]
        with self.lock:
            token = Token(
                value=f"ghs_{secrets.token_hex(18)}",
                login=f"{app.slug}[bot]",
                installation_id=installation.id,
                expires_at=self.now() + self.token_lifetime,
            )
            self.tokens[token.value] = token
            return token

    def installed_repos(self, installation: Installation) -> list[Repo]:
        repos = self.repos_of(installation.account)
        if installation.repos is None:
            return repos
        wanted = {name.lower() for name in installation.repos}
        return [repo for repo in repos if repo.full_name.lower() in wanted]

    def spend(self, credential: str, cost: int = 1) -> tuple[int, int]:
        """`cost` calls on `credential`'s rate limit: (used, remaining)."""
        with self.lock:
            used = self.rate_used.get(credential, 0) + cost
            self.rate_used[credential] = used
        return used, max(0, RATE_LIMIT - used)

    def record(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)

    def record_error(self, error: str) -> None:
        with self.lock:
            self.errors.append(error)


def _split_head(head: str, default_owner: str) -> tuple[str, str]:
    owner, sep, ref = head.partition(":")
    return (owner, ref) if sep else (default_owner, head)


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _missing(resource: str, field: str) -> tuple[dict[str, str], ...]:
    return ({"resource": resource, "code": "missing_field", "field": field},)


def _invalid(resource: str, field: str) -> tuple[dict[str, str], ...]:
    return ({"resource": resource, "code": "invalid", "field": field},)


def _custom(resource: str, message: str) -> tuple[dict[str, str], ...]:
    return ({"resource": resource, "code": "custom", "message": message},)
