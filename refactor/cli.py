"""The `dockerfile-refactor` command: a thin click group over testable functions.

Subcommands are imported only when invoked, so starting the tool for one job
does not pay for the imports of the others.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from refactor import __version__

EXIT_CODES = """\b
Exit codes:
  0  nothing to change, skipped, or verified
  1  changes made, would be made (--check), or a check failed
  2  an input could not be read, or the job could not run
"""

# name -> "module:attribute"; a capability appears here only once it works.
COMMANDS: dict[str, str] = {
    "bot": "refactor.commands.bot:bot",
    "inspect": "refactor.commands.inspect:inspect",
    "migrate": "refactor.commands.migrate:migrate",
    "rewrite": "refactor.commands.rewrite:rewrite",
    "verify": "refactor.commands.verify:verify",
    "worker": "refactor.commands.worker:worker",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(module_name)
        command: click.Command = getattr(module, attribute)
        return command


@click.group(cls=LazyGroup, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="dockerfile-refactor")
def cli() -> None:
    """Split mono-stage Dockerfiles into a builder and a slim final stage."""


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv, prog_name="dockerfile-refactor")
