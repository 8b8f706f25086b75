"""GitHub's published descriptions, fetched from npm into a cache outside the repo.

`@octokit/openapi` carries the REST description (13 MB, never committed) and
`@octokit/webhooks-examples` real webhook payloads. `python -m tests.forge.specs`
fetches both; the test fixtures fetch on first use when npm is on PATH.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

OPENAPI_PACKAGE = "@octokit/openapi@23.0.2"
OPENAPI_MEMBER = "package/generated/api.github.com.json"
WEBHOOKS_PACKAGE = "@octokit/webhooks-examples@7.6.1"
WEBHOOKS_MEMBER = "package/api.github.com/index.json"


class SpecUnavailable(Exception):
    """The description is not cached and cannot be fetched here."""


def cache_dir() -> Path:
    configured = os.environ.get("DOCKERFILE_REFACTOR_SPEC_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dockerfile-refactor" / "openapi"


def fetch(package: str, member: str) -> Path:
    """The cached file `member` of the npm `package`, packed and unpacked once."""
    target = cache_dir() / package.lstrip("@").replace("/", "-") / Path(member).name
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SpecUnavailable(f"npm is not on PATH, so {package} cannot be fetched")
    with tempfile.TemporaryDirectory() as scratch:
        packed = subprocess.run(
            [npm, "pack", "--silent", "--pack-destination", scratch, package],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if packed.returncode != 0:
            raise SpecUnavailable(f"npm pack {package} failed: {packed.stderr.strip()}")
        archive = Path(scratch) / packed.stdout.strip().splitlines()[-1]
        _extract(archive, member, target)
    return target


def _extract(archive: Path, member: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    with tarfile.open(archive) as packed:
        source = packed.extractfile(member)
        if source is None:
            raise SpecUnavailable(f"{archive.name} has no {member}")
        with partial.open("wb") as sink:
            shutil.copyfileobj(source, sink)
    partial.replace(target)  # atomic, so a killed fetch leaves no half file behind


@functools.cache
def openapi() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        fetch(OPENAPI_PACKAGE, OPENAPI_MEMBER).read_text()
    )
    return loaded


@functools.cache
def _webhook_examples() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(
        fetch(WEBHOOKS_PACKAGE, WEBHOOKS_MEMBER).read_text()
    )
    return loaded


def webhook_examples(event: str) -> list[dict[str, Any]]:
    """GitHub's example payloads for `event` (push, pull_request, installation...)."""
    for entry in _webhook_examples():
        if entry["name"] == event:
            return list(entry["examples"])
    raise KeyError(f"no webhook examples for the event {event!r}")


def webhook_example(event: str, action: str | None = None) -> dict[str, Any]:
    """The first example of `event`, with `action` when given (opened, created...)."""
    for example in webhook_examples(event):
        if action is None or example.get("action") == action:
            return example
    raise KeyError(f"no {event} example with the action {action!r}")


def main() -> int:
    try:
        for package, member in (
            (OPENAPI_PACKAGE, OPENAPI_MEMBER),
            (WEBHOOKS_PACKAGE, WEBHOOKS_MEMBER),
        ):
            print(fetch(package, member))
    except SpecUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
