"""Benchmark: rewrite and verify every buildable corpus case; print a markdown table.

For each case in corpora/buildable/:
  1. build the original with --no-cache: the time a normal build of it takes;
     this leaves the build cache warm, as a CI job that built it would, and its
     layers' compressed sizes are then measured (untimed) into the size cache;
  2. rewrite it and verify the rewrite (timed, wall clock, sizes included): the
     verification's build of the original is a cache hit, the rewrite's builder
     stage reuses what it can, and its final stage is built and measured;
  3. build the expert.Dockerfile and measure it the same way.
Targets (issue 5): 100 % verified; median compressed-size cut >= 60 %; no case
above 1.10x its expert's size; verification <= 1.5x the original's build.

Usage: .venv/bin/python bench/verify_corpus.py [--build-network host] [CASE...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from refactor.context import DirectoryContext
from refactor.plan.outcome import RewriteSettings, Rewritten
from refactor.rewrite import rewrite
from refactor.verify import (
    ImageSize,
    Smoke,
    Verification,
    VerifySettings,
    process,
    sizes,
    verify,
)
from refactor.verify import engine as engine_

BUILDABLE = Path(__file__).resolve().parent.parent / "corpora" / "buildable"
MB = 1_000_000


@dataclass(frozen=True)
class Row:
    case: str
    status: str
    build_seconds: float
    verify_seconds: float
    verification: Verification | None
    expert: ImageSize | None

    def cut(self) -> float | None:
        v = self.verification
        if v is None or v.original is None or v.rewrite is None:
            return None
        before, after = _bytes(v.original), _bytes(v.rewrite)
        return 100.0 * (before - after) / before if before else None

    def versus_expert(self) -> float | None:
        v = self.verification
        if v is None or v.rewrite is None or self.expert is None:
            return None
        return _bytes(v.rewrite) / _bytes(self.expert)


def _bytes(size: ImageSize) -> int:
    return size.compressed_bytes or size.uncompressed_bytes


def smoke_of(case: Path) -> Smoke:
    spec = tomllib.loads((case / "case.toml").read_text()).get("smoke", {})
    argv = spec.get("argv")
    return Smoke(
        argv=tuple(argv) if argv is not None else None,
        expect=spec.get("expect"),
        port=spec.get("port"),
        path=spec.get("path", "/"),
    )


def _build(
    engine: engine_.Engine, case: Path, name: str, network: str | None, *extra: str
) -> tuple[str | None, float]:
    tag = engine_.new_tag(f"bench-{case.name}")
    argv = [
        engine.cli,
        *(["buildx", "build", "--load"] if engine.mode == "buildx" else ["build"]),
    ]
    argv += [*extra, "-q", "-f", str(case / name), "-t", tag]
    argv += ["--network", network] if network else []
    started = time.monotonic()
    done = process.run(
        [*argv, str(case)], env=engine.env(), timeout=1800, limit=65536, tail=True
    )
    return (tag if done.returncode == 0 else None), time.monotonic() - started


def measure_case(engine: engine_.Engine, case: Path, network: str | None) -> Row:
    built, build_seconds = _build(engine, case, "Dockerfile", network, "--no-cache")
    if built is None:
        return Row(case.name, "original-does-not-build", build_seconds, 0.0, None, None)
    # Untimed: fill the per-layer size cache with this build's layers, which the
    # verification's own (cached) build of the original reuses.
    sizes.measure(engine, built, engine_.inspect(engine, built), compressed=True)
    engine_.remove_image(engine, built)

    text = (case / "Dockerfile").read_text()
    outcome = rewrite(text, settings=RewriteSettings(), context=DirectoryContext(case))
    if not isinstance(outcome, Rewritten):
        return Row(
            case.name, f"not rewritten: {outcome}", build_seconds, 0.0, None, None
        )

    settings = VerifySettings(build_network=network, smoke=smoke_of(case))
    started = time.monotonic()
    result = verify(
        dockerfile=case / "Dockerfile",
        context=case,
        rewritten=outcome.text,
        report=outcome.report,
        settings=settings,
    )
    verify_seconds = time.monotonic() - started
    return Row(
        case.name,
        result.status,
        build_seconds,
        verify_seconds,
        result,
        _expert_size(engine, case, network),
    )


def _expert_size(
    engine: engine_.Engine, case: Path, network: str | None
) -> ImageSize | None:
    tag, _ = _build(engine, case, "expert.Dockerfile", network)
    if tag is None:
        return None
    try:
        inspected = engine_.inspect(engine, tag)
        return sizes.measure(engine, tag, inspected, compressed=True)
    finally:
        engine_.remove_image(engine, tag)


def _cell(value: float | None, pattern: str) -> str:
    return "n/a" if value is None else pattern.format(value)


def table(rows: list[Row]) -> str:
    lines = [
        "| case | status | original | rewrite | cut | vs expert | build s | verify s "
        "| ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        v = row.verification
        before = _cell(
            _bytes(v.original) / MB if v and v.original else None, "{:.0f} MB"
        )
        after = _cell(_bytes(v.rewrite) / MB if v and v.rewrite else None, "{:.0f} MB")
        ratio = row.verify_seconds / row.build_seconds if row.verify_seconds else None
        cut = _cell(row.cut(), "{:.1f} %")
        expert = _cell(row.versus_expert(), "{:.2f}x")
        seconds = f"{row.build_seconds:.0f} | {row.verify_seconds:.0f}"
        lines.append(
            f"| {row.case} | {row.status} | {before} | {after} | {cut} | {expert} "
            f"| {seconds} | {_cell(ratio, '{:.2f}x')} |"
        )
    return "\n".join(lines)


def summary(rows: list[Row]) -> str:
    verified = sum(r.status == "verified" for r in rows)
    share = 100.0 * verified / max(len(rows), 1)
    lines = [f"- verified: {verified} of {len(rows)} ({share:.0f} %)"]

    cuts = [c for r in rows if r.status == "verified" and (c := r.cut()) is not None]
    if cuts:
        lines.append(f"- median size cut (compressed): {statistics.median(cuts):.1f} %")
    experts = [x for r in rows if (x := r.versus_expert()) is not None]
    if experts:
        lines.append(f"- largest size against the expert: {max(experts):.2f}x")
    ratios = [r.verify_seconds / r.build_seconds for r in rows if r.verify_seconds]
    if ratios:
        median, worst = statistics.median(ratios), max(ratios)
        lines.append(
            f"- verify / original build: median {median:.2f}x, worst {worst:.2f}x"
        )
    return "\n".join(lines)


def _progress(row: Row) -> None:
    note = f"{row.case}: {row.status} ({row.verify_seconds:.0f} s)"
    for check in row.verification.checks if row.verification else ():
        if check.status == "failed":
            note += f"\n  {check.name}: {check.evidence}"
    print(note, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-network", default="host")
    parser.add_argument("cases", nargs="*")
    options = parser.parse_args(argv)

    found = engine_.find_engine()
    if isinstance(found, engine_.Unavailable):
        print(f"error: {found.reason}", file=sys.stderr)
        return 2
    cases = sorted(p.parent for p in BUILDABLE.glob("*/case.toml"))
    cases = [c for c in cases if not options.cases or c.name in options.cases]

    rows = []
    for case in cases:
        row = measure_case(found, case, options.build_network)
        _progress(row)
        rows.append(row)
    print(table(rows))
    print()
    print(summary(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
