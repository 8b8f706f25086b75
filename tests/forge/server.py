"""The forge's HTTP side: authentication, faults, rate-limit headers, pagination."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.forge import (
    control,
    githttp,
    routes_apps,
    routes_pulls,
    routes_repos,
    routing,
)
from tests.forge.faults import Fault, Faults
from tests.forge.payloads import Urls
from tests.forge.records import ApiError, App, Request, Token
from tests.forge.store import RATE_LIMIT, Store

API_PREFIX = "/api/v3"
DOCS = "https://docs.github.com/rest"
_ROUTE_MODULES = (
    routes_apps,
    routes_pulls,
    routes_repos,
)  # imported to register routes


class ForgeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, store: Store, faults: Faults, *, host: str, port: int) -> None:
        super().__init__((host, port), _Handler)
        self.store = store
        self.faults = faults
        address = f"http://{host}:{self.server_address[1]}"
        self.urls = Urls(api=f"{address}{API_PREFIX}", web=address)


class _Handler(BaseHTTPRequestHandler):
    server: ForgeServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        return  # tests read the request log instead of stderr

    def _handle(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        path = url.path.removeprefix(API_PREFIX) or "/"
        query = dict(urllib.parse.parse_qsl(url.query))
        raw = self._read_body()

        if path.startswith(control.PREFIX):
            self._control(path, raw)
            return

        fault = self.server.faults.take(self.command, path)
        if fault is None and not githttp.is_git_path(url.path):
            fault = self.server.faults.over_write_limit(self.command, time.monotonic())
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.status is not None:
            self._send_fault(fault, path)
            return

        if githttp.is_git_path(url.path):
            self._git(url, raw)
            return
        self._api(path, query, raw, fault)

    def _api(
        self, path: str, query: dict[str, str], raw: bytes, fault: Fault | None
    ) -> None:
        found = routing.match(self.command, path)
        token: Token | None = None
        template = found[0].template if found else None
        try:
            if found is None:
                status = 405 if routing.path_exists(path) else 404
                raise ApiError(status, "Not Found")
            route, params = found
            token, app = self._authenticate(route.app_jwt)
            call = routing.Call(
                method=self.command,
                store=self.server.store,
                urls=self.server.urls,
                token=token,
                app=app,
                params={k: urllib.parse.unquote(v) for k, v in params.items()},
                query=query,
                body=_parse(raw),
            )
            reply = route.handler(call)
        except ApiError as error:
            reply = _error_reply(error)
        except Exception as error:  # a forge bug: answer 500 and keep it for the test
            self.server.store.record_error(f"{self.command} {path}: {error!r}")
            reply = _error_reply(ApiError(500, f"forge error: {error!r}"))
        self._send(
            reply, path=path, query=query, token=token, template=template, fault=fault
        )

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        chunks = []
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            chunks.append(self.rfile.read(size))
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            continue  # trailers
        return b"".join(chunks)

    def _git(self, url: urllib.parse.SplitResult, raw: bytes) -> None:
        answer = githttp.serve(
            self.server.store,
            method=self.command,
            path=url.path,
            query=url.query,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=raw,
        )
        self._record(answer.status, url.path, None, None, None)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def _control(self, path: str, raw: bytes) -> None:
        try:
            status, body = control.handle(
                self.server.store, self.server.faults, self.command, path, _parse(raw)
            )
        except (ApiError, RuntimeError, ValueError, TypeError) as error:
            status, body = getattr(error, "status", 422), {"message": str(error)}
        self._write(status, body, {})

    def _authenticate(self, app_jwt: bool) -> tuple[Token | None, App | None]:
        scheme, _, value = (self.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() not in ("token", "bearer") or not value:
            raise ApiError(401, "Requires authentication")
        if app_jwt:
            return None, routes_apps.verify_jwt(self.server.store, value.strip())
        return self.server.store.authenticate(value.strip()), None

    def _send(
        self,
        reply: routing.Reply,
        *,
        path: str,
        query: dict[str, str],
        token: Token | None,
        template: str | None,
        fault: Fault | None,
    ) -> None:
        body: object = reply.body
        headers = dict(reply.headers)
        if reply.paginate:
            body, link = _paginate_reply(reply, self.server.urls.api + path, query)
            if link:
                headers["Link"] = link
        credential = token.value if token else self.client_address[0]
        cost = 0 if template == "/rate_limit" else 1
        used, remaining = self.server.store.spend(credential, cost)
        reset = self.server.store.rate_reset
        if fault is not None and fault.reset_in is not None:
            remaining, reset = 0, int(time.time()) + fault.reset_in
        headers.update(_rate_headers(used, remaining, reset))
        # Recorded before answering, so a client never sees its answer unlogged.
        self._record(reply.status, path, token, template, body)
        self._write(reply.status, body, headers)

    def _send_fault(self, fault: Fault, path: str) -> None:
        status = fault.status or 500
        headers: dict[str, str] = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = str(fault.retry_after)
        reset = int(time.time()) + (fault.reset_in or 0)
        remaining = 0 if fault.reset_in is not None else RATE_LIMIT - 1
        headers.update(_rate_headers(RATE_LIMIT - remaining, remaining, reset))
        body = {
            "message": fault.message,
            "documentation_url": fault.documentation_url or DOCS,
        }
        self._record(status, path, None, None, body)
        self._write(status, body, headers)

    def _write(self, status: int, body: object, headers: dict[str, str]) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-GitHub-Media-Type", "github.v3; format=json")
        self.send_header("X-GitHub-Request-Id", f"{threading.get_ident():X}")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _record(
        self,
        status: int,
        path: str,
        token: Token | None,
        template: str | None,
        body: object,
    ) -> None:
        request = Request(
            method=self.command,
            path=path,
            status=status,
            token=token.value if token else None,
            template=template,
            body=body,
        )
        self.server.store.record(request)


def _parse(raw: bytes) -> object:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise ApiError(400, "Problems parsing JSON") from None


def _error_reply(error: ApiError) -> routing.Reply:
    body: dict[str, object] = {"message": error.message, "documentation_url": DOCS}
    if error.errors:
        body["errors"] = list(error.errors)
    body["status"] = str(error.status)
    return routing.Reply(status=error.status, body=body)


def _paginate_reply(
    reply: routing.Reply, base: str, query: dict[str, str]
) -> tuple[object, str]:
    if isinstance(reply.body, dict) and reply.list_key:
        items, link = _paginate(reply.body[reply.list_key], base, query)
        return {**reply.body, reply.list_key: items}, link
    if isinstance(reply.body, list):
        return _paginate(reply.body, base, query)
    return reply.body, ""


def _paginate(
    items: list[Any], base: str, query: dict[str, str]
) -> tuple[list[Any], str]:
    per_page = min(100, max(1, int(query.get("per_page") or 30)))
    page = max(1, int(query.get("page") or 1))
    last = max(1, -(-len(items) // per_page))
    links = []
    targets = {"prev": page - 1, "next": page + 1, "last": last, "first": 1}
    for rel, number in targets.items():
        if (rel in ("prev", "first") and page > 1) or (
            rel in ("next", "last") and page < last
        ):
            target = urllib.parse.urlencode({**query, "page": number})
            links.append(f'<{base}?{target}>; rel="{rel}"')
    start = (page - 1) * per_page
    return items[start : start + per_page], ", ".join(links)


def _rate_headers(used: int, remaining: int, reset: int) -> dict[str, str]:
    return {
        "x-ratelimit-limit": str(RATE_LIMIT),
        "x-ratelimit-remaining": str(remaining),
        "x-ratelimit-used": str(used),
        "x-ratelimit-reset": str(reset),
        "x-ratelimit-resource": "core",
    }
