"""The local forge for the delivery tests, and a Forge client pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from refactor.deliver.forge import Forge, ForgeSettings
from refactor.deliver.polite import IntervalPacer
from refactor.deliver.secret import Secret
from tests.forge.fixtures import running_forge
from tests.forge.forge import Forge as LocalForge


@pytest.fixture
def local_forge(tmp_path: Path) -> Iterator[LocalForge]:
    with running_forge(tmp_path / "forge") as running:
        yield running


@pytest.fixture
def client(local_forge: LocalForge) -> Forge:
    settings = ForgeSettings(
        base_url=local_forge.api_url, token=Secret(local_forge.token), backoff=0.05
    )
    return Forge(settings, pacer=IntervalPacer(0.0))
