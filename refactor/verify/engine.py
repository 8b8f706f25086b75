"""The Docker engine, reached through a BuildKit-capable docker CLI.

Everything that touches the engine lives here: find a CLI, build, inspect, run
bounded containers, stream an image's files, remove what we made. Builds go
through the CLI because the SDK's build API is the classic builder, never
BuildKit; the rest uses the same CLI so that one binary talks to one engine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from refactor.verify import process

OVERRIDE = "DOCKERFILE_REFACTOR_DOCKER"
LABEL = "dockerfile-refactor.verify=1"

# Only what the CLI needs to find and reach the engine goes into its
# environment: host secrets in the caller's environment never reach a build.
PASSED_ENV = (
    "PATH",
    "HOME",
    "DOCKER_HOST",
    "DOCKER_CONFIG",
    "DOCKER_CONTEXT",
    "DOCKER_CERT_PATH",
    "DOCKER_TLS_VERIFY",
    "XDG_RUNTIME_DIR",
)


@dataclass(frozen=True)
class Engine:
    cli: str
    mode: Literal["buildx", "builtin"]

    def env(self) -> dict[str, str]:
        env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
        if self.mode == "builtin":
            env["DOCKER_BUILDKIT"] = "1"
        return env


@dataclass(frozen=True)
class Unavailable:
    reason: str


@dataclass(frozen=True)
class Built:
    image: str | None
    log: str
    seconds: float


class EngineError(Exception):
    """An engine call failed in a way verification cannot go on from."""


def find_engine() -> Engine | Unavailable:
    """The first BuildKit-capable CLI whose engine answers, or why there is none."""
    configured = os.environ.get(OVERRIDE)
    names = [configured] if configured else ["docker", "/usr/bin/docker"]
    candidates = [p for p in (shutil.which(n) for n in names) if p]
    engines = [e for e in (_buildkit_mode(p) for p in dict.fromkeys(candidates)) if e]
    if not engines:
        tried = ", ".join(names)
        return Unavailable(
            f"no docker CLI that builds with BuildKit was found ({tried})."
        )

    engine = engines[0]
    answer = _quick(engine, ["version", "--format", "{{.Server.Version}}"])
    if answer.returncode != 0:
        where = os.environ.get("DOCKER_HOST", "the default socket")
        return Unavailable(f"no Docker engine answers at {where} (via {engine.cli}).")
    return engine


def _buildkit_mode(cli: str) -> Engine | None:
    probe = Engine(cli, "buildx")
    if _quick(probe, ["buildx", "version"]).returncode == 0:
        return probe
    version = _quick(probe, ["version", "--format", "{{.Client.Version}}"])
    major = version.stdout.decode(errors="replace").strip().split(".")[0]
    # CLIs before 23 carry BuildKit themselves; later ones need the buildx plugin
    # and otherwise fall back to the legacy builder.
    if major.isdigit() and int(major) < 23:
        return Engine(cli, "builtin")
    return None


def _quick(engine: Engine, args: Sequence[str]) -> process.Finished:
    return process.run([engine.cli, *args], env=engine.env(), timeout=30, limit=65536)


def build(
    engine: Engine,
    *,
    dockerfile: Path,
    context: Path,
    tag: str,
    network: str | None,
    timeout: float,
    tail_lines: int,
) -> Built:
    verb = ["buildx", "build", "--load"] if engine.mode == "buildx" else ["build"]
    argv = [engine.cli, *verb, "--progress", "plain", "-f", str(dockerfile)]
    argv += ["-t", tag] + (["--network", network] if network else [])
    result = process.run(
        [*argv, str(context)],
        env=engine.env(),
        timeout=timeout,
        limit=tail_lines * 200,
        tail=True,
        merge=True,
    )

    log = _last_lines(result.stdout.decode(errors="replace"), tail_lines)
    if result.timed_out:
        log += f"\n(build stopped after the {timeout:.0f} s time limit)"
    return Built(tag if result.returncode == 0 else None, log, result.seconds)


def _last_lines(text: str, count: int) -> str:
    return "\n".join(text.splitlines()[-count:])


def inspect(engine: Engine, image: str) -> dict[str, Any]:
    answer = _quick(engine, ["image", "inspect", image])
    if answer.returncode != 0:
        raise EngineError(f"cannot inspect {image}: {answer.stderr.decode().strip()}")
    found: list[dict[str, Any]] = json.loads(answer.stdout)
    return found[0]


def exists(engine: Engine, image: str) -> bool:
    return _quick(engine, ["image", "inspect", image]).returncode == 0


def remove_image(engine: Engine, image: str) -> None:
    _quick(engine, ["image", "rm", "--force", image])


def new_tag(label: str) -> str:
    return f"dockerfile-refactor-verify:{uuid.uuid4().hex[:12]}-{label}"


@dataclass(frozen=True, kw_only=True)
class RunLimits:
    timeout: float
    memory: str
    pids_limit: int
    output_limit: int
    network: str = "none"


def run(
    engine: Engine,
    image: str,
    argv: Sequence[str] | None,
    *,
    limits: RunLimits,
    entrypoint: str | None = None,
) -> process.Finished:
    """Run a container to completion within the limits; it is always removed."""
    name = f"dfr-verify-{uuid.uuid4().hex[:12]}"
    args = _run_args(name, limits) + (
        ["--entrypoint", entrypoint] if entrypoint else []
    )
    try:
        return process.run(
            [engine.cli, "run", *args, image, *(argv or [])],
            env=engine.env(),
            timeout=limits.timeout,
            limit=limits.output_limit,
        )
    finally:
        _quick(engine, ["rm", "--force", name])


@contextmanager
def serving(
    engine: Engine, image: str, argv: Sequence[str] | None, *, limits: RunLimits
) -> Iterator[str]:
    """A detached container on the host network, removed when the block ends."""
    name = f"dfr-verify-{uuid.uuid4().hex[:12]}"
    args = ["--detach", *_run_args(name, limits)]
    started = _quick(engine, ["run", *args, image, *(argv or [])])
    try:
        if started.returncode != 0:
            raise EngineError(started.stderr.decode(errors="replace").strip())
        yield name
    finally:
        _quick(engine, ["rm", "--force", name])


def _run_args(name: str, limits: RunLimits) -> list[str]:
    # --log-driver none: the engine keeps no log file that could fill the disk.
    return [
        "--rm",
        "--name", name,
        "--label", LABEL,
        "--log-driver", "none",
        "--network", limits.network,
        "--memory", limits.memory,
        "--pids-limit", str(limits.pids_limit),
    ]  # fmt: skip


@contextmanager
def created(engine: Engine, image: str) -> Iterator[str]:
    """A created, never started, container whose files can be read; removed after."""
    name = f"dfr-verify-{uuid.uuid4().hex[:12]}"
    answer = _quick(
        engine, ["create", "--name", name, "--label", LABEL, image, "/nonexistent"]
    )
    try:
        if answer.returncode != 0:
            raise EngineError(answer.stderr.decode(errors="replace").strip())
        yield name
    finally:
        _quick(engine, ["rm", "--force", name])


@contextmanager
def tar_stream(
    engine: Engine, args: Sequence[str], *, timeout: float
) -> Iterator[IO[bytes]]:
    """The stdout of `docker export`, `cp` or `save` as a stream; killed if it hangs."""
    child = subprocess.Popen(
        [engine.cli, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=engine.env(),
        start_new_session=True,
    )
    assert child.stdout is not None
    try:
        yield child.stdout
    finally:
        child.stdout.close()
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def environment_of(config: Mapping[str, Any]) -> dict[str, str]:
    pairs = (item.partition("=") for item in config.get("Env") or [])
    return {key: value for key, _, value in pairs}


def running(engine: Engine, container: str) -> bool:
    answer = _quick(
        engine, ["container", "inspect", "-f", "{{.State.Running}}", container]
    )
    return answer.stdout.strip() == b"true"
