"""Pytest fixtures of the local forge; tests/conftest.py loads this as a plugin.

- `forge`: a fresh forge per test. At teardown every answer it sent is checked
  against GitHub's OpenAPI description; a mismatch fails the test.
- `github_openapi`: that description (fetched from npm into the cache once).
- `webhook_example`: `webhook_example("pull_request", "opened")` gives a real
  payload from `@octokit/webhooks-examples`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.forge import schema, specs
from tests.forge.fixtures import running_forge
from tests.forge.forge import Forge


def _unavailable(error: specs.SpecUnavailable) -> None:
    message = f"{error}; run `python -m tests.forge.specs` where npm works"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def github_openapi() -> dict[str, Any]:
    """GitHub's REST description, from the npm cache (fetched on first use)."""
    try:
        return specs.openapi()
    except specs.SpecUnavailable as error:
        _unavailable(error)
        raise


@pytest.fixture(scope="session")
def webhook_example() -> Callable[..., dict[str, Any]]:
    """`webhook_example(event, action=None)`: a real payload GitHub documents."""
    try:
        specs.webhook_examples("push")
    except specs.SpecUnavailable as error:
        _unavailable(error)
    return specs.webhook_example


@pytest.fixture
def forge(tmp_path: Path, github_openapi: dict[str, Any]) -> Iterator[Forge]:
    """A forge on 127.0.0.1; `forge.api_url` is PyGithub's `base_url`."""
    with running_forge(tmp_path / "forge") as running:
        yield running
    if running.errors:
        pytest.fail("the forge failed inside:\n" + "\n".join(running.errors[:20]))
    answers = [(r.method, r.template, r.status, r.body) for r in running.requests()]
    problems = schema.check_answers(github_openapi, answers)
    if problems:
        listed = "\n".join(problems[:20])
        pytest.fail(f"the forge answered outside GitHub's schema:\n{listed}")
