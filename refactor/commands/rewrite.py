"""`dockerfile-refactor rewrite PATH...`: split mono-stage Dockerfiles, like black.

Without a flag the rewritten file goes to stdout (`-` reads stdin); `--diff`
prints a unified diff, `--check` only reports, `--write` rewrites in place, and
only a proven rewrite. Messages go to stderr, results to stdout. `main` does the
work and returns the exit code; the click command only parses arguments.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import click
from rich.console import Console
from rich.progress import Progress

from refactor.commands.options import load_base_map
from refactor.context import DirectoryContext
from refactor.plan.outcome import (
    Failed,
    Outcome,
    RewriteSettings,
    Rewritten,
    Skipped,
    to_json,
)
from refactor.render.diff import unified_diff
from refactor.rewrite import rewrite as rewrite_text

Mode = Literal["print", "diff", "check", "write"]
EXIT_CODES = """\b
Exit codes:
  0  nothing to change, or every file skipped
  1  a file was rewritten, or would be (--check, --diff, no flag)
  2  an input could not be read, or a rewrite could not be proven
"""
# Long lists get a progress bar on stderr; a handful of files does not need one.
PROGRESS_FROM = 10


@dataclass(frozen=True)
class Streams:
    stdin: IO[str]
    stdout: IO[str]
    stderr: IO[str]


@dataclass(frozen=True)
class FileResult:
    path: str
    original: str | None
    outcome: Outcome | None
    problem: str | None = None


def main(
    paths: Iterable[str],
    *,
    mode: Mode,
    base_map: Path | None,
    output_format: Literal["text", "json"],
    streams: Streams,
) -> int:
    settings = _settings(base_map)
    if isinstance(settings, str):
        streams.stderr.write(settings + "\n")
        return 2

    targets = list(_expanded(paths))
    results = [
        _one(
            target,
            settings=settings,
            mode=mode,
            streams=streams,
            quiet=output_format == "json",
        )
        for target in _progress(targets, streams)
    ]

    if output_format == "json":
        json.dump([_json(r) for r in results], streams.stdout, indent=2)
        streams.stdout.write("\n")
    return _exit_code(results)


def _settings(base_map: Path | None) -> RewriteSettings | str:
    loaded = load_base_map(base_map)
    return loaded if isinstance(loaded, str) else RewriteSettings(base_map=loaded)


def _expanded(paths: Iterable[str]) -> Iterator[str]:
    """Each path; a folder stands for the Dockerfiles under it."""
    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            found = sorted(
                p
                for p in folder.rglob("*")
                if p.is_file()
                and (p.name == "Dockerfile" or p.name.startswith("Dockerfile."))
            )
            yield from (str(p) for p in found)
        else:
            yield path


def _progress(targets: list[str], streams: Streams) -> Iterator[str]:
    if len(targets) < PROGRESS_FROM:
        yield from targets
        return
    console = Console(file=streams.stderr)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("rewriting", total=len(targets))
        for target in targets:
            yield target
            progress.advance(task)


def _one(
    target: str, *, settings: RewriteSettings, mode: Mode, streams: Streams, quiet: bool
) -> FileResult:
    original = _read(target, streams)
    if isinstance(original, FileResult):
        streams.stderr.write(f"error: {original.problem}\n")
        return original

    context = None if target == "-" else DirectoryContext(Path(target).parent)
    outcome = rewrite_text(original, settings=settings, context=context)
    result = FileResult(target, original, outcome)
    _report(result, outcome, mode=mode, streams=streams, quiet=quiet)
    return result


def _read(target: str, streams: Streams) -> str | FileResult:
    try:
        if target == "-":
            return streams.stdin.read()
        return Path(target).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return FileResult(target, None, None, f"{target} is not UTF-8 text")
    except OSError as error:
        return FileResult(target, None, None, f"cannot read {target}: {_why(error)}")


def _report(
    result: FileResult, outcome: Outcome, *, mode: Mode, streams: Streams, quiet: bool
) -> None:
    path, original = result.path, result.original or ""
    if isinstance(outcome, Failed):
        evidence = _keep_evidence(outcome)
        streams.stderr.write(
            f"error: {path}: {outcome.reason} (evidence in {evidence})\n"
        )
        return
    if not isinstance(outcome, Rewritten):
        if not quiet:
            streams.stderr.write(f"{path}: {_unchanged_message(outcome)}\n")
        if mode == "print" and not quiet:
            streams.stdout.write(original)
        return

    if mode == "write" and path != "-":
        Path(path).write_bytes(outcome.text.encode("utf-8"))
    if quiet:
        return
    if mode == "print" or (mode == "write" and path == "-"):
        streams.stdout.write(outcome.text)
    elif mode == "diff":
        streams.stdout.write(unified_diff(original, outcome.text, path))
    verb = {"write": "rewrote", "print": "rewrote"}.get(mode, "would rewrite")
    final_base = outcome.report.final_base
    streams.stderr.write(f"{verb} {path}: builder + {final_base}\n")


def _unchanged_message(outcome: Outcome) -> str:
    if isinstance(outcome, Skipped):
        return f"skipped ({outcome.code}): {outcome.reason}"
    return f"unchanged: {getattr(outcome, 'reason', '')}"


def _keep_evidence(outcome: Failed) -> str:
    """Write the evidence of an unproven rewrite to a file the user can open."""
    with tempfile.NamedTemporaryFile(
        "w", prefix="dockerfile-refactor-", suffix=".log", delete=False
    ) as handle:
        handle.write(f"{outcome.reason}\n\n{outcome.evidence}")
    return handle.name


def _json(result: FileResult) -> dict[str, Any]:
    if result.outcome is None:
        return {"path": result.path, "status": "error", "reason": result.problem}
    return {"path": result.path, **to_json(result.outcome)}


def _exit_code(results: list[FileResult]) -> int:
    if any(r.outcome is None or isinstance(r.outcome, Failed) for r in results):
        return 2
    return 1 if any(isinstance(r.outcome, Rewritten) for r in results) else 0


def _why(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


@click.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", "mode", flag_value="diff", help="Print a unified diff.")
@click.option("--check", "mode", flag_value="check", help="Change nothing; report.")
@click.option("--write", "mode", flag_value="write", help="Rewrite files in place.")
@click.option(
    "--base-map",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML or JSON mapping of base images to final bases.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def rewrite(
    paths: tuple[str, ...],
    mode: Mode | None,
    base_map: Path | None,
    output_format: Literal["text", "json"],
) -> None:
    """Split each mono-stage Dockerfile into a builder and a slim final stage.

    Without a flag, print the rewritten file (PATH `-` reads stdin). A folder
    stands for every Dockerfile under it.
    """
    streams = Streams(sys.stdin, sys.stdout, sys.stderr)
    code = main(
        paths,
        mode=mode or "print",
        base_map=base_map,
        output_format=output_format,
        streams=streams,
    )
    sys.exit(code)
