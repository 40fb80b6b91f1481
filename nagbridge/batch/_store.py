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

__all__ = ["APPLICATION_ID", "COLUMNS", "ResultStore", "remove_store"]

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


#: ``PRAGMA application_id`` of a nagbridge store ("NAGB"), and its schema version.
APPLICATION_ID = 0x4E414742
SCHEMA_VERSION = 1


class ResultStore:
    """A SQLite file of job rows (see the module docstring); one writer at a time.

    A store is marked as nagbridge's with ``PRAGMA application_id`` (and its schema
    version in ``user_version``).  Opening for writing creates a new store in a missing
    or empty file, and refuses any other SQLite database (one with tables but not
    nagbridge's ``jobs`` table); ``read_only`` opens an existing store only and never
    writes to the file.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:":
            _check_path(Path(self.path), read_only)
        try:
            if read_only:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._connection = sqlite3.connect(uri, uri=True, timeout=30)
            else:
                self._connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._adopt()
        except sqlite3.DatabaseError as error:
            raise InvalidInputError(
                "store", self.path, f"is not a nagbridge results database: {error}"
            ) from None
        self._connection.row_factory = sqlite3.Row

    def _adopt(self) -> None:
        """Check that the file is a nagbridge store (creating one in an empty file)."""
        connection = self._connection
        marked = connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        columns = tuple(row[1] for row in connection.execute("PRAGMA table_info(jobs)"))
        ours = tables == {"jobs"} and columns == COLUMNS  # marked, or made before the mark
        if tables and not ours:
            reason = "its tables are not nagbridge's" + (
                f" ({', '.join(sorted(tables))})" if not marked else ""
            )
            raise InvalidInputError(
                "store", self.path, f"is an SQLite database but not a nagbridge store: {reason}"
            )
        if self.read_only:
            if not tables:
                raise InvalidInputError(
                    "store", self.path, "is not a nagbridge store: it holds no results table"
                )
            return
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(_SCHEMA)
        if not marked:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

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


def _check_path(path: Path, read_only: bool) -> None:
    """Refuse, by name, a store path that cannot be a results file."""
    if path.is_dir():
        raise InvalidInputError("store", str(path), "is a directory, not a results file")
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInputError("store", str(path), f"the directory {folder} does not exist")
    if read_only:
        if not path.exists():
            raise InvalidInputError("store", str(path), "no such file")
        if path.stat().st_size == 0:
            raise InvalidInputError(
                "store", str(path), "is an empty file, not a nagbridge results database"
            )


def remove_store(path: str | Path) -> None:
    """Delete a store file and its write-ahead-log companions (for a store left empty)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
