"""Git over smart HTTP, the way GitHub serves it: `git http-backend` behind Basic auth.

Clients authenticate as GitHub accepts it: any user name and a token as the
password (`x-access-token:<token>`), or an `Authorization: token|Bearer` header.
"""

from __future__ import annotations

import base64
import re
import subprocess
from dataclasses import dataclass

from tests.forge.records import ApiError
from tests.forge.store import Store

GIT_PATH = re.compile(
    r"^/(?P<owner>[^/]+)/(?P<repo>[^/]+?)\.git(?P<rest>/(info/refs|git-upload-pack|git-receive-pack))$"
)


@dataclass(frozen=True, kw_only=True)
class GitAnswer:
    status: int
    headers: dict[str, str]
    body: bytes


def is_git_path(path: str) -> bool:
    return GIT_PATH.match(path) is not None


def serve(
    store: Store,
    *,
    method: str,
    path: str,
    query: str,
    headers: dict[str, str],
    body: bytes,
) -> GitAnswer:
    found = GIT_PATH.match(path)
    if found is None:
        return _plain(404, "Repository not found.")
    try:
        login = _login(store, headers.get("authorization", ""))
        repo = store.repo(found["owner"], found["repo"])
    except ApiError as error:
        if error.status == 401:
            return GitAnswer(
                status=401,
                headers={"WWW-Authenticate": 'Basic realm="GitHub"'},
                body=b"Invalid username or token.\n",
            )
        return _plain(404, "Repository not found.")

    environment = {
        "GIT_PROJECT_ROOT": str(store.root),
        "GIT_HTTP_EXPORT_ALL": "1",
        "PATH_INFO": f"/{repo.owner}/{repo.name}.git{found['rest']}",
        "REQUEST_METHOD": method,
        "QUERY_STRING": query,
        "CONTENT_TYPE": headers.get("content-type", ""),
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_CONTENT_ENCODING": headers.get("content-encoding", ""),
        "HTTP_GIT_PROTOCOL": headers.get("git-protocol", ""),
        "REMOTE_USER": login,
        "REMOTE_ADDR": "127.0.0.1",
        "PATH": "/usr/bin:/bin",
    }
    ran = subprocess.run(
        ["git", "http-backend"],
        input=body,
        env=environment,
        capture_output=True,
        timeout=300,
    )
    return _parse_cgi(ran.stdout)


def _login(store: Store, authorization: str) -> str:
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "basic":
        try:
            _, _, value = base64.b64decode(value).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(401, "Bad credentials") from None
    elif scheme.lower() not in ("token", "bearer"):
        raise ApiError(401, "Requires authentication")
    return store.authenticate(value.strip()).login


def _parse_cgi(output: bytes) -> GitAnswer:
    head, _, body = output.partition(b"\r\n\r\n")
    status = 200
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.split()[0])
        elif name:
            headers[name] = value.strip()
    return GitAnswer(status=status, headers=headers, body=body)


def _plain(status: int, message: str) -> GitAnswer:
    return GitAnswer(
        status=status,
        headers={"Content-Type": "text/plain"},
        body=f"{message}\n".encode(),
    )
