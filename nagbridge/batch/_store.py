"""The results of a sweep in SQLite: one row per job, keyed by the job's problem hash.

Each finished job is written in its own transaction as soon as it finishes, so a runner
killed at any moment loses at most the jobs that were still running.  The database runs
in write-ahead-log mode; a row is replaced only when its job is run again
(``--retry-failed``), never duplicated.

>>> store = ResultStore(":memory:")
>>> store.statuses()
{}
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nagbridge._exceptions import InvalidInputError
from nagbridge.batch._spec import Job
from nagbridge.batch._worker import JobOutcome

__all__ = ["COLUMNS", "ResultStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    key TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'timeout', 'crashed')),
    label TEXT NOT NULL,
    model TEXT NOT NULL,
    invariant TEXT NOT NULL,
    field TEXT NOT NULL,
    backend TEXT NOT NULL,
    cas_version TEXT,
    problem TEXT NOT NULL,
    result TEXT,
    method TEXT,
    error TEXT,
    seconds REAL NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    worker TEXT NOT NULL
)
"""

#: The columns of the ``jobs`` table, in order.
COLUMNS = (
    "key",
    "status",
    "label",
    "model",
    "invariant",
    "field",
    "backend",
    "cas_version",
    "problem",
    "result",
    "method",
    "error",
    "seconds",
    "started_at",
    "finished_at",
    "attempts",
    "worker",
)


class ResultStore:
    """A SQLite file of job rows (see the module docstring); one writer at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.execute(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise InvalidInputError(
                "store", self.path, f"is not a nagbridge results database: {error}"
            ) from None
        self._connection.row_factory = sqlite3.Row

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def statuses(self, keys: Iterable[str] | None = None) -> dict[str, str]:
        """Key -> status of the stored jobs (of ``keys`` only, when given)."""
        rows = self._connection.execute("SELECT key, status FROM jobs").fetchall()
        found = {row["key"]: row["status"] for row in rows}
        if keys is None:
            return found
        return {key: found[key] for key in keys if key in found}

    def record(self, job: Job, outcome: JobOutcome) -> None:
        """Write the outcome of ``job`` in one transaction (replacing an earlier attempt)."""
        values = {
            "key": job.key,
            "status": outcome.status,
            "label": job.label,
            "model": job.model,
            "invariant": job.invariant,
            "field": job.field,
            "backend": job.backend,
            "cas_version": job.cas_version,
            "problem": json.dumps(job.canonical(), sort_keys=True, default=str),
            "result": None if outcome.result is None else json.dumps(outcome.result, default=str),
            "method": outcome.method,
            "error": outcome.error,
            "seconds": outcome.seconds,
            "started_at": outcome.started_at,
            "finished_at": outcome.finished_at,
            "worker": outcome.worker,
        }
        names = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        updates = ", ".join(f"{name} = excluded.{name}" for name in values if name != "key")
        with self._connection:
            self._connection.execute("BEGIN IMMEDIATE")
            self._connection.execute(
                f"INSERT INTO jobs ({names}, attempts) VALUES ({marks}, 1) "
                f"ON CONFLICT(key) DO UPDATE SET {updates}, attempts = jobs.attempts + 1",
                values,
            )

    def rows(self) -> Iterator[dict[str, Any]]:
        """Every row, in the order the jobs finished; ``result`` and ``problem`` decoded."""
        for row in self._connection.execute("SELECT * FROM jobs ORDER BY finished_at, key"):
            data = dict(row)
            data["result"] = None if data["result"] is None else json.loads(data["result"])
            data["problem"] = json.loads(data["problem"])
            yield data

    def count(self) -> int:
        return int(self._connection.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
