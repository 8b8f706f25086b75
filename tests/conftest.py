"""Fixtures shared by every test area.

`../shared` sits beside the checkout on the project's own machines and in CI,
not in a user's clone, so tests that read it skip cleanly where it is absent.
Engine tests never skip in CI: there a missing engine is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytest_plugins = ["tests.forge.plugin"]

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "dockerfiles"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not beside this checkout ({CORPUS})")
    return CORPUS


def _buildkit_cli() -> str | None:
    """A docker CLI that builds with BuildKit: buildx, or one with it built in."""
    configured = os.environ.get("DOCKERFILE_REFACTOR_DOCKER")
    candidates = [configured] if configured else ["/usr/bin/docker", "docker"]
    for candidate in candidates:
        path = shutil.which(candidate) if candidate else None
        if path is None:
            continue
        answer = subprocess.run(
            [path, "info", "--format", "{{.ServerVersion}}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if answer.returncode == 0:
            return path
    return None


@pytest.fixture(scope="session")
def docker_cli() -> str:
    cli = _buildkit_cli()
    if cli is None:
        message = "no Docker engine answers; run tests/engine/up first"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return cli
