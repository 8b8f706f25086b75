"""Start a forge for a test: `with running_forge(tmp_path) as forge: ...`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.forge.forge import Forge


@contextmanager
def running_forge(root: Path, *, port: int = 0) -> Iterator[Forge]:
    """A forge on 127.0.0.1 (a free port unless given) with its repos under `root`."""
    forge = Forge(root, port=port)
    with forge:
        yield forge
