"""The forge's fixtures for its own tests; other areas load tests.forge.plugin."""

from tests.forge.plugin import forge

__all__ = ["forge"]
