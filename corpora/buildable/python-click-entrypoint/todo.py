import click
from rich.console import Console
from rich.table import Table

TASKS = {"write docs": "done", "cut release": "open", "update changelog": "open"}


@click.group()
def cli() -> None:
    """A tiny task tracker."""


@cli.command("list")
@click.option("--status", type=click.Choice(["all", "open", "done"]), default="all")
def list_tasks(status: str) -> None:
    table = Table("task", "status")
    for name, state in TASKS.items():
        if status in ("all", state):
            table.add_row(name, state)
    Console(width=60).print(table)


@cli.command()
def version() -> None:
    click.echo("todo 1.0.0")


if __name__ == "__main__":
    cli()
