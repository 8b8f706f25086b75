"""The forge as a process, as the README's campaign example runs it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from github import Auth, Github

from tests.forge.forge import DEFAULT_TOKEN

REPO = Path(__file__).resolve().parents[2]


def test_process_seeds_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    (seed / "api").mkdir(parents=True)
    (seed / "api" / "Dockerfile").write_text("FROM golang:1.19\n")
    (seed / "api" / "build.sh").write_text("#!/bin/sh\n")
    (seed / "api" / "build.sh").chmod(0o755)
    command = [sys.executable, "-m", "tests.forge", "--root", str(tmp_path / "root")]
    server = subprocess.Popen(
        [
            *command,
            "--port",
            "0",
            "--org",
            "acme",
            "--seed",
            str(seed),
            "--git-over-http",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        api_url = (server.stdout.readline() if server.stdout else "").strip()
        github = Github(base_url=api_url, auth=Auth.Token(DEFAULT_TOKEN), retry=None)
        repos = list(github.get_organization("acme").get_repos())
        created = _post(api_url, "/_forge/repos", {"full_name": "acme/web"})
        listed = _get(api_url, "/_forge/requests")
        mode = subprocess.run(
            [
                "git",
                "--git-dir",
                str(tmp_path / "root/acme/api.git"),
                "ls-tree",
                "HEAD",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=10)

    assert api_url.startswith("http://127.0.0.1:") and api_url.endswith("/api/v3")
    assert [repo.full_name for repo in repos] == ["acme/api"]
    assert repos[0].clone_url == api_url.removesuffix("/api/v3") + "/acme/api.git"
    assert created["clone_url"] == (tmp_path / "root/acme/web.git").as_uri()
    assert [entry["path"] for entry in listed] == ["/orgs/acme", "/orgs/acme/repos"]
    assert "100755 blob" in mode and "build.sh" in mode
    assert code == 0


def test_process_refuses_a_missing_seed(tmp_path: Path) -> None:
    answer = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.forge",
            "--root",
            str(tmp_path),
            "--seed",
            "nope",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert answer.returncode == 2
    assert answer.stderr.strip() == "the seed folder nope does not exist"


def test_webhook_examples_are_real_payloads(
    webhook_example: Callable[..., dict[str, Any]],
) -> None:
    opened = webhook_example("pull_request", "opened")
    added = webhook_example("installation_repositories", "added")
    push = webhook_example("push")

    assert opened["pull_request"]["state"] == "open"
    assert added["repositories_added"]
    assert push["ref"].startswith("refs/")
    assert webhook_example("installation", "created")["installation"]["id"] > 0


def _post(api_url: str, path: str, body: dict[str, Any]) -> Any:
    data = json.dumps(body).encode()
    request = urllib.request.Request(_control(api_url, path), data=data)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def _get(api_url: str, path: str) -> Any:
    with urllib.request.urlopen(_control(api_url, path), timeout=10) as answer:
        return json.load(answer)


def _control(api_url: str, path: str) -> str:
    return api_url.removesuffix("/api/v3") + path
