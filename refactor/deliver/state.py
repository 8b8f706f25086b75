"""Campaign state in SQLite: every repository and file, committed step by step.

The file is opened in WAL mode and every change is its own transaction, so a
process killed at any instant leaves a consistent file; a rerun picks up every
repository not finished in the same mode. One connection is shared by the
worker threads behind a lock (SQLite serialises writers anyway).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from refactor.deliver.outcome import FINISHED, RepoOutcome
from refactor.deliver.polite import HOUR, next_opening

_SCHEMA = """
CREATE TABLE IF NOT EXISTS repositories (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    mode TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT '',
    pr_url TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '',
    bytes_before INTEGER NOT NULL DEFAULT 0,
    bytes_after INTEGER NOT NULL DEFAULT 0,
    retry_at REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at REAL
);
CREATE TABLE IF NOT EXISTS files (
    repo TEXT NOT NULL,
    path TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    bytes_before INTEGER,
    bytes_after INTEGER,
    PRIMARY KEY (repo, path)
);
CREATE TABLE IF NOT EXISTS pulls_opened (
    repo TEXT NOT NULL,
    url TEXT NOT NULL,
    opened_at REAL NOT NULL
);
"""


@dataclass(frozen=True, kw_only=True)
class RepoRow:
    name: str
    status: str
    mode: str
    reason: str
    stage: str
    pr_url: str
    bytes_before: int
    bytes_after: int
    attempts: int

    @property
    def saved(self) -> int:
        return self.bytes_before - self.bytes_after


class State:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(
            path, check_same_thread=False, timeout=30, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One immediate transaction: committed on success, rolled back on error."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, names: Iterable[str]) -> None:
        """Register repositories; ones already known keep their status."""
        with self._write():
            start = self._db.execute("SELECT COUNT(*) FROM repositories").fetchone()[0]
            self._db.executemany(
                "INSERT OR IGNORE INTO repositories (name, position) VALUES (?, ?)",
                [(name, start + i) for i, name in enumerate(names)],
            )

    def unfinished(self, names: Iterable[str], *, mode: str) -> tuple[str, ...]:
        """Those of `names` that still need work in `mode`, in the given order."""
        wanted = list(names)
        with self._lock:
            rows = self._db.execute("SELECT name, status, mode FROM repositories")
            done = {n for n, s, m in rows if s in FINISHED and m == mode}
        return tuple(name for name in wanted if name not in done)

    def begin(self, name: str, *, mode: str) -> None:
        with self._write():
            self._db.execute(
                "INSERT OR IGNORE INTO repositories (name, position) VALUES (?, "
                "(SELECT COUNT(*) FROM repositories))",
                (name,),
            )
            self._db.execute(
                "UPDATE repositories SET status='running', mode=?, "
                "attempts=attempts+1, updated_at=? WHERE name=?",
                (mode, time.time(), name),
            )

    def finish(self, outcome: RepoOutcome, *, mode: str) -> None:
        """Store a repository's outcome and its files in one transaction."""
        with self._write():
            self._db.execute(
                "UPDATE repositories SET status=?, mode=?, reason=?, stage=?, "
                "pr_url=?, fingerprint=?, bytes_before=?, bytes_after=?, "
                "retry_at=?, updated_at=? "
                "WHERE name=?",
                (
                    outcome.status,
                    mode,
                    outcome.reason,
                    outcome.stage,
                    outcome.pr_url,
                    outcome.fingerprint,
                    outcome.bytes_before,
                    outcome.bytes_after,
                    outcome.retry_at,
                    time.time(),
                    outcome.name,
                ),
            )
            self._db.execute("DELETE FROM files WHERE repo=?", (outcome.name,))
            self._db.executemany(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        outcome.name,
                        f.path,
                        f.status,
                        f.reason,
                        f.bytes_before,
                        f.bytes_after,
                    )
                    for f in outcome.files
                ],
            )

    def reserve_pull(
        self, name: str, *, per_hour: int | None, now: float
    ) -> float | None:
        """Take one of the hour's PR slots for `name`; if none is free, when one is.

        Check and insert happen in one immediate transaction, so threads and
        processes sharing the file never open more than `per_hour` together.
        """
        with self._write():
            rows = self._db.execute(
                "SELECT opened_at FROM pulls_opened WHERE opened_at > ? "
                "ORDER BY opened_at",
                (now - HOUR,),
            ).fetchall()
            wait = next_opening([r[0] for r in rows], now=now, per_hour=per_hour)
            if wait is None:
                self._db.execute(
                    "INSERT INTO pulls_opened VALUES (?, '', ?)", (name, now)
                )
        return wait

    def settle_pull(self, name: str, *, at: float, url: str | None) -> None:
        """Record the URL of a reserved PR, or give the slot back (url None)."""
        with self._write():
            if url is None:
                self._db.execute(
                    "DELETE FROM pulls_opened WHERE repo=? AND opened_at=?", (name, at)
                )
            else:
                self._db.execute(
                    "UPDATE pulls_opened SET url=? WHERE repo=? AND opened_at=?",
                    (url, name, at),
                )

    def opened_since(self, moment: float) -> tuple[float, ...]:
        """When each PR opened after `moment` was opened, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT opened_at FROM pulls_opened WHERE opened_at > ? "
                "ORDER BY opened_at",
                (moment,),
            ).fetchall()
        return tuple(row[0] for row in rows)

    def repositories(self) -> tuple[RepoRow, ...]:
        with self._lock:
            rows = self._db.execute(
                "SELECT name, status, mode, reason, stage, pr_url, bytes_before, "
                "bytes_after, attempts FROM repositories ORDER BY position"
            ).fetchall()
        fields = ("name", "status", "mode", "reason", "stage", "pr_url")
        return tuple(
            RepoRow(
                **dict(zip(fields, row[:6], strict=True)),
                bytes_before=row[6],
                bytes_after=row[7],
                attempts=row[8],
            )
            for row in rows
        )
