"""`Forge`: a running local GitHub and the helpers tests drive it with."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.forge import bare
from tests.forge.faults import Fault, Faults
from tests.forge.payloads import Urls
from tests.forge.records import Installation, Pull, Repo, Request
from tests.forge.server import ForgeServer
from tests.forge.store import Store

DEFAULT_TOKEN = "forge-token"
DEFAULT_USER = "forge-bot"


@dataclass(frozen=True, kw_only=True)
class AppCredentials:
    app_id: int
    private_key_pem: str
    installation_id: int


class Forge:
    """A GitHub-compatible server on 127.0.0.1 over bare repositories under `root`."""

    def __init__(
        self, root: Path, *, port: int = 0, token: str = DEFAULT_TOKEN
    ) -> None:
        self.root = root
        self.store = Store(root)
        self.faults = Faults()
        self.token = token
        self.store.add_token(token, DEFAULT_USER)
        self._server = ForgeServer(self.store, self.faults, host="127.0.0.1", port=port)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    @property
    def api_url(self) -> str:
        """What PyGithub takes as `base_url`."""
        return self._server.urls.api

    @property
    def urls(self) -> Urls:
        return self._server.urls

    @property
    def web_url(self) -> str:
        return self._server.urls.web

    def start(self) -> Forge:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> Forge:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # Accounts and repositories

    def add_user(self, login: str, token: str) -> None:
        self.store.add_token(token, login)

    def create_repo(
        self,
        full_name: str,
        files: Mapping[str, str | bytes] | None = None,
        *,
        fork: bool = False,
        archived: bool = False,
        private: bool = False,
        empty: bool = False,
        default_branch: str = "main",
        description: str | None = None,
        executable: frozenset[str] = frozenset(),
    ) -> Repo:
        """A repository with `files` in a first commit on `default_branch`."""
        return self.store.create_repo(
            full_name,
            files=files,
            fork=fork,
            archived=archived,
            private=private,
            empty=empty,
            default_branch=default_branch,
            description=description,
            executable=executable,
        )

    def bare_path(self, full_name: str) -> Path:
        return self.store.bare_path(full_name)

    def clone_url(self, full_name: str) -> str:
        """The clone URL the API hands out: file://, or http once served so."""
        if self.store.git_over_http:
            return (
                f"{self.web_url}/{self.store.repo(*full_name.split('/')).full_name}.git"
            )
        return self.bare_path(full_name).as_uri()

    def serve_git_over_http(self) -> None:
        """Hand out http clone URLs that need the token, as GitHub's do."""
        self.store.git_over_http = True

    def branch_sha(self, full_name: str, branch: str) -> str | None:
        return bare.branch_sha(self.bare_path(full_name), branch)

    def read_file(self, full_name: str, ref: str, path: str) -> str | None:
        data = bare.read_file(self.bare_path(full_name), ref, path)
        return None if data is None else data.decode()

    def push_commit(
        self,
        full_name: str,
        branch: str,
        files: Mapping[str, str | bytes | None],
        *,
        message: str = "A change by a person",
        author: str = bare.PERSON,
    ) -> str:
        """Commit on `branch` as a person would, bypassing any push hook."""
        return bare.commit_files(
            self.bare_path(full_name), branch, files, message=message, author=author
        )

    def create_branch(self, full_name: str, branch: str, start: str = "HEAD") -> str:
        return bare.create_branch(self.bare_path(full_name), branch, start)

    def reject_pushes(
        self, full_name: str, message: str = "pushes are blocked"
    ) -> None:
        bare.reject_pushes(self.bare_path(full_name), message)

    def allow_pushes(self, full_name: str) -> None:
        bare.allow_pushes(self.bare_path(full_name))

    # Pull requests

    def pulls(self, full_name: str) -> list[Pull]:
        with self.store.lock:
            found = self.store.pulls[self.store.repo(*full_name.split("/")).full_name]
            return sorted(found.values(), key=lambda pull: pull.number)

    def pull(self, full_name: str, number: int) -> Pull:
        return self.store.pull(self.store.repo(*full_name.split("/")), number)

    def close_pull(self, full_name: str, number: int) -> Pull:
        pull = self.pull(full_name, number)
        return self.store.update_pull(pull, state="closed", closed_at=self.store.now())

    def merge_pull(self, full_name: str, number: int) -> Pull:
        pull = self.pull(full_name, number)
        sha = bare.merge_into(
            self.bare_path(pull.repo),
            base=pull.base_ref,
            head=pull.head_ref,
            message=f"Merge pull request #{number}",
        )
        now = self.store.now()
        return self.store.update_pull(
            pull,
            state="closed",
            merged=True,
            merged_at=now,
            closed_at=now,
            merge_commit_sha=sha,
        )

    def labels(self, full_name: str) -> list[str]:
        repo = self.store.repo(*full_name.split("/"))
        with self.store.lock:
            return [label.name for label in self.store.labels[repo.full_name].values()]

    def comments(self, full_name: str, number: int) -> list[str]:
        repo = self.store.repo(*full_name.split("/"))
        with self.store.lock:
            found = self.store.comments.values()
            return [
                c.body
                for c in found
                if (c.repo, c.issue_number) == (repo.full_name, number)
            ]

    # Apps

    def create_app(
        self, slug: str, *, owner: str, repos: tuple[str, ...] | None = None
    ) -> AppCredentials:
        """A GitHub App with an RSA key, installed on `owner` (all or `repos`)."""
        key = _app_key()
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        private = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        app = self.store.add_app(slug=slug, owner=owner, public_key_pem=public)
        installation: Installation = self.store.install(app, owner, repos)
        return AppCredentials(
            app_id=app.id,
            private_key_pem=private.decode(),
            installation_id=installation.id,
        )

    def advance_clock(self, seconds: float) -> None:
        """Move the forge clock on; installation tokens expire by this clock."""
        with self.store.lock:
            self.store.clock_offset += seconds

    def set_token_lifetime(self, seconds: float) -> None:
        with self.store.lock:
            self.store.token_lifetime = seconds

    # Faults and the request log

    def inject(self, fault: Fault) -> None:
        self.faults.add(fault)

    def limit_writes(self, per_minute: int | None, *, retry_after: int = 60) -> None:
        """GitHub's secondary limit on content-creating calls; None lifts it."""
        self.faults.limit_writes(per_minute, retry_after=retry_after)

    def requests(self, method: str | None = None, path: str = "") -> list[Request]:
        """Answered requests, oldest first, filtered by method and a path regex."""
        with self.store.lock:
            logged = list(self.store.requests)
        return [
            request
            for request in logged
            if (method is None or request.method == method)
            and re.search(path, request.path)
        ]

    def count(self, method: str | None = None, path: str = "") -> int:
        return len(self.requests(method, path))

    def count_writes(self) -> int:
        """Successful content-creating calls, the ones secondary limits count."""
        writes = ("POST", "PATCH", "PUT", "DELETE")
        return sum(1 for r in self.requests() if r.method in writes and r.status < 400)

    @property
    def errors(self) -> list[str]:
        """Exceptions raised inside the forge's handlers (answered as 500)."""
        with self.store.lock:
            return list(self.store.errors)


@functools.cache
def _app_key() -> rsa.RSAPrivateKey:
    """One RSA key for every app in a test run: generating one takes a good fraction
    of a second, and apps are told apart by their id, not their key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)
