"""Build every buildable corpus case twice (original and expert), smoke both, size both.

Usage: .venv/bin/python bench/expert_sizes.py [CASE ...] [--keep-going] [--json FILE]

For each case under corpora/buildable/ (or only the named ones) it builds
`Dockerfile` and `expert.Dockerfile` with BuildKit, runs the smoke from
case.toml against each image (bounded: time limit, memory and process limits,
no log driver, output read through a capped pipe), records the image sizes,
removes both tags and prints one table row. Exit 0 when every case passed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILDABLE = REPO / "corpora" / "buildable"
DOCKER = os.environ.get("DOCKERFILE_REFACTOR_DOCKER", "/usr/bin/docker")
BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 60
SERVER_WAIT_S = 30
OUTPUT_CAP_BYTES = 1 << 20
VARIANTS = (("orig", "Dockerfile"), ("expert", "expert.Dockerfile"))


@dataclass(frozen=True)
class Smoke:
    expect: str
    argv: tuple[str, ...] | None = None
    port: int | None = None
    path: str = "/"


@dataclass(frozen=True)
class Variant:
    name: str
    built: bool
    build_seconds: float
    size_bytes: int | None
    smoke_passed: bool
    evidence: str


@dataclass(frozen=True)
class CaseResult:
    case: str
    variants: tuple[Variant, ...]

    @property
    def passed(self) -> bool:
        return all(v.built and v.smoke_passed for v in self.variants)


def read_smoke(case_dir: Path) -> Smoke:
    table = tomllib.loads((case_dir / "case.toml").read_text())["smoke"]
    argv = table.get("argv")
    return Smoke(
        expect=table["expect"],
        argv=tuple(argv) if argv is not None else None,
        port=table.get("port"),
        path=table.get("path", "/"),
    )


def capped_run(argv: list[str], *, timeout: float) -> tuple[int, str]:
    """Run a command, keep at most OUTPUT_CAP_BYTES of its merged output."""
    proc = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdout is not None
    data = proc.stdout.read(OUTPUT_CAP_BYTES)
    proc.stdout.close()
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    return code, data.decode(errors="replace")


def build(case_dir: Path, dockerfile: str, tag: str) -> tuple[bool, float, str]:
    argv = [DOCKER, "build", "--network", "host", "-f", str(case_dir / dockerfile)]
    argv += ["-t", tag, str(case_dir)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            argv,
            env=dict(os.environ, DOCKER_BUILDKIT="1"),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return False, time.monotonic() - started, f"build took over {BUILD_TIMEOUT_S} s"
    log_tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
    return done.returncode == 0, time.monotonic() - started, log_tail


def image_size(tag: str) -> int | None:
    argv = [DOCKER, "image", "inspect", "-f", "{{.Size}}", tag]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    return int(done.stdout.strip()) if done.returncode == 0 else None


def remove_container(name: str) -> None:
    argv = [DOCKER, "rm", "-f", name]
    subprocess.run(argv, capture_output=True, timeout=60)


def bounded_run_args(name: str, network: str) -> list[str]:
    return [
        DOCKER, "run", "--rm", "--name", name, "--network", network,
        "--log-driver", "none", "--memory", "512m", "--pids-limit", "256",
    ]  # fmt: skip


def smoke_command(tag: str, smoke: Smoke, name: str) -> tuple[bool, str]:
    argv = ["timeout", str(RUN_TIMEOUT_S), *bounded_run_args(name, "none"), tag]
    argv += list(smoke.argv or ())
    try:
        code, output = capped_run(argv, timeout=RUN_TIMEOUT_S + 10)
    finally:
        remove_container(name)
    passed = code == 0 and smoke.expect in output
    return passed, f"exit {code}: {output[-600:]}"


def probe(port: int, path: str) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=3) as r:
            return str(r.read(OUTPUT_CAP_BYTES).decode(errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def smoke_server(tag: str, smoke: Smoke, name: str) -> tuple[bool, str]:
    assert smoke.port is not None
    argv = ["timeout", str(RUN_TIMEOUT_S), *bounded_run_args(name, "host"), "-d", tag]
    code, output = capped_run(argv, timeout=RUN_TIMEOUT_S + 10)
    if code != 0:
        return False, f"the container did not start: {output[-600:]}"

    body = None
    deadline = time.monotonic() + SERVER_WAIT_S
    try:
        while body is None and time.monotonic() < deadline:
            time.sleep(0.5)
            body = probe(smoke.port, smoke.path)
    finally:
        remove_container(name)

    if body is None:
        return False, f"nothing answered on 127.0.0.1:{smoke.port} in {SERVER_WAIT_S} s"
    return smoke.expect in body, f"body: {body[-600:]}"


def prove_variant(case_dir: Path, name: str, dockerfile: str, smoke: Smoke) -> Variant:
    tag = f"refactor-corpus/{case_dir.name}:{name}"
    built, seconds, log_tail = build(case_dir, dockerfile, tag)
    if not built:
        return Variant(name, False, seconds, None, False, log_tail)

    container = f"refactor-corpus-{case_dir.name}-{name}"
    run = smoke_server if smoke.port is not None else smoke_command
    try:
        passed, evidence = run(tag, smoke, container)
        size = image_size(tag)
    finally:
        subprocess.run([DOCKER, "rmi", tag], capture_output=True, timeout=120)
    return Variant(name, True, seconds, size, passed, evidence)


def prove_case(case_dir: Path) -> CaseResult:
    smoke = read_smoke(case_dir)
    variants = tuple(
        prove_variant(case_dir, name, dockerfile, smoke)
        for name, dockerfile in VARIANTS
    )
    return CaseResult(case_dir.name, variants)


def megabytes(size: int | None) -> str:
    return f"{size / 1e6:.0f}" if size is not None else "-"


def row(result: CaseResult) -> str:
    orig, expert = result.variants
    cut = "-"
    if orig.size_bytes and expert.size_bytes:
        cut = f"{100 * (1 - expert.size_bytes / orig.size_bytes):.0f}"
    status = "ok" if result.passed else "FAIL"
    builds = f"{orig.build_seconds:.0f}/{expert.build_seconds:.0f}"
    sizes = f"{megabytes(orig.size_bytes)} | {megabytes(expert.size_bytes)}"
    return f"| {result.case} | {sizes} | {cut} | {builds} | {status} |"


def failure_details(result: CaseResult) -> str:
    lines = [f"{result.case}:"]
    for v in result.variants:
        if not (v.built and v.smoke_passed):
            what = "smoke failed" if v.built else "build failed"
            evidence = v.evidence.replace("\n", "\n    ")
            lines.append(f"  {v.name}: {what}\n    {evidence}")
    return "\n".join(lines)


def select_cases(names: list[str]) -> list[Path]:
    every = sorted(p for p in BUILDABLE.iterdir() if (p / "case.toml").is_file())
    if not names:
        return every
    known = {p.name: p for p in every}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"expert_sizes: no such buildable case: {', '.join(unknown)}")
    return [known[n] for n in names]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case folder names (default: all)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    cases = select_cases(args.cases)

    print("| case | original MB | expert MB | cut % | build s (orig/expert) | status |")
    print("|---|---:|---:|---:|---:|---|")
    results = []
    for case_dir in cases:
        print(f"building {case_dir.name} ...", file=sys.stderr, flush=True)
        result = prove_case(case_dir)
        results.append(result)
        print(row(result), flush=True)

    for result in results:
        if not result.passed:
            print(failure_details(result), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    passed = sum(r.passed for r in results)
    print(f"\n{passed} of {len(results)} cases passed", file=sys.stderr)
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
