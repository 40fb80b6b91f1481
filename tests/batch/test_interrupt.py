"""Interrupting a sweep: SIGINT or SIGTERM to the runner alone, and Ctrl-C under Dask.

The runner is a real ``nagbridge batch`` process with real Singular workers.  The quick
jobs are the cones over the rational normal curves of degree r (widths (2, 1, 1),
activation t^r: the binary forms (a x + b y)^r), of dimension 2 and degree r (Harris,
*Algebraic Geometry*, Example 1.14 and Exercise 18.16).  The slow job, widths (3, 3, 1)
with r = 3, is one Singular does not finish within a minute on this machine: it is
running when the signal arrives.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

from nagbridge.backends._process import OWNER_VARIABLE
from nagbridge.batch import ResultStore

pytestmark = [pytest.mark.singular]

SPEC = """
[[sweep]]
widths = [2, 1, 1]
activation_degree = [2, 3]
compute = "implicitize"
backend = "singular"
timeout = {timeout}

[[sweep]]
widths = [3, 3, 1]
activation_degree = 3
compute = "implicitize"
backend = "singular"
timeout = {timeout}
"""


def _rows(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(store, timeout=5)) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _tagged(tag: str) -> list[psutil.Process]:
    """Live processes whose environment carries ``NAGBRIDGE_OWNER=tag`` (CAS included)."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if process.environ().get(OWNER_VARIABLE) == tag and process.status() != "zombie":
                found.append(process)
    return found


def _interrupt(
    tmp_path: Path, signal_number: int, *extra: str, group: bool = False
) -> tuple[subprocess.CompletedProcess[str], Path, Path, list[psutil.Process]]:
    """Start a sweep, signal it while the slow job runs, and return how it ended."""
    spec, store = tmp_path / "spec.toml", tmp_path / "r.db"
    spec.write_text(SPEC.format(timeout=60))
    tag = f"interrupt-{uuid.uuid4().hex}"
    runner = subprocess.Popen(
        [sys.executable, "-m", "nagbridge", "batch", str(spec), "--store", str(store), *extra],
        env={**os.environ, OWNER_VARIABLE: tag},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=group,  # its own process group, as a shell gives a command
    )
    try:
        deadline = 120.0
        started = time.monotonic()
        # both quick jobs are stored, and the slow one has a Singular computing it
        while _rows(store) < 2 or not any(
            process.name().startswith("Singular") for process in _tagged(tag)
        ):
            assert runner.poll() is None and time.monotonic() - started < deadline
            time.sleep(0.1)
        if group:
            os.killpg(runner.pid, signal_number)  # Ctrl-C at a terminal
        else:
            runner.send_signal(signal_number)  # the runner's own PID only
        out, err = runner.communicate(timeout=30)
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.communicate()
    left = _tagged(tag)
    _, alive = psutil.wait_procs(left, timeout=5)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
    return (
        subprocess.CompletedProcess(runner.args, runner.returncode, out, err),
        spec,
        store,
        alive,
    )


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_a_signal_to_the_runner_alone_stops_workers_and_cas_and_keeps_finished_rows(
    tmp_path: Path, signal_number: int
) -> None:
    ended, spec, store, alive = _interrupt(tmp_path, signal_number, "--workers", "2")
    assert ended.returncode == 130, ended.stderr
    message = ended.stderr.strip().splitlines()
    assert len(message) == 1 and "interrupted" in message[0] and "2 finished rows" in message[0]
    assert not alive, alive  # no worker, no CAS left behind
    with ResultStore(store, read_only=True) as results:
        rows = list(results.rows())
    assert len(rows) == 2 and all(row["status"] == "done" for row in rows)
    for row in rows:
        r = row["problem"]["model"]["activation_degree"]
        assert (row["result"]["dimension"], row["result"]["degree"]) == (2, r)

    # a rerun resumes: the two done jobs are skipped, the slow one runs (briefly now)
    spec.write_text(SPEC.format(timeout=1))  # timeouts are not part of a job's key
    rerun = subprocess.run(
        [sys.executable, "-m", "nagbridge", "batch", str(spec), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert rerun.returncode == 1, rerun.stderr
    assert "3 jobs: 2 already done, 1 run (1 timeout)" in rerun.stdout


def test_ctrl_c_under_dask_stops_quietly_and_keeps_finished_rows(tmp_path: Path) -> None:
    ended, _, store, alive = _interrupt(
        tmp_path, signal.SIGINT, "--executor", "dask", "--workers", "2", group=True
    )
    assert ended.returncode == 130, ended.stderr
    assert "Traceback" not in ended.stderr and "KeyboardInterrupt" not in ended.stderr
    assert len(ended.stderr.strip().splitlines()) == 1, ended.stderr
    assert not alive, alive
    assert _rows(store) == 2
