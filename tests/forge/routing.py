"""The call and reply values route handlers exchange, and the route table."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.forge.bare import size_kib
from tests.forge.payloads import Json, Urls
from tests.forge.records import Account, ApiError, App, Pull, Repo, Token
from tests.forge.store import Store


@dataclass(frozen=True, kw_only=True)
class Call:
    method: str
    store: Store
    urls: Urls
    token: Token | None
    app: App | None
    params: dict[str, str]
    query: dict[str, str]
    body: Any

    @property
    def login(self) -> str:
        if self.token is None:
            raise ApiError(401, "Requires authentication")
        return self.token.login

    def repo(self) -> Repo:
        repo = self.store.repo(self.params["owner"], self.params["repo"])
        if repo.archived and self.method != "GET":
            raise ApiError(403, "Repository was archived so is read-only.")
        installation_id = self.token.installation_id if self.token else None
        if installation_id is not None:
            installation = self.store.installations[installation_id]
            if repo not in self.store.installed_repos(installation):
                raise ApiError(404, "Not Found")
        return repo

    def number(self, name: str) -> int:
        value = self.params[name]
        if not value.isdigit():
            raise ApiError(404, "Not Found")
        return int(value)

    def field(self, name: str) -> object:
        return self.body.get(name) if isinstance(self.body, dict) else None

    def account(self, login: str) -> Account:
        return self.store.account(login)

    def repository_json(self, repo: Repo) -> Json:
        path = self.store.bare_path(repo.full_name)
        size = 0 if self.store.is_empty(repo) else size_kib(path)
        owner = self.store.account(repo.owner)
        web = f"{self.urls.web}/{repo.full_name}.git"
        clone_url = web if self.store.git_over_http else path.as_uri()
        return self.urls.repository(repo, owner, clone_url=clone_url, size=size)

    def pull_json(self, pull: Pull, *, full: bool = True) -> Json:
        repo = self.store.repo(*pull.repo.split("/"))
        repo_json = self.repository_json(repo)
        owner = self.store.account(repo.owner)
        labels = [
            self.urls.label(repo, self.store.label(repo, name)) for name in pull.labels
        ]
        head = self.urls.branch_ref(
            label=f"{pull.head_owner}:{pull.head_ref}",
            ref=pull.head_ref,
            sha=self.store.head_sha(pull) or "0" * 40,
            user=self.store.account(pull.head_owner),
            repo=repo_json,
        )
        base = self.urls.branch_ref(
            label=f"{repo.owner}:{pull.base_ref}",
            ref=pull.base_ref,
            sha=self.store.base_sha(pull) or "0" * 40,
            user=owner,
            repo=repo_json,
        )
        user = self.store.account(pull.user)
        return self.urls.pull_request(
            pull, user=user, labels=labels, head=head, base=base, full=full
        )


@dataclass(frozen=True, kw_only=True)
class Reply:
    status: int
    body: Json | list[Json] | None
    paginate: bool = False
    list_key: str | None = None  # the paginated list inside an object answer
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Call], Reply]


@dataclass(frozen=True, kw_only=True)
class Route:
    method: str
    template: str  # the OpenAPI path, so responses can be checked against it
    pattern: re.Pattern[str]
    handler: Handler
    app_jwt: bool  # authenticated by the app's JWT rather than a token


ROUTES: list[Route] = []


def route(
    method: str, template: str, *, app_jwt: bool = False
) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ROUTES.append(
            Route(
                method=method,
                template=template,
                pattern=_compile(template),
                handler=handler,
                app_jwt=app_jwt,
            )
        )
        return handler

    return register


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    for candidate in ROUTES:
        found = candidate.pattern.fullmatch(path)
        if found and candidate.method == method:
            return candidate, found.groupdict()
    return None


def path_exists(path: str) -> bool:
    return any(candidate.pattern.fullmatch(path) for candidate in ROUTES)


def _compile(template: str) -> re.Pattern[str]:
    def group(found: re.Match[str]) -> str:
        name = found.group(1)
        body = ".+" if name in ("path", "branch") else "[^/]+"
        return f"(?P<{name}>{body})"

    return re.compile(re.sub(r"\{(\w+)\}", group, template))
