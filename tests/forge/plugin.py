"""Pytest fixtures of the local forge; tests/conftest.py loads this as a plugin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.forge.fixtures import running_forge
from tests.forge.forge import Forge


@pytest.fixture
def forge(tmp_path: Path) -> Iterator[Forge]:
    """A fresh forge per test; `forge.api_url` is PyGithub's `base_url`."""
    with running_forge(tmp_path / "forge") as running:
        yield running
