"""The ``results``, ``plot`` and ``batch`` commands refuse bad paths and foreign files.

Most cases need no CAS: the store is checked before any job.  Rows written here by
hand (with :meth:`ResultStore.record`) stand for a sweep's failures; the done rows come
from real runs.
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from nagbridge.batch import ResultStore, parse_spec, run_batch
from nagbridge.batch._worker import JobOutcome
from nagbridge.cli import main

#: the fast dimension of (2, 1, 1), r = 2: the cone over a conic, min(2h, r + 1) = 2
#: (Iarrobino and Kanev, *Power Sums, Gorenstein Algebras and Determinantal Loci*, 1.44)
DIMENSION = '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "dimension"\n'

LONG_ERROR = (
    "MemoryLimitError: the CAS process ran out of its memory limit of 64 MiB while "
    "computing a Groebner basis of the elimination ideal; raise memory_limit or choose "
    "a smaller architecture, and the sentence ends here"
)


def nagbridge(*arguments: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (quicker than a new interpreter each time)."""
    out, err = io.StringIO(), io.StringIO()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(list(arguments))
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return subprocess.CompletedProcess(arguments, status, out.getvalue(), err.getvalue())


def _one_line_error(completed: subprocess.CompletedProcess[str], *words: str) -> None:
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nagbridge: error:"), completed.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _failed_store(path: Path) -> Path:
    """A store with one failed row (its error longer than a terminal line)."""
    (job,) = parse_spec(DIMENSION).jobs
    with ResultStore(path) as store:
        store.record(
            job,
            JobOutcome(job.key, "failed", None, None, LONG_ERROR, 0.5, "t0", "t1", "here:1"),
        )
    return path


def test_stores_that_cannot_be_read_are_named_and_never_written(tmp_path: Path) -> None:
    _one_line_error(nagbridge("results", str(tmp_path / "nope" / "r.db")), "does not exist")
    _one_line_error(nagbridge("results", str(tmp_path)), "is a directory")
    _one_line_error(nagbridge("results", str(tmp_path / "missing.db")), "no such file")
    assert not (tmp_path / "missing.db").exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    _one_line_error(nagbridge("results", str(empty)), "empty.db", "empty file")
    _one_line_error(nagbridge("plot", str(empty), "-o", str(tmp_path / "a.png")), "empty")
    assert empty.stat().st_size == 0  # no table was created in it
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    before = foreign.read_bytes()
    _one_line_error(nagbridge("results", str(foreign)), "foreign.db", "not a nagbridge store")
    assert foreign.read_bytes() == before
    # and batch does not adopt it either (checked before any job: no CAS involved)
    spec = tmp_path / "spec.toml"
    spec.write_text(DIMENSION)
    _one_line_error(
        nagbridge("batch", str(spec), "--store", str(foreign)), "not a nagbridge store"
    )
    assert foreign.read_bytes() == before
    _one_line_error(
        nagbridge("batch", str(spec), "--store", str(tmp_path / "nope" / "r.db")),
        "directory",
        "does not exist",
    )


def test_a_store_made_before_the_schema_mark_is_still_read(tmp_path: Path) -> None:
    path = _failed_store(tmp_path / "old.db")
    with sqlite3.connect(path) as connection:  # as written by the first release
        connection.execute("PRAGMA application_id = 0")
    assert "1 rows: 1 failed" in nagbridge("results", str(path)).stdout
    with ResultStore(path) as store:  # opened for writing: adopted and marked
        assert store.count() == 1


def test_results_table_shows_whole_errors_and_says_when_nothing_matches(tmp_path: Path) -> None:
    path = _failed_store(tmp_path / "r.db")
    table = nagbridge("results", str(path), columns=160)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert len(lines) > 3 and all(len(line) <= 160 for line in lines)  # wrapped
    assert " ".join(" ".join(lines[1:-1]).split()).endswith(LONG_ERROR.split("; ")[1])
    for word in LONG_ERROR.split():
        assert word in table.stdout
    none = nagbridge("results", str(path), "--status", "done")
    assert none.returncode == 0 and none.stdout.strip() == f"no rows with status done in {path}"


def test_plot_checks_output_invariant_and_rows_before_drawing(tmp_path: Path) -> None:
    path = _failed_store(tmp_path / "r.db")
    _one_line_error(
        nagbridge("plot", str(path), "-o", str(tmp_path / "nope" / "dir" / "a.png")),
        "does not exist",
    )
    _one_line_error(nagbridge("plot", str(path), "-o", str(tmp_path / "a.xyz")), "png", "pdf")
    _one_line_error(
        nagbridge("plot", str(path), "-o", str(tmp_path / "a.png"), "--invariant", "betti"),
        "unknown invariant",
        "implicitize, dimension, singular_locus, ed_degree",
    )
    assert not list(tmp_path.glob("a.*"))
    # only failed rows: one grey cell marked "failed", and the message says so
    drawn = nagbridge("plot", str(path), "-o", str(tmp_path / "a"))
    assert drawn.returncode == 0, drawn.stderr
    picture = tmp_path / "a.png"
    assert f"1 cells drawn to {picture} (0 with a defect, 1 marked" in drawn.stdout
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (tmp_path / "a").exists()

    empty = tmp_path / "empty.db"
    ResultStore(empty).close()
    _one_line_error(nagbridge("plot", str(empty), "-o", str(tmp_path / "b.png")), "has no rows")


@pytest.mark.singular
def test_plot_draws_done_rows_in_a_pdf(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "r.db") as store:
        assert run_batch(parse_spec(DIMENSION), store).counts == {"done": 1}
    drawn = nagbridge("plot", str(tmp_path / "r.db"), "-o", str(tmp_path / "a.pdf"))
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stdout.strip() == f"1 cells drawn to {tmp_path / 'a.pdf'}"
    assert (tmp_path / "a.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.singular
def test_dask_scheduler_addresses_are_checked_and_leave_no_store(tmp_path: Path) -> None:
    spec, store = tmp_path / "spec.toml", tmp_path / "r.db"
    spec.write_text(DIMENSION)
    common = ("batch", str(spec), "--store", str(store), "--executor", "dask")
    _one_line_error(nagbridge(*common, "--scheduler", "notaurl"), "notaurl", "tcp://")
    # port 9 (discard): nothing listens on it here, the connection is refused
    refused = nagbridge(*common, "--scheduler", "tcp://127.0.0.1:9")
    assert refused.returncode == 1, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot connect to the Dask scheduler" in lines[0]
    assert not list(tmp_path.glob("r.db*"))
