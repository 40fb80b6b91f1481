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
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from nagbridge._exceptions import InvalidInputError
from nagbridge.batch._spec import BatchSpec, Job
from nagbridge.batch._store import ResultStore
from nagbridge.batch._worker import (
    JobOutcome,
    cas_versions,
    close_worker,
    run_job,
    watch_parent,
)

__all__ = ["EXECUTORS", "BatchReport", "plan", "run_batch"]

logger = logging.getLogger("nagbridge.batch")

EXECUTORS = ("local", "dask")


@dataclass
class BatchReport:
    """What one run did: jobs skipped because stored, and the status of each job run."""

    total: int
    already_done: int = 0
    skipped_failed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    keys: list[str] = field(default_factory=list)

    @property
    def ran(self) -> int:
        return sum(self.counts.values())


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
            report.skipped_failed += 1
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
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _dask_executor(workers: int, scheduler: str | None) -> Iterator[Callable[[], Executor]]:
    import distributed

    # dask.distributed ships without type annotations: treat it as dynamically typed
    dask: Any = distributed
    cluster = None
    if scheduler is None:
        cluster = dask.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = dask.Client(cluster)
    else:
        client = dask.Client(scheduler, timeout=30)
    try:
        executor = client.get_executor(pure=False)
        yield lambda: executor
    finally:
        try:
            client.run(close_worker)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


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
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidInputError("workers", workers, "must be a positive integer")
    if executor not in EXECUTORS:
        raise InvalidInputError("executor", executor, f"expected one of {', '.join(EXECUTORS)}")
    if scheduler is not None and executor != "dask":
        raise InvalidInputError("scheduler", scheduler, "needs --executor dask")

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
        with factory as make:
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
