"""Run the jobs of a spec on worker processes and record each one as it finishes.

Executors: ``local`` (a :class:`concurrent.futures.ProcessPoolExecutor` of ``workers``
processes; each keeps its CAS sessions open across jobs) or ``dask`` (a
:mod:`dask.distributed` cluster: an embedded ``LocalCluster`` of ``workers`` processes,
or an existing cluster at ``scheduler``).  Both go through the same
:class:`concurrent.futures.Executor` interface (Dask's ``Client.get_executor``), at
most ``workers`` jobs in flight, so the same spec gives the same rows on either.

If a worker process itself dies (not its CAS: that is a ``crashed`` job and the
worker goes on), the jobs it had in flight are run once more on a fresh pool, and
recorded as ``crashed`` if they break a pool again.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import FrameType
from typing import Any

import psutil

from nagbridge._exceptions import InvalidInputError, NagbridgeError
from nagbridge.batch._spec import BatchSpec, Job
from nagbridge.batch._store import ResultStore
from nagbridge.batch._worker import (
    JobOutcome,
    cas_versions,
    close_worker,
    run_job,
    watch_parent,
)

__all__ = [
    "EXECUTORS",
    "BatchReport",
    "SchedulerError",
    "check_scheduler_address",
    "plan",
    "run_batch",
]

logger = logging.getLogger("nagbridge.batch")

EXECUTORS = ("local", "dask")


@dataclass
class BatchReport:
    """What one run did: jobs skipped because stored, and the status of each job run."""

    total: int
    already_done: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    keys: list[str] = field(default_factory=list)

    @property
    def ran(self) -> int:
        return sum(self.counts.values())

    @property
    def skipped_failed(self) -> int:
        """Jobs not run because stored as failed, timeout or crashed (see ``skipped``)."""
        return sum(self.skipped.values())


@dataclass
class Progress:
    """Counts shown by the progress bar."""

    done: int = 0
    failed: int = 0
    running: int = 0


def plan(
    spec: BatchSpec, store: ResultStore, versions: dict[str, str], retry_failed: bool
) -> tuple[list[Job], BatchReport]:
    """The jobs still to run: not stored as ``done`` (nor failed, unless ``retry_failed``)."""
    jobs = [job.with_versions(versions) for job in spec.jobs]
    stored = store.statuses(job.key for job in jobs)
    report = BatchReport(total=len(jobs), keys=[job.key for job in jobs])
    todo = []
    for job in jobs:
        status = stored.get(job.key)
        if status == "done":
            report.already_done += 1
        elif status is not None and not retry_failed:
            report.skipped[status] = report.skipped.get(status, 0) + 1
        else:
            todo.append(job)
    return todo, report


def _crash_outcome(job: Job, reason: str) -> JobOutcome:
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    return JobOutcome(job.key, "crashed", None, None, reason, 0.0, now, now, "lost")


@contextmanager
def _local_executor(workers: int) -> Iterator[Callable[[], Executor]]:
    """Fresh process pools on demand (a broken pool is replaced); all shut down at the end."""
    pools: list[concurrent.futures.ProcessPoolExecutor] = []
    # fork: workers start at once, without importing nagbridge again, and a script calling
    # run_batch needs no ``if __name__ == "__main__"`` guard (spawn would re-run it)
    context = multiprocessing.get_context("fork")

    def make() -> Executor:
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=watch_parent,
            initargs=(os.getpid(),),
        )
        pools.append(pool)
        return pool

    try:
        yield make
    except BaseException:
        # interrupted (KeyboardInterrupt from SIGINT or SIGTERM) or failing: a graceful
        # shutdown would wait for the jobs in flight, so end the workers and their CAS now
        for pool in pools:
            # the pool's worker processes: ProcessPoolExecutor has no public accessor
            processes = getattr(pool, "_processes", None) or {}
            kill_process_trees([process.pid for process in processes.values()])
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def kill_process_trees(pids: list[int]) -> None:
    """Kill each process of ``pids`` and every process below it (its CAS), at once.

    The descendants are listed before anything is killed: a CAS whose worker died first
    would be re-parented and no longer found below it.
    """
    victims: list[psutil.Process] = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            process = psutil.Process(pid)
            victims.extend(process.children(recursive=True))
            victims.append(process)
    for process in victims:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(victims, timeout=5)


#: Seconds to wait for a Dask scheduler to answer (and to close a client on interrupt).
CONNECT_TIMEOUT = 5.0
_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")


class SchedulerError(NagbridgeError):
    """The Dask scheduler named by ``scheduler`` cannot be reached."""


def check_scheduler_address(address: str) -> tuple[str, str, int]:
    """Scheme, host and port of a Dask scheduler address such as ``tcp://HOST:8786``.

    A bare ``HOST:PORT`` means ``tcp``.  Raises :class:`InvalidInputError` naming
    ``scheduler`` for anything else, before any connection is tried.

    >>> check_scheduler_address("tcp://127.0.0.1:8786")
    ('tcp', '127.0.0.1', 8786)
    """
    text = address if "://" in address else f"tcp://{address}"
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError:
        port = None
        parts = None
    if (
        parts is None
        or parts.scheme not in _SCHEMES
        or not parts.hostname
        or port is None
        or parts.path not in ("", "/")
        or parts.query
    ):
        raise InvalidInputError(
            "scheduler",
            address,
            f"expected SCHEME://HOST:PORT with SCHEME one of {', '.join(_SCHEMES)}, "
            "e.g. tcp://127.0.0.1:8786",
        )
    return parts.scheme, parts.hostname, port


def _connect(dask: Any, address: str) -> Any:
    """A client of the scheduler at ``address``, or :class:`SchedulerError` (quickly)."""
    scheme, host, port = check_scheduler_address(address)
    if scheme == "tcp":  # a refused connection is known at once, without Dask's retries
        try:
            socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
        except OSError as error:
            raise SchedulerError(
                f"cannot connect to the Dask scheduler at {address}: {error.strerror or error}"
            ) from None
    try:
        return dask.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise SchedulerError(
            f"cannot connect to the Dask scheduler at {address} "
            f"within {CONNECT_TIMEOUT:g} s: {type(error).__name__}"
        ) from None


def _silence_dask() -> None:
    """No log records from distributed (and its event loop) from now on: shutting down."""
    names = [name for name in logging.root.manager.loggerDict if name.startswith("distributed")]
    for name in ["distributed", "tornado", "asyncio", *names]:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _cluster_workers(before: set[int]) -> list[int]:
    """Process ids of the new children of the runner: the embedded cluster's workers.

    Multiprocessing's resource tracker is left out: it outlives the workers and
    cleans up after them.
    """
    found = []
    for child in psutil.Process().children():
        with contextlib.suppress(psutil.Error):
            if child.pid not in before and "resource_tracker" not in " ".join(child.cmdline()):
                found.append(child.pid)
    return found


@contextmanager
def _dask_executor(workers: int, scheduler: str | None) -> Iterator[Callable[[], Executor]]:
    import distributed

    # dask.distributed ships without type annotations: treat it as dynamically typed
    dask: Any = distributed
    cluster = None
    spawned: list[int] = []
    if scheduler is None:
        before = {child.pid for child in psutil.Process().children()}
        # the cluster's processes ignore Ctrl-C (they inherit SIG_IGN): the runner stops them
        ignoring = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if ignoring else None
        try:
            cluster = dask.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        finally:
            if ignoring:
                signal.signal(signal.SIGINT, previous)
        spawned = _cluster_workers(before)
        client = dask.Client(cluster)
    else:
        client = _connect(dask, scheduler)
    try:
        executor = client.get_executor(pure=False)
        yield lambda: executor
    except BaseException:
        # interrupted: end the cluster's workers and their CAS now, quietly
        _silence_dask()
        kill_process_trees(spawned)
        with contextlib.suppress(Exception):
            client.close(timeout=CONNECT_TIMEOUT)
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close(timeout=CONNECT_TIMEOUT)
        raise
    else:
        try:
            client.run(close_worker)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # the first signal stops the sweep; more of them must not cut the cleanup short
    # (killing the workers and their CAS), which takes seconds at most
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)
    raise KeyboardInterrupt


@contextmanager
def _interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`KeyboardInterrupt` here (main thread only).

    SIGINT too, in case it was ignored when the process started (a shell's ``&``).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_batch(
    spec: BatchSpec,
    store: ResultStore,
    *,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    retry_failed: bool = False,
    progress: bool | None = None,
) -> BatchReport:
    """Run every job of ``spec`` not yet in ``store`` and record each as it finishes.

    Jobs stored as ``done`` are skipped; jobs stored as ``failed``, ``timeout`` or
    ``crashed`` are skipped too unless ``retry_failed``.  ``progress`` draws a bar on
    standard error (default: only when it is a terminal).

    SIGINT or SIGTERM (in the main thread) raise :class:`KeyboardInterrupt` after the
    worker processes and their CAS have been killed; every finished row stays stored
    and running the spec again resumes.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidInputError("workers", workers, "must be a positive integer")
    if executor not in EXECUTORS:
        raise InvalidInputError("executor", executor, f"expected one of {', '.join(EXECUTORS)}")
    if scheduler is not None and executor != "dask":
        raise InvalidInputError("scheduler", scheduler, "needs --executor dask")
    if scheduler is not None:
        check_scheduler_address(scheduler)

    started = time.perf_counter()
    todo, report = plan(spec, store, cas_versions(), retry_failed)
    if not todo:
        report.seconds = time.perf_counter() - started
        return report
    bar = _bar(len(todo), progress)
    counts = Progress()

    def finished(job: Job, outcome: JobOutcome) -> None:
        store.record(job, outcome)
        report.counts[outcome.status] = report.counts.get(outcome.status, 0) + 1
        if outcome.status == "done":
            counts.done += 1
        else:
            counts.failed += 1
            logger.info("%s: %s (%s)", job.label, outcome.status, outcome.error)
        if bar is not None:
            bar.set_postfix(
                done=counts.done, failed=counts.failed, running=counts.running, refresh=False
            )
            bar.update(1)

    factory = (
        _local_executor(workers) if executor == "local" else _dask_executor(workers, scheduler)
    )
    try:
        with _interruptible(), factory as make:
            _drive(todo, make, workers, finished, counts, bar)
    finally:
        if bar is not None:
            bar.close()
    report.seconds = time.perf_counter() - started
    return report


def _drive(
    todo: list[Job],
    make: Callable[[], Executor],
    workers: int,
    finished: Callable[[Job, JobOutcome], None],
    counts: Progress,
    bar: Any,
) -> None:
    """Keep ``workers`` jobs in flight until every job has an outcome."""
    queue = list(reversed(todo))
    broken_before: set[str] = set()
    pool = make()
    flight: dict[Future[JobOutcome], Job] = {}
    while queue or flight:
        while queue and len(flight) < workers:
            job = queue.pop()
            flight[pool.submit(run_job, job)] = job
        counts.running = len(flight)
        if bar is not None:
            bar.set_postfix(done=counts.done, failed=counts.failed, running=counts.running)
        completed, _ = concurrent.futures.wait(flight, return_when=FIRST_COMPLETED)
        broken = False

        def run_again(job: Job) -> None:
            if job.key in broken_before:
                finished(job, _crash_outcome(job, "its worker process died, twice"))
            else:
                broken_before.add(job.key)
                queue.append(job)

        for future in completed:
            job = flight.pop(future)
            counts.running = len(flight)
            try:
                outcome = future.result()
            except BrokenProcessPool:
                broken = True
                run_again(job)
                continue
            except Exception as error:  # e.g. dask's KilledWorker: the worker died
                finished(job, _crash_outcome(job, f"worker lost: {type(error).__name__}"))
                continue
            finished(job, outcome)
        if broken:  # every job in flight on a broken pool is lost with it
            for future, job in list(flight.items()):
                future.cancel()
                run_again(job)
            flight.clear()
            logger.warning("a worker process died; starting a fresh pool")
            pool = make()


def _bar(total: int, progress: bool | None) -> Any:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    # no monitor thread: worker pools are forked while the bar is drawn
    bar = type("Bar", (tqdm,), {"monitor_interval": 0})
    return bar(total=total, unit="job", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
