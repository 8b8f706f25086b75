"""The smoke check: run the same thing in both images and compare what comes out.

A one-shot program runs to completion (bounded in time and output); a server is
started on the host network, probed on 127.0.0.1 and stopped. The comparison is
a pure function of the two observations.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from refactor.verify import engine as engine_
from refactor.verify.model import Check, Smoke, VerifySettings

SHOWN = 400


@dataclass(frozen=True)
class Observed:
    """What one image did: an exit code or HTTP status, its output, and how it ended."""

    code: int | None
    output: str
    note: str = ""


def server_port(smoke: Smoke, original: Mapping[str, Any]) -> int | None:
    """The port to probe: the one given, else the first exposed TCP port."""
    if smoke.port is not None or smoke.argv is not None:
        return smoke.port
    exposed = sorted((original.get("ExposedPorts") or {}).keys())
    tcp = [int(p.split("/")[0]) for p in exposed if p.endswith("/tcp")]
    return tcp[0] if tcp else None


def compare(
    before: Observed, after: Observed, *, expect: str | None, what: str
) -> Check:
    evidence = f"{what}\noriginal: {_show(before)}\nrewrite:  {_show(after)}"
    if before.code is None and before.note:
        return Check("smoke", "failed", f"the original itself failed: {evidence}")
    if expect is not None and expect not in before.output:
        reason = f"the original's output lacks the expected {expect!r}"
        return Check("smoke", "failed", f"{reason}: {evidence}")

    same_code = before.code == after.code
    same_output = (
        expect in after.output if expect is not None else before.output == after.output
    )
    if same_code and same_output and not after.note:
        return Check("smoke", "passed", evidence)
    return Check("smoke", "failed", evidence)


def _show(observed: Observed) -> str:
    text = (
        observed.output
        if len(observed.output) <= SHOWN
        else observed.output[:SHOWN] + "..."
    )
    note = f" ({observed.note})" if observed.note else ""
    return f"code {observed.code}{note}, output {text!r}"


def run_one_shot(
    engine: engine_.Engine,
    image: str,
    argv: tuple[str, ...] | None,
    settings: VerifySettings,
) -> Observed:
    finished = engine_.run(engine, image, argv, limits=_limits(settings, "none"))
    note = ""
    if finished.timed_out:
        note = f"still running after {settings.run_timeout:.0f} s, stopped"
    elif finished.overflowed:
        note = f"printed more than {settings.output_limit} bytes, stopped"
    return Observed(finished.returncode, finished.stdout.decode(errors="replace"), note)


def run_server(
    engine: engine_.Engine,
    image: str,
    argv: tuple[str, ...] | None,
    port: int,
    settings: VerifySettings,
) -> Observed:
    if _listening(port):
        return Observed(None, "", f"port {port} on 127.0.0.1 is already in use")
    # A known shortcoming: --network host cannot force the program to bind to
    # 127.0.0.1 only; a server listening on all addresses is reachable on the
    # host's other interfaces for the few seconds the probe runs.
    try:
        with engine_.serving(
            engine, image, argv, limits=_limits(settings, "host")
        ) as name:
            return _probe(engine, name, port, settings)
    except engine_.EngineError as error:
        return Observed(None, "", f"the container did not start: {error}")


def _limits(settings: VerifySettings, network: str) -> engine_.RunLimits:
    return engine_.RunLimits(
        timeout=settings.run_timeout,
        memory=settings.memory,
        pids_limit=settings.pids_limit,
        output_limit=settings.output_limit,
        network=network,
    )


def _probe(
    engine: engine_.Engine, name: str, port: int, settings: VerifySettings
) -> Observed:
    url = f"http://127.0.0.1:{port}{settings.smoke.path}"
    deadline = time.monotonic() + settings.run_timeout
    checked = time.monotonic()
    while time.monotonic() < deadline:
        answer = _get(url, settings.output_limit)
        if answer is not None:
            return answer
        if time.monotonic() - checked > 2:
            checked = time.monotonic()
            if not engine_.running(engine, name):
                return Observed(None, "", "the server exited before answering")
        time.sleep(0.3)
    return Observed(None, "", f"no answer on {url} within {settings.run_timeout:.0f} s")


def _get(url: str, limit: int) -> Observed | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body = response.read(limit)
            return Observed(response.status, body.decode(errors="replace"))
    except urllib.error.HTTPError as error:
        return Observed(error.code, error.read(limit).decode(errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def smoke(
    engine: engine_.Engine,
    original: str,
    rewrite: str,
    original_config: Mapping[str, Any],
    settings: VerifySettings,
) -> Check:
    """Run the smoke in both images, one after the other, and compare."""
    spec = settings.smoke
    port = server_port(spec, original_config)
    if port is not None:
        what = f"GET http://127.0.0.1:{port}{spec.path}"
        before = run_server(engine, original, spec.argv, port, settings)
        after = run_server(engine, rewrite, spec.argv, port, settings)
    else:
        what = "run " + (
            " ".join(spec.argv) if spec.argv else "the image's default command"
        )
        before = run_one_shot(engine, original, spec.argv, settings)
        after = run_one_shot(engine, rewrite, spec.argv, settings)
    return compare(before, after, expect=spec.expect, what=what)
