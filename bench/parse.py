"""Throughput of reading Dockerfiles, against hadolint and BuildKit's parser.

Usage: .venv/bin/python bench/parse.py [--corpus DIR] [--hadolint-sample N]
                                        [--json FILE]

Everything runs on one CPU (the process pins itself, and hadolint inherits the
pin). Files are read into memory first, so the figures are parsing, not disk.
Paths timed over the whole corpus:

- ours: parse_bytes, then every RUN through the shell reader (`commands`);
- ours, parse only;
- BuildKit's own parser through the `dockerfile` package (when installed).

hadolint takes tens of milliseconds a file, so it lints a deterministic sample
(every k-th file, --hadolint-sample files, 0 to skip), 100 files a process so
its start-up is shared. Rates are files per CPU second (hadolint's is the CPU
time of its processes), because this machine is shared and wall time counts
the neighbours; wall time is printed too.

Another path (say `rewrite --check`) is timed by passing a callable of the
file's bytes: `run(corpus, extra={"rewrite --check": check_one})`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.parser import parse_bytes
from refactor.syntax.shell import commands, run_scripts

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "dockerfiles"
HADOLINT = Path(sys.executable).parent / "hadolint"
HADOLINT_BATCH = 100


@dataclass(frozen=True)
class Timing:
    """`cpu_seconds` is what the ratio uses: on a shared, busy machine wall
    time measures the neighbours as much as the code."""

    path: str
    files: int
    seconds: float
    cpu_seconds: float
    refused: int

    @property
    def per_second(self) -> float:
        return self.files / self.cpu_seconds if self.cpu_seconds else 0.0


def parse_and_shell(data: bytes) -> int:
    dockerfile = parse_bytes(data)
    found = 0
    for instruction in dockerfile.instructions:
        for script in run_scripts(instruction):
            found += len(commands(script))
    return found


def time_path(name: str, read: Callable[[bytes], object], files: list[bytes]) -> Timing:
    """Call `read` on every file; a refusal counts, any other exception stops."""
    refused = 0
    started, cpu = time.perf_counter(), time.process_time()
    for data in files:
        try:
            read(data)
        except (DockerfileSyntaxError, ValueError):
            refused += 1
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return Timing(name, len(files), seconds, cpu_seconds, refused)


def buildkit_reader() -> Callable[[bytes], object] | None:
    try:
        import dockerfile
    except ImportError:
        return None

    def read(data: bytes) -> object:
        return dockerfile.parse_string(data.decode("utf-8"))

    return read


def time_hadolint(paths: list[Path]) -> Timing | None:
    if not paths or not HADOLINT.exists():
        return None

    started, cpu = time.perf_counter(), _children_cpu()
    for at in range(0, len(paths), HADOLINT_BATCH):
        batch = [str(path) for path in paths[at : at + HADOLINT_BATCH]]
        subprocess.run(
            [str(HADOLINT), "--no-fail", "--format", "json", *batch],
            capture_output=True,
            timeout=600,
            check=False,
        )
    seconds, cpu_seconds = time.perf_counter() - started, _children_cpu() - cpu
    name = f"hadolint (sample of {len(paths)})"
    return Timing(name, len(paths), seconds, cpu_seconds, 0)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def rewrite_check(data: bytes) -> object:
    """What `rewrite --check` does for one file: read, rewrite, prove, compare."""
    from refactor.plan.outcome import RewriteSettings
    from refactor.rewrite import rewrite

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return rewrite(text, settings=RewriteSettings())


def run(
    corpus: Path,
    *,
    hadolint_sample: int = 300,
    extra: Mapping[str, Callable[[bytes], object]] | None = None,
) -> list[Timing]:
    paths = sorted(path for path in corpus.rglob("*") if path.is_file())
    files = [path.read_bytes() for path in paths]

    readers: dict[str, Callable[[bytes], object]] = {
        "ours: parse + shell": parse_and_shell,
        "ours: parse only": parse_bytes,
    }
    buildkit = buildkit_reader()
    if buildkit is not None:
        readers["BuildKit parser (dockerfile)"] = buildkit
    readers.update(extra or {})

    timings = [time_path(name, read, files) for name, read in readers.items()]
    step = max(1, len(paths) // hadolint_sample) if hadolint_sample else 0
    sample = paths[::step][:hadolint_sample] if step else []
    hadolint = time_hadolint(sample)
    return timings + ([hadolint] if hadolint else [])


def report(timings: list[Timing], corpus: Path) -> str:
    lines = [f"corpus: {corpus} ({timings[0].files} files), one CPU", ""]
    lines.append(
        f"{'path':<32}{'files':>7}{'wall s':>9}{'CPU s':>9}{'files/CPU s':>13}"
        f"{'refused':>9}"
    )
    for timing in timings:
        lines.append(
            f"{timing.path:<32}{timing.files:>7}{timing.seconds:>9.2f}"
            f"{timing.cpu_seconds:>9.2f}{timing.per_second:>13.0f}{timing.refused:>9}"
        )

    hadolint = next((t for t in timings if t.path.startswith("hadolint")), None)
    if hadolint is not None and hadolint.per_second:
        lines.append("")
        for timing in timings:
            if timing is not hadolint:
                ratio = timing.per_second / hadolint.per_second
                lines.append(f"{timing.path} / hadolint: {ratio:.0f}x")
    return "\n".join(lines)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--corpus", type=Path, default=CORPUS)
    options.add_argument("--hadolint-sample", type=int, default=300)
    options.add_argument("--json", type=Path, help="also write the timings here")
    arguments = options.parse_args()

    if not arguments.corpus.is_dir():
        print(f"no corpus at {arguments.corpus}", file=sys.stderr)
        return 2
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    timings = run(
        arguments.corpus,
        hadolint_sample=arguments.hadolint_sample,
        extra={"rewrite --check path": rewrite_check},
    )
    print(report(timings, arguments.corpus))
    if arguments.json:
        rows = [asdict(t) | {"files_per_second": t.per_second} for t in timings]
        arguments.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
