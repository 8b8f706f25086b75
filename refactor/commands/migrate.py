"""`dockerfile-refactor migrate`: a campaign of pull requests across repositories.

The command reads options, builds the settings and hands over to
`refactor.deliver.fleet`; everything it prints goes through `_Reporter`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from refactor.commands.options import load_base_map
from refactor.deliver import fleet, page
from refactor.deliver.forge import PUBLIC_API, Forge, ForgeError, ForgeSettings
from refactor.deliver.names import UnsafeName, branch
from refactor.deliver.outcome import RepoOutcome, to_json
from refactor.deliver.polite import DEFAULT_WRITE_INTERVAL, IntervalPacer
from refactor.deliver.repository import DEFAULT_GLOBS, DEFAULT_PREFIX, DeliverySettings
from refactor.deliver.secret import from_environment
from refactor.deliver.state import State
from refactor.plan.outcome import RewriteSettings
from refactor.verify.model import VerifySettings

DEFAULT_STATE = "dockerfile-refactor-campaign.sqlite"
EXIT_CODES = """\b
Exit codes:
  0  every repository handled (or only the report written)
  1  a repository failed, or the hourly PR budget held some back
  2  bad options or input, or the repository list could not be read
"""


def _say(console: Console, text: str) -> None:
    """Plain text on stderr: no markup, no colouring, long lines not folded."""
    console.print(text, markup=False, highlight=False, soft_wrap=True)


class _Reporter:
    """Progress on stderr (a bar on a terminal, one line a repository otherwise)."""

    def __init__(self, *, verbose: bool, as_json: bool) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.verbose = verbose
        self.as_json = as_json
        self.progress = Progress(
            TextColumn("[bold]migrate"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self.task = self.progress.add_task("", total=None)

    def echo(self, line: str) -> None:
        if self.verbose:
            _say(self.console, line)

    def result(self, outcome: RepoOutcome) -> None:
        self.progress.advance(self.task)
        self.progress.update(self.task, description=outcome.name)
        if not self.console.is_terminal or self.verbose:
            detail = outcome.pr_url or outcome.reason
            _say(self.console, f"{outcome.name}: {outcome.status} {detail}")


@click.command(epilog=EXIT_CODES)
@click.option("--org", help="Every repository of this organisation.")
@click.option(
    "--repos",
    "repos_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file with one owner/name a line.",
)
@click.option("--github-url", default=PUBLIC_API, show_default=True, help="API root.")
@click.option(
    "--token-env",
    default="GITHUB_TOKEN",
    show_default=True,
    help="Environment variable holding the token.",
)
@click.option(
    "--dry-run",
    type=click.Choice(["rewrite", "build", "push"]),
    help="Stop after rewriting, after verifying, or after pushing.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Only the first N repositories."
)
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_STATE,
    show_default=True,
    help="Campaign state (SQLite).",
)
@click.option("--max-prs-per-hour", type=click.IntRange(min=1))
@click.option("--draft", is_flag=True, help="Open pull requests as drafts.")
@click.option(
    "--labels", default="", help="Comma-separated labels (created if missing)."
)
@click.option("--branch-prefix", default=DEFAULT_PREFIX, show_default=True)
@click.option(
    "--base-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML or JSON mapping of build image to final image.",
)
@click.option(
    "--build-network", help="Network for builds (host where there is no bridge)."
)
@click.option(
    "--glob",
    "globs",
    multiple=True,
    help="File pattern (repeatable). Default: " + ", ".join(DEFAULT_GLOBS),
)
@click.option(
    "--verify/--no-verify",
    "verify_builds",
    default=True,
    show_default=True,
    help="Build and compare each rewrite before delivering it.",
)
@click.option("--include-forks", is_flag=True)
@click.option("--include-archived", is_flag=True)
@click.option(
    "--write-interval",
    type=click.FloatRange(min=0),
    default=DEFAULT_WRITE_INTERVAL,
    show_default=True,
    help="Seconds between content-creating API calls.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the campaign page (HTML) from the state file.",
)
@click.option(
    "--queue",
    "queue_url",
    help="Run on this Redis queue (redis://HOST:PORT/DB) with `worker` processes.",
)
@click.option(
    "--emit-jobs",
    metavar="FILE",
    help="Write one JSON job per repository to FILE ('-': stdout) and stop.",
)
@click.option(
    "--campaign", help="The campaign's name on the queue (default: --state's name)."
)
@click.option("--json", "as_json", is_flag=True, help="Results as JSON on stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Echo every git command.")
def migrate(**options: Any) -> None:
    """Rewrite, verify and open one pull request per repository, resumably."""
    sys.exit(main(**options))


def main(**options: Any) -> int:
    try:
        return _run(**options)
    except (UnsafeName, fleet.BadRepositoryList, _BadOption) as error:
        click.echo(f"error: {error}", err=True)
        return 2


class _BadOption(ValueError):
    pass


def _run(
    *,
    org: str | None,
    repos_file: Path | None,
    state_path: Path,
    report_path: Path | None,
    as_json: bool,
    verbose: bool,
    jobs: int,
    limit: int | None,
    **options: Any,
) -> int:
    if org and repos_file:
        raise _BadOption("give --org or --repos, not both")
    if not (org or repos_file or report_path):
        raise _BadOption("give --org ORG or --repos FILE (or --report with --state)")
    queued = bool(options["queue_url"])
    if report_path and not (org or repos_file or queued) and not state_path.is_file():
        raise _BadOption(f"no campaign state at {state_path}")

    state = _queue_state(state_path, options) if queued else State(state_path)
    try:
        code = 0
        if org or repos_file:
            code = _campaign(
                org, repos_file, state, jobs, limit, as_json, verbose, options
            )
        if report_path:
            report_path.write_text(page.render(state.repositories()))
            click.echo(f"campaign page written to {report_path}", err=True)
        return code
    finally:
        state.close()


def _campaign(
    org: str | None,
    repos_file: Path | None,
    state: State,
    jobs: int,
    limit: int | None,
    as_json: bool,
    verbose: bool,
    options: dict[str, Any],
) -> int:
    reporter = _Reporter(verbose=verbose, as_json=as_json)
    delivery = _delivery_settings(options, echo=reporter.echo)
    if not delivery.token.value and delivery.dry_run != "rewrite":
        raise _BadOption(f"environment variable {options['token_env']} holds no token")
    forge = Forge(
        ForgeSettings(base_url=options["github_url"], token=delivery.token),
        pacer=IntervalPacer(options["write_interval"]),
    )
    try:
        names = (
            fleet.read_repository_list(repos_file)
            if repos_file
            else fleet.organization_names(forge, org or "")
        )
    except ForgeError as error:
        raise _BadOption(delivery.token.redact(str(error))) from None

    if options["queue_url"] or options["emit_jobs"]:
        return _scaled(names[:limit], delivery, state, reporter, as_json, options)
    settings = fleet.CampaignSettings(delivery=delivery, jobs=jobs, limit=limit)
    with reporter.progress:
        reporter.progress.update(reporter.task, total=len(names[:limit]))
        outcomes = fleet.run_campaign(
            names,
            settings=settings,
            forge=forge,
            state=state,
            on_result=reporter.result,
        )
    return _summarise(outcomes, state, as_json, reporter.console)


def _queue_state(state_path: Path, options: dict[str, Any]) -> State:
    from refactor.scale.campaign import queue_state
    from refactor.scale.queue import BadQueue

    try:
        campaign = options["campaign"] or state_path.stem
        return queue_state(options["queue_url"], campaign=campaign)
    except BadQueue as error:
        raise _BadOption(str(error)) from None


def _scaled(
    names: tuple[str, ...],
    delivery: DeliverySettings,
    state: State,
    reporter: _Reporter,
    as_json: bool,
    options: dict[str, Any],
) -> int:
    """The campaign as queue jobs: emitted as lines, or enqueued and awaited."""
    from refactor.scale import campaign as scaled
    from refactor.scale.state import RedisState

    if isinstance(state, RedisState):
        campaign = state.campaign
    else:
        campaign = options["campaign"] or state.path.stem
    specs = scaled.specs_for(
        names,
        delivery=delivery,
        campaign=campaign,
        forge_url=options["github_url"],
        token_env=options["token_env"],
        state=options["queue_url"] or str(state.path.resolve()),
        write_interval=options["write_interval"],
    )
    if options["emit_jobs"]:
        count = scaled.emit(specs, options["emit_jobs"])
        reporter.console.print(f"{count} jobs written", markup=False)
        return 0
    assert isinstance(state, RedisState)  # --queue opened it
    reporter.console.print(
        f"{len(specs)} repositories on the queue; workers take them from there "
        "(dockerfile-refactor worker --queue URL)",
        markup=False,
    )
    with reporter.progress:
        reporter.progress.update(reporter.task, total=len(specs))
        outcomes = scaled.run_on_queue(
            options["queue_url"], specs, state=state, on_outcome=reporter.result
        )
    return _summarise(outcomes, state, as_json, reporter.console)


def _delivery_settings(options: dict[str, Any], *, echo: Any) -> DeliverySettings:
    labels = tuple(
        label.strip() for label in options["labels"].split(",") if label.strip()
    )
    verify = VerifySettings(build_network=options["build_network"])
    branch(options["branch_prefix"] + "multi-stage")
    if options["dry_run"] == "build" and not options["verify_builds"]:
        raise _BadOption("--dry-run build needs verification; drop --no-verify")
    return DeliverySettings(
        globs=tuple(options["globs"]) or DEFAULT_GLOBS,
        dry_run=options["dry_run"],
        draft=options["draft"],
        labels=labels,
        branch_prefix=options["branch_prefix"],
        max_prs_per_hour=options["max_prs_per_hour"],
        include_forks=options["include_forks"],
        include_archived=options["include_archived"],
        verify_builds=options["verify_builds"],
        rewrite=RewriteSettings(base_map=_base_map(options["base_map"])),
        verify=verify,
        token=from_environment(options["token_env"]),
        echo=echo,
    )


def _base_map(path: Path | None) -> dict[str, str]:
    loaded = load_base_map(path)
    if isinstance(loaded, str):
        raise _BadOption(loaded)
    return loaded


def _summarise(
    outcomes: tuple[RepoOutcome, ...], state: State, as_json: bool, console: Console
) -> int:
    if as_json:
        click.echo(json.dumps([to_json(o) for o in outcomes], indent=2))
    else:
        for outcome in outcomes:
            click.echo(
                f"{outcome.name}\t{outcome.status}\t{outcome.pr_url or outcome.reason}"
            )

    counts: dict[str, int] = {}
    for row in state.repositories():
        counts[row.status] = counts.get(row.status, 0) + 1
    _say(console, ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))

    resume = fleet.resume_time(outcomes)
    if resume is not None:
        when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(resume))
        _say(
            console,
            f"PR budget spent: the campaign continues at {when}; rerun with "
            "the same --state then.",
        )
    held = any(o.status in ("failed", "deferred") for o in outcomes)
    return 1 if held or resume is not None else 0
