"""Run a subprocess with a time limit and a cap on the output kept from it.

The child gets its own process group, so a time limit or an output overflow kills
everything it started; output is read through pipes that stop being stored once
the cap is reached, because a program printing in a loop must not fill memory.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

CHUNK = 65536


@dataclass(frozen=True)
class Finished:
    returncode: int | None
    stdout: bytes
    stderr: bytes
    timed_out: bool
    overflowed: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and not self.overflowed


class _Capped:
    """Collects a stream up to `limit` bytes; `tail` keeps the last bytes instead."""

    def __init__(self, limit: int, *, tail: bool, overflow: threading.Event) -> None:
        self.limit = limit
        self.tail = tail
        self.overflow = overflow
        self.chunks: deque[bytes] = deque()
        self.size = 0

    def feed(self, chunk: bytes) -> None:
        self.chunks.append(chunk)
        self.size += len(chunk)
        while self.tail and self.size - len(self.chunks[0]) > self.limit:
            self.size -= len(self.chunks.popleft())
        if not self.tail and self.size > self.limit:
            self.overflow.set()

    def value(self) -> bytes:
        data = b"".join(self.chunks)
        return data[-self.limit :] if self.tail else data[: self.limit]


def _pump(stream: object, sink: _Capped) -> None:
    read = getattr(stream, "read1", None) or getattr(stream, "read")  # noqa: B009
    while not sink.overflow.is_set():
        chunk = read(CHUNK)
        if not chunk:
            break
        sink.feed(chunk)


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    timeout: float,
    limit: int,
    tail: bool = False,
    merge: bool = False,
) -> Finished:
    """Run `argv`; keep at most `limit` bytes of each stream (the last ones if tail).

    With `tail` false, passing the limit kills the process (output overflow).
    """
    started = time.monotonic()
    overflow = threading.Event()
    process = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge else subprocess.PIPE,
        env=dict(env),
        start_new_session=True,
    )
    sinks = [_Capped(limit, tail=tail, overflow=overflow) for _ in range(2)]
    streams = [process.stdout, process.stderr]
    threads = [
        threading.Thread(target=_pump, args=(s, k), daemon=True)
        for s, k in zip(streams, sinks, strict=True)
        if s is not None
    ]
    for thread in threads:
        thread.start()

    timed_out = _wait(process, started + timeout, overflow)
    for thread in threads:
        thread.join(timeout=5)
    for stream in streams:
        if stream is not None:
            stream.close()

    return Finished(
        returncode=None if timed_out or overflow.is_set() else process.returncode,
        stdout=sinks[0].value(),
        stderr=sinks[1].value(),
        timed_out=timed_out,
        overflowed=overflow.is_set(),
        seconds=time.monotonic() - started,
    )


def _wait(
    process: subprocess.Popen[bytes], deadline: float, stop: threading.Event
) -> bool:
    """Wait until the process ends; kill its group on the deadline or on `stop`."""
    while process.poll() is None:
        if stop.is_set() or time.monotonic() > deadline:
            _kill_group(process)
            return not stop.is_set()
        time.sleep(0.05)
    return False


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
