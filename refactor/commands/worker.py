"""`dockerfile-refactor worker`: work the campaign queue, or run one emitted job."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from refactor.deliver.outcome import to_json

EXIT_CODES = """\b
Exit codes:
  0  the worker stopped cleanly, or the job's repository was handled
  1  the job's repository failed or was held back by the PR budget
  2  bad options, an unreadable job line, or the queue could not be reached
"""


@click.command(epilog=EXIT_CODES)
@click.option("--queue", "queue_url", help="Work this Redis queue (redis://...).")
@click.option("--name", help="The worker's name on the queue (default: random).")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@click.option("--job", "job_line", help="Run one JSON line from migrate --emit-jobs.")
@click.option(
    "--job-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file written by migrate --emit-jobs; run the line at --index.",
)
@click.option(
    "--index",
    type=click.IntRange(min=0),
    envvar="JOB_COMPLETION_INDEX",
    show_envvar=True,
    help="Zero-based line of --job-file (Kubernetes Indexed Jobs set it).",
)
@click.option("--json", "as_json", is_flag=True, help="The job's outcome as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Echo every git command.")
def worker(**options: Any) -> None:
    """Run repositories' jobs from a queue, or one job from --emit-jobs output."""
    sys.exit(main(**options))


def main(
    *,
    queue_url: str | None,
    name: str | None,
    burst: bool,
    job_line: str | None,
    job_file: Path | None,
    index: int | None,
    as_json: bool,
    verbose: bool,
) -> int:
    from refactor.scale.queue import BadQueue, run_worker
    from refactor.scale.spec import BadSpec

    chosen = [x for x in (queue_url, job_line, job_file) if x is not None]
    if len(chosen) != 1:
        click.echo("error: give one of --queue, --job or --job-file", err=True)
        return 2
    try:
        if queue_url is not None:
            run_worker(queue_url, name=name, burst=burst)
            return 0
        line = job_line if job_line is not None else _line(job_file, index)
        return _one(line, as_json=as_json, verbose=verbose)
    except (BadQueue, BadSpec, _BadInput) as error:
        click.echo(f"error: {error}", err=True)
        return 2


class _BadInput(ValueError):
    pass


def _line(path: Path | None, index: int | None) -> str:
    if path is None or index is None:
        raise _BadInput("--job-file needs --index (or JOB_COMPLETION_INDEX)")
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    if index >= len(lines):
        raise _BadInput(f"{path} has {len(lines)} jobs; there is no index {index}")
    return lines[index]


def _one(line: str, *, as_json: bool, verbose: bool) -> int:
    from refactor.scale import jobs
    from refactor.scale.spec import from_line

    def echo(text: str) -> None:
        if verbose:
            click.echo(text, err=True)

    outcome = jobs.run(from_line(line), echo=echo)
    if as_json:
        click.echo(json.dumps(to_json(outcome), indent=2))
    else:
        click.echo(
            f"{outcome.name}\t{outcome.status}\t{outcome.pr_url or outcome.reason}"
        )
    return 1 if outcome.status in ("failed", "deferred") else 0
