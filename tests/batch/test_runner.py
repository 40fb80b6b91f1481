"""Sweeps through real CAS processes: resume, crashes, timeouts, a killed runner, Dask.

The expected values are classical.  A network (d0, h, 1) with activation t^r computes
sums of h r-th powers of linear forms, so its neurovariety is the affine cone over the
h-th secant variety of the Veronese variety v_r(P^(d0-1)):

- d0 = 2 (binary forms of degree r): by Sylvester's theorem the generic binary form of
  degree r is a sum of ceil((r+1)/2) r-th powers, and the h-th secant variety of the
  rational normal curve has affine dimension min(2h, r+1) (Iarrobino and Kanev, *Power
  Sums, Gorenstein Algebras and Determinantal Loci*, Thm. 1.44).  For h = 1 it is the
  cone over the rational normal curve of degree r, of degree r (Harris, *Algebraic
  Geometry*, Example 1.14 and Exercise 18.16); otherwise it fills (degree 1).
- d0 = 3, r = 2 (ternary quadrics as symmetric 3x3 matrices): sums of h squares are the
  symmetric matrices of rank <= h, of dimension 3h - h(h-1)/2 (Harris, Example 12.4);
  for h = 1 the cone over the Veronese surface, of degree 2^2 = 4 (Harris, Example 18.13),
  for h = 2 the determinant hypersurface, of degree 3.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from nagbridge.batch import ResultStore, parse_spec, run_batch

pytestmark = [pytest.mark.singular]

SWEEP = """
[[sweep]]
widths = {grid = [2, {from = 1, to = 4}, 1]}
activation_degree = [2, 3]
compute = ["implicitize", "dimension"]
backend = "singular"
timeout = 60

[[sweep]]
widths = {grid = [3, [1, 2], 1]}
activation_degree = 2
compute = ["implicitize", "dimension"]
backend = "singular"
timeout = 60
"""

#: A problem Singular does not finish within a minute on this machine (widths (3, 3, 1),
#: r = 3: sums of three cubes in three variables, an elimination in 9 weights).
SLOW = """
[[sweep]]
widths = [3, 3, 1]
activation_degree = 3
compute = "implicitize"
backend = "singular"
timeout = {timeout}
"""

QUICK = """
[[sweep]]
widths = {{grid = [2, 1, 1]}}
activation_degree = {{from = 2, to = {last}}}
compute = "implicitize"
backend = "singular"
timeout = 60
"""


def expected(widths: list[int], r: int) -> tuple[int, int]:
    """Dimension and degree of the neurovariety of (d0, h, 1), from the module docstring."""
    d0, h, _ = widths
    if d0 == 2:
        dimension = min(2 * h, r + 1)
        return dimension, (r if h == 1 else 1)
    assert (d0, r) == (3, 2)
    return 3 * h - h * (h - 1) // 2, {1: 4, 2: 3}[h]


def _comparable(row: dict[str, object]) -> tuple[object, ...]:
    result = row["result"]
    assert isinstance(result, dict)
    return (row["key"], row["status"], result["dimension"], result.get("degree"))


def test_sweep_of_20_jobs_completes_resumes_and_dask_gives_the_same_rows(tmp_path: Path) -> None:
    spec = parse_spec(SWEEP)
    assert len(spec.jobs) == 20  # 4 widths x 2 degrees x 2 invariants + 2 widths x 2
    with ResultStore(tmp_path / "local.db") as store:
        report = run_batch(spec, store, workers=2)
        assert report.counts == {"done": 20}
        rows = list(store.rows())
    assert len(rows) == 20
    for row in rows:
        dimension, degree = expected(
            row["problem"]["model"]["widths"], row["problem"]["model"]["activation_degree"]
        )
        assert row["result"]["dimension"] == dimension, row["label"]
        if row["invariant"] == "implicitize":
            assert row["result"]["degree"] == degree, row["label"]
            assert row["cas_version"].startswith("singular ")

    # the same spec against the same store does no work and leaves the rows alone
    with ResultStore(tmp_path / "local.db") as store:
        again = run_batch(spec, store, workers=2)
        assert (again.ran, again.already_done) == (0, 20)
        assert list(store.rows()) == rows

    # Dask: an embedded LocalCluster of real worker processes, the same rows (run by the
    # command line, so that Dask's spawned processes and helpers end with it)
    spec_file = tmp_path / "sweep.toml"
    spec_file.write_text(SWEEP)
    completed = subprocess.run(
        [*_batch_command(spec_file, tmp_path / "dask.db"), "--executor", "dask", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "20 jobs: 0 already done, 20 run (20 done)" in completed.stdout
    with ResultStore(tmp_path / "dask.db") as store:
        dask_rows = list(store.rows())
    assert sorted(map(_comparable, dask_rows)) == sorted(map(_comparable, rows))


def test_a_job_over_its_timeout_is_recorded_and_its_worker_keeps_serving(tmp_path: Path) -> None:
    spec = parse_spec(SLOW.format(timeout=2) + QUICK.format(last=4))
    with ResultStore(tmp_path / "r.db") as store:
        report = run_batch(spec, store, workers=1)
        rows = {row["label"]: row for row in store.rows()}
    assert report.counts == {"timeout": 1, "done": 3}
    slow = next(row for row in rows.values() if row["problem"]["model"]["widths"] == [3, 3, 1])
    assert slow["status"] == "timeout" and "2 s" in slow["error"]
    assert 2 <= slow["seconds"] < 30
    # one worker served all four jobs; the next ones are the cones over rational normal
    # curves of degree r = 2, 3, 4 (dimension 2, degree r)
    assert len({row["worker"] for row in rows.values()}) == 1
    for row in rows.values():
        if row is not slow:
            assert row["status"] == "done"
            r = row["problem"]["model"]["activation_degree"]
            assert (row["result"]["dimension"], row["result"]["degree"]) == (2, r)


def _batch_command(spec: Path, store: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "nagbridge", "batch", str(spec), "--store", str(store), *extra]


@contextlib.contextmanager
def _running_batch(spec: Path, store: Path) -> Iterator[subprocess.Popen[str]]:
    """``nagbridge batch`` with one worker in a subprocess, killed if a test leaves it."""
    runner = subprocess.Popen(
        _batch_command(spec, store, "--workers", "1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield runner
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.communicate()


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _wait_for(condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def _row_count(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(store, timeout=5) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def _singular_of(pid: int) -> list[psutil.Process]:
    found = []
    for process in _descendants(pid):
        try:
            if process.name().startswith("Singular"):
                found.append(process)
        except psutil.NoSuchProcess:
            continue
    return found


def test_a_cas_killed_mid_job_is_recorded_as_crashed_and_the_rest_complete(
    tmp_path: Path,
) -> None:
    spec, store = tmp_path / "spec.toml", tmp_path / "r.db"
    spec.write_text(SLOW.format(timeout=60) + QUICK.format(last=4))
    with _running_batch(spec, store) as runner:
        _wait_for(lambda: _singular_of(runner.pid))
        time.sleep(1.5)  # the slow job is running: it takes more than a minute
        assert _row_count(store) == 0
        (cas,) = _singular_of(runner.pid)
        os.kill(cas.pid, signal.SIGKILL)
        out, err = runner.communicate(timeout=120)
    assert runner.returncode == 1, err  # not every job is done
    with ResultStore(store) as results:
        statuses = sorted(row["status"] for row in results.rows())
        crashed = [row for row in results.rows() if row["status"] == "crashed"]
    assert statuses == ["crashed", "done", "done", "done"]
    assert "Singular" in crashed[0]["error"] and "ended unexpectedly" in crashed[0]["error"]
    assert "4 jobs: 0 already done, 4 run (1 crashed, 3 done)" in out

    # crashed jobs stay recorded; --retry-failed runs them again (below with a short limit)
    again = subprocess.run(
        _batch_command(spec, store), capture_output=True, text=True, timeout=120, check=False
    )
    assert "4 jobs: 3 already done, 1 not retried (1 crashed), 0 run" in again.stdout
    spec.write_text(SLOW.format(timeout=1) + QUICK.format(last=4))  # the same problems
    retried = subprocess.run(
        _batch_command(spec, store, "--retry-failed"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "4 jobs: 3 already done, 1 run (1 timeout)" in retried.stdout, retried.stderr
    with ResultStore(store) as results:
        rows = list(results.rows())
    assert len(rows) == 4
    (slow,) = (row for row in rows if row["problem"]["model"]["widths"] == [3, 3, 1])
    assert (slow["status"], slow["attempts"]) == ("timeout", 2)


def test_a_killed_runner_loses_no_finished_result_and_duplicates_nothing(tmp_path: Path) -> None:
    spec, store = tmp_path / "spec.toml", tmp_path / "r.db"
    # six quick jobs (r = 2..7), then a slow one (stopped after 3 s), then two more
    spec.write_text(
        QUICK.format(last=7)
        + SLOW.format(timeout=3)
        + QUICK.format(last=9).replace("from = 2", "from = 8")
    )
    runner = subprocess.Popen(
        _batch_command(spec, store, "--workers", "1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _row_count(store) >= 6)
        tree = _descendants(runner.pid)
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)
    finally:
        if runner.poll() is None:
            runner.kill()
    # the orphaned worker notices that its runner is gone and ends itself and its CAS
    assert tree and any(process.name().startswith("Singular") for process in tree)
    _, alive = psutil.wait_procs(tree, timeout=20)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    assert not alive, alive

    with ResultStore(store) as results:
        before = {row["key"]: row for row in results.rows()}
    assert 6 <= len(before) < 9 and all(row["status"] == "done" for row in before.values())

    rerun = subprocess.run(
        _batch_command(spec, store), capture_output=True, text=True, timeout=120, check=False
    )
    assert rerun.returncode == 1, rerun.stderr  # the slow job timed out
    assert f"9 jobs: {len(before)} already done" in rerun.stdout
    with ResultStore(store) as results:
        after = {row["key"]: row for row in results.rows()}
        assert results.count() == 9
    for key, row in before.items():
        assert after[key] == row  # untouched: same result, same finishing time
    assert sorted(row["status"] for row in after.values()) == ["done"] * 8 + ["timeout"]
    # cones over rational normal curves of degree r = 2..9: dimension 2, degree r
    for row in after.values():
        if row["status"] == "done":
            r = row["problem"]["model"]["activation_degree"]
            assert (row["result"]["dimension"], row["result"]["degree"]) == (2, r)


def test_results_and_plot_commands(tmp_path: Path) -> None:
    spec, store = tmp_path / "spec.toml", tmp_path / "r.db"
    spec.write_text(QUICK.format(last=3) + SLOW.format(timeout=1))
    subprocess.run(_batch_command(spec, store), capture_output=True, timeout=120, check=False)

    def nagbridge(*arguments: str) -> str:
        completed = subprocess.run(
            [sys.executable, "-m", "nagbridge", *arguments],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        return completed.stdout

    rows = json.loads(nagbridge("results", str(store), "--format", "json"))
    assert sorted(row["status"] for row in rows) == ["done", "done", "timeout"]
    csv_lines = nagbridge("results", str(store), "--format", "csv").splitlines()
    assert csv_lines[0].startswith("key,status,label") and len(csv_lines) == 4
    table = nagbridge("results", str(store))
    assert "dimension 2, degree 3" in table and "3 rows: 2 done, 1 timeout" in table
    picture = tmp_path / "sweep.png"
    assert "3 cells drawn" in nagbridge("plot", str(store), "-o", str(picture))
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_fast_dimension_over_its_timeout_is_stopped_by_the_alarm(tmp_path: Path) -> None:
    # (30, 30, 30, 2), r = 2: a 1,800-column Jacobian, about 10 s on this machine
    spec = parse_spec(
        '[[sweep]]\nwidths = [30, 30, 30, 2]\nactivation_degree = 2\ncompute = "dimension"\n'
        "timeout = 1\n\n"
        '[[sweep]]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "dimension"\n'
    )
    with ResultStore(tmp_path / "r.db") as store:
        report = run_batch(spec, store, workers=1)
        rows = list(store.rows())
    assert report.counts == {"timeout": 1, "done": 1}
    slow = next(row for row in rows if row["status"] == "timeout")
    assert 1 <= slow["seconds"] < 8
    # the same worker then serves (2, 1, 1), r = 2: dimension min(2h, r + 1) = 2
    (quick,) = (row for row in rows if row["status"] == "done")
    assert quick["result"]["dimension"] == 2 and quick["worker"] == slow["worker"]


def test_memory_limited_jobs_and_a_failed_job_beside_them(tmp_path: Path) -> None:
    spec = parse_spec(
        '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = ["implicitize", '
        '"dimension"]\nbackend = "singular"\nfield = ["QQ", "GF(101)"]\n'
        'memory_limit = "1GiB"\n'
    )
    with ResultStore(tmp_path / "r.db") as store:
        report = run_batch(spec, store, workers=1)
        rows = {(row["invariant"], row["field"]): row for row in store.rows()}
    assert report.counts == {"done": 3, "failed": 1}
    # (a x + b y)^2 = a^2 x^2 + 2ab xy + b^2 y^2: the cone over a conic, dimension 2 and
    # degree 2 in characteristic 0 and in characteristic 101 (not 2) alike
    for field in ("QQ", "GF(101)"):
        result = rows[("implicitize", field)]["result"]
        assert (result["dimension"], result["degree"]) == (2, 2)
    assert rows[("dimension", "QQ")]["result"]["dimension"] == 2
    failed = rows[("dimension", "GF(101)")]
    assert failed["status"] == "failed" and "over QQ only" in failed["error"]


def test_a_killed_worker_process_is_replaced_and_its_job_run_again(tmp_path: Path) -> None:
    spec, store = tmp_path / "spec.toml", tmp_path / "r.db"
    spec.write_text(SLOW.format(timeout=3) + QUICK.format(last=3))
    with _running_batch(spec, store) as runner:
        _wait_for(lambda: _singular_of(runner.pid))
        time.sleep(1.0)
        (cas,) = _singular_of(runner.pid)
        worker = cas.parent()
        assert worker is not None and worker.pid != runner.pid
        worker.kill()  # the worker process itself, not its CAS
        out, err = runner.communicate(timeout=120)
    psutil.wait_procs([cas], timeout=10)  # the orphaned CAS ends with its terminal
    assert not cas.is_running()
    with ResultStore(store) as results:
        rows = list(results.rows())
    # the slow job ran again on a fresh pool, and then timed out; the quick ones are done
    assert sorted(row["status"] for row in rows) == ["done", "done", "timeout"], err
    assert "3 jobs: 0 already done, 3 run (2 done, 1 timeout)" in out


def test_forked_workers_leave_the_runners_own_sessions_alone(tmp_path: Path) -> None:
    from nagbridge import PolynomialNetwork, get_backend, implicitize

    # a shared Singular session of this (the runner's) process, as a notebook holds one
    conic = implicitize(PolynomialNetwork((2, 1, 1), 2), backend="singular")
    session = get_backend("singular").session
    pid = session.pid
    spec = parse_spec(QUICK.format(last=3))
    with ResultStore(tmp_path / "r.db") as store:
        assert run_batch(spec, store, workers=1).counts == {"done": 2}
    again = implicitize(PolynomialNetwork((2, 1, 1), 2), backend="singular")
    assert session.pid == pid and session.alive  # neither used nor closed by the worker
    assert (again.dimension, again.degree) == (conic.dimension, conic.degree) == (2, 2)
