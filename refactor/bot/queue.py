"""A durable delivery queue in SQLite.

A delivery is written before the webhook is answered, so a crash or a kill
after the answer loses nothing: a job whose worker died comes back when its
lease runs out. Jobs of one repository never run at once, so two pushes to the
same repository cannot open two pull requests.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    repository TEXT,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before REAL NOT NULL,
    lease_until REAL,
    received_at REAL NOT NULL,
    finished_at REAL,
    outcome TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_ready ON deliveries (status, not_before);
"""

Admission = Literal["queued", "duplicate", "already-queued", "requeued"]


@dataclass(frozen=True)
class Job:
    delivery: str
    event: str
    repository: str | None
    payload: dict[str, Any]
    attempts: int


@dataclass(frozen=True)
class Row:
    """One delivery as the status page shows it."""

    delivery: str
    event: str
    repository: str | None
    status: str
    attempts: int
    outcome: str | None
    error: str | None


@dataclass(frozen=True, kw_only=True)
class Backoff:
    """Retry delays double from `first` up to `most`; after `attempts` tries a job
    is left failed, until GitHub redelivers it."""

    first: float = 5.0
    most: float = 600.0
    attempts: int = 5

    def delay(self, attempt: int) -> float:
        return float(min(self.most, self.first * 2 ** max(0, attempt - 1)))


class DeliveryQueue:
    def __init__(self, path: Path, *, backoff: Backoff | None = None) -> None:
        self.path = path
        self.backoff = backoff or Backoff()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.executescript(SCHEMA)
        finally:
            db.close()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One connection, taken in turn: opening one costs more than the write
        # itself, and SQLite's own busy wait serves waiting writers far less
        # fairly than a lock. BEGIN IMMEDIATE keeps each claim atomic against
        # other processes; synchronous=FULL makes an answered delivery survive
        # a power cut as well as a kill.
        with self._lock:
            if self._db is None:
                self._db = sqlite3.connect(
                    self.path,
                    timeout=30,
                    isolation_level=None,
                    check_same_thread=False,
                )
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=FULL")
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def recover(self) -> int:
        """Requeue the jobs a killed service left running. One service owns a
        queue file, so at its start nothing can still be running elsewhere."""
        with self._connect() as db:
            cursor = db.execute(
                "UPDATE deliveries SET status = 'queued', lease_until = NULL"
                " WHERE status = 'running'"
            )
        return cursor.rowcount

    def accept(
        self, delivery: str, event: str, repository: str | None, payload: bytes
    ) -> Admission:
        """Store a delivery; a known id is not queued twice unless it had failed."""
        now = time.time()
        with self._connect() as db:
            found = db.execute(
                "SELECT status FROM deliveries WHERE id = ?", (delivery,)
            ).fetchone()
            if found is None:
                db.execute(
                    "INSERT INTO deliveries (id, event, repository, payload, status,"
                    " not_before, received_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
                    (delivery, event, repository, payload.decode(), now, now),
                )
                return "queued"
            if found[0] in ("done", "ignored"):
                return "duplicate"
            if found[0] == "failed":
                db.execute(
                    "UPDATE deliveries SET status = 'queued', attempts = 0,"
                    " not_before = ?, error = NULL WHERE id = ?",
                    (now, delivery),
                )
                return "requeued"
            return "already-queued"

    def claim(self, *, lease: float = 900.0) -> Job | None:
        """The oldest ready job whose repository has no job running, leased."""
        now = time.time()
        with self._connect() as db:
            row = db.execute(
                "SELECT id, event, repository, payload, attempts FROM deliveries d"
                " WHERE (status = 'queued' AND not_before <= :now"
                "        OR status = 'running' AND lease_until < :now)"
                " AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.id != d.id"
                "   AND o.repository IS d.repository AND d.repository IS NOT NULL"
                "   AND o.status = 'running' AND o.lease_until >= :now)"
                " ORDER BY received_at LIMIT 1",
                {"now": now},
            ).fetchone()
            if row is None:
                return None
            db.execute(
                "UPDATE deliveries SET status = 'running', attempts = attempts + 1,"
                " lease_until = ? WHERE id = ?",
                (now + lease, row[0]),
            )
        return Job(row[0], row[1], row[2], json.loads(row[3]), row[4] + 1)

    def complete(self, job: Job, outcome: str, *, ignored: bool = False) -> None:
        status = "ignored" if ignored else "done"
        with self._connect() as db:
            db.execute(
                "UPDATE deliveries SET status = ?, outcome = ?, finished_at = ?,"
                " lease_until = NULL, payload = '{}' WHERE id = ?",
                (status, outcome, time.time(), job.delivery),
            )

    def retry(self, job: Job, error: str) -> bool:
        """Put the job back with a delay; False once it has used its attempts."""
        again = job.attempts < self.backoff.attempts
        now = time.time()
        with self._connect() as db:
            db.execute(
                "UPDATE deliveries SET status = ?, not_before = ?, error = ?,"
                " lease_until = NULL, finished_at = ? WHERE id = ?",
                (
                    "queued" if again else "failed",
                    now + self.backoff.delay(job.attempts),
                    error[-2000:],
                    None if again else now,
                    job.delivery,
                ),
            )
        return again

    def last_done(self, repository: str) -> float | None:
        """When a push or scan of `repository` last finished, for schedules."""
        with self._connect() as db:
            (moment,) = db.execute(
                "SELECT MAX(finished_at) FROM deliveries WHERE repository = ?"
                " AND status = 'done' AND event IN ('push', 'scan')",
                (repository,),
            ).fetchone()
        return None if moment is None else float(moment)

    def depth(self) -> int:
        with self._connect() as db:
            (count,) = db.execute(
                "SELECT COUNT(*) FROM deliveries WHERE status IN ('queued', 'running')"
            ).fetchone()
        return int(count)

    def recent(self, limit: int = 20) -> tuple[Row, ...]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, event, repository, status, attempts, outcome, error"
                " FROM deliveries ORDER BY received_at DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return tuple(Row(*row) for row in rows)
