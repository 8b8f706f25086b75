"""`dockerfile-refactor verify`: rewrite a Dockerfile, build both images, compare.

`main` does the work and returns the exit code; the click command only parses
options. The file is written (with --write) only when every check passed.
"""

from __future__ import annotations

import shlex
import signal
import sys
from pathlib import Path

import click
from rich.console import Console

from refactor.commands.options import load_base_map
from refactor.pipeline import FileResult, prove
from refactor.plan.outcome import RewriteSettings
from refactor.verify import Smoke, VerifySettings, report
from refactor.verify.engine import Unavailable, find_engine

EXIT = {
    "verified": 0,
    "skipped": 0,
    "failed": 1,
    "original-does-not-build": 2,
    "could-not-run": 2,
}
HELP_EPILOG = """\b
Exit codes:
  0  verified, or skipped (nothing to rewrite; the reason is printed)
  1  a check failed (the evidence is printed)
  2  could not run: no engine, unreadable input, or the original
     does not build (not a failure of the rewrite)
"""


def write_if_proven(result: FileResult) -> bool:
    """Write the rewrite over the original only when it was verified."""
    if result.verification.status != "verified" or result.rewritten is None:
        return False
    result.path.write_text(result.rewritten, encoding="utf-8")
    return True


def render(result: FileResult, output: str) -> None:
    verification = result.verification
    if output == "json":
        click.echo(report.to_json(verification))
    elif output == "markdown":
        click.echo(report.to_markdown(verification), nl=False)
    else:
        Console(soft_wrap=False).print(report.to_rich(verification))


def main(
    path: Path,
    *,
    context: Path | None,
    write: bool,
    output: str,
    rewrite_settings: RewriteSettings,
    verify_settings: VerifySettings,
) -> int:
    # Ask for the engine first: without one nothing can be proven, whatever
    # the rewriter would say.
    engine = find_engine()
    if isinstance(engine, Unavailable):
        click.echo(f"error: {engine.reason}", err=True)
        return 2

    result = prove(
        path,
        context=context or path.parent,
        rewrite_settings=rewrite_settings,
        verify_settings=verify_settings,
    )
    if result.verification.status == "could-not-run":
        click.echo(f"error: {result.verification.reason}", err=True)
        return 2

    render(result, output)
    if write and write_if_proven(result):
        click.echo(f"wrote {path}", err=True)
    elif write:
        click.echo(f"{path} left untouched: not verified", err=True)
    return EXIT[result.verification.status]


def _smoke(argv: str | None, expect: str | None, port: int | None, path: str) -> Smoke:
    try:
        words = tuple(shlex.split(argv)) if argv else None
    except ValueError as error:
        raise click.BadParameter(f"cannot split it into words: {error}") from None
    return Smoke(argv=words, expect=expect, port=port, path=path)


def _base_map(path: Path | None) -> dict[str, str]:
    loaded = load_base_map(path)
    if isinstance(loaded, str):
        raise click.BadParameter(loaded, param_hint="--base-map")
    return loaded


@click.command(epilog=HELP_EPILOG)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--context",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Build context (default: the Dockerfile's folder).",
)
@click.option("--write", is_flag=True, help="Write the rewrite when it is verified.")
@click.option("--smoke", "smoke_argv", help="Command to run in both images.")
@click.option("--expect", help="Text the smoke output must contain.")
@click.option("--smoke-port", type=click.IntRange(1, 65535), help="Probe this port.")
@click.option("--smoke-path", default="/", show_default=True, help="Path to probe.")
@click.option("--build-network", help="Network for builds (host without a bridge).")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option(
    "--base-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML or JSON mapping of build image to final image.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=1800,
    show_default=True,
    help="Time limit per build, in seconds.",
)
def verify(
    path: Path,
    context: Path | None,
    write: bool,
    smoke_argv: str | None,
    expect: str | None,
    smoke_port: int | None,
    smoke_path: str,
    build_network: str | None,
    output: str,
    base_map: Path | None,
    timeout: float,
) -> None:
    """Rewrite PATH, build the original and the rewrite, and prove they match."""
    # A TERM (CI cancelling the job) unwinds like Ctrl-C, so the images and
    # containers made so far are still removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    settings = VerifySettings(
        smoke=_smoke(smoke_argv, expect, smoke_port, smoke_path),
        build_network=build_network,
        build_timeout=timeout,
    )
    code = main(
        path,
        context=context,
        write=write,
        output=output,
        rewrite_settings=RewriteSettings(base_map=_base_map(base_map)),
        verify_settings=settings,
    )
    sys.exit(code)
