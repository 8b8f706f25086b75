from collections import Counter
from importlib import resources

import click


@click.command()
@click.option("--top", default=3, show_default=True, help="How many words to show.")
@click.argument("path", required=False)
def cli(top: int, path: str | None) -> None:
    """Count words in PATH, or in the bundled sample."""
    if path:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    else:
        text = resources.files("wordstat").joinpath("sample.txt").read_text()
    for word, count in Counter(text.split()).most_common(top):
        click.echo(f"{word}\t{count}")
