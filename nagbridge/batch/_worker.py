"""One job in a worker process: build the model, compute, and turn any failure into a status.

A worker process serves many jobs.  It reuses the shared CAS sessions of
:func:`nagbridge.get_backend` (one Macaulay2 and one Singular process per worker at
most), and keeps one backend per CAS and memory limit for jobs that set one.  Both are
closed when the worker process ends.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing.util
import os
import signal
import socket
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import FrameType
from typing import Any

import psutil

from nagbridge._api import close_shared_backends, implicitize
from nagbridge._exceptions import (
    CASCrashedError,
    CASTimeoutError,
    MemoryLimitError,
    NagbridgeError,
)
from nagbridge.backends import Macaulay2Backend, SingularBackend, cas_installed
from nagbridge.batch._spec import Job
from nagbridge.models import model_from_options

__all__ = ["STATUSES", "JobOutcome", "cas_versions", "run_job"]

logger = logging.getLogger("nagbridge.batch")

#: Every status a job can end with.
STATUSES = ("done", "failed", "timeout", "crashed")

_limited: dict[tuple[str, int], Macaulay2Backend | SingularBackend] = {}
_finalizer_registered = False


@dataclass(frozen=True)
class JobOutcome:
    """How one job ended: ``status`` (one of :data:`STATUSES`), its result or error."""

    key: str
    status: str
    result: dict[str, Any] | None
    method: str | None
    error: str | None
    seconds: float
    started_at: str
    finished_at: str
    worker: str


class _JobTimeoutError(Exception):
    """Raised by the alarm of a job that runs no CAS (see :func:`_alarm`)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _close_worker_backends() -> None:
    close_shared_backends()
    for backend in _limited.values():
        backend.close()
    _limited.clear()


def _register_cleanup() -> None:
    """Close this worker's CAS processes when it exits (atexit does not run in forked pools)."""
    global _finalizer_registered
    if not _finalizer_registered:
        multiprocessing.util.Finalize(None, _close_worker_backends, exitpriority=100)
        _finalizer_registered = True


def _forget_inherited_backends() -> None:
    """Drop, without closing, the CAS sessions a forked worker inherited from its runner.

    They belong to the runner process (a notebook or a test may hold some): a worker
    that used or closed them would talk to, or kill, the runner's own CAS processes.
    """
    from nagbridge import _api

    _api._shared.clear()
    _limited.clear()


def watch_parent(parent: int) -> None:
    """Start a local worker: its own CAS sessions, ended with it or when the runner dies.

    A runner killed with SIGKILL cannot tell its workers; without this they would wait
    for jobs forever, each keeping its CAS sessions.  A daemon thread checks the parent
    process id twice a second; when the worker has been orphaned it kills every process
    below it (the CAS) and exits.
    """
    _forget_inherited_backends()
    _register_cleanup()
    # Ctrl-C reaches the whole process group: the runner alone decides what it stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.kill()
        os._exit(1)

    threading.Thread(target=watch, name="nagbridge-watch-runner", daemon=True).start()


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_JobTimeoutError` after ``seconds`` in the main thread (else: no limit)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _JobTimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _backend(job: Job) -> Any:
    """The backend argument of a CAS job: a name, or a backend with the job's memory limit.

    With a memory limit, ``auto`` means Singular when installed (else Macaulay2) and the
    no-CAS shortcut of ``auto`` for filling architectures is skipped; ``both`` is not
    combined with a memory limit (the spec reader rejects it).
    """
    if job.memory_limit is None:
        return job.backend
    cas = job.backend
    if cas == "auto":
        cas = "singular" if cas_installed("singular") else "macaulay2"
    slot = (cas, job.memory_limit)
    if slot not in _limited:
        factory = Macaulay2Backend if cas == "macaulay2" else SingularBackend
        backend = factory(mode=job.mode, memory_limit=job.memory_limit)  # type: ignore[arg-type]
        _limited[slot] = backend
    return _limited[slot]


def _compute(job: Job) -> tuple[dict[str, Any], str | None]:
    model = model_from_options(job.model, job.options)
    if job.invariant == "implicitize":
        backend = _backend(job)
        if isinstance(backend, str):
            result = implicitize(
                model,
                field=job.field,
                backend=backend,
                mode=job.mode,
                gauge_fixed=job.gauge_fixed,
                timeout=job.timeout,
            )
        else:
            result = implicitize(
                model,
                field=job.field,
                backend=backend,
                gauge_fixed=job.gauge_fixed,
                timeout=job.timeout,
            )
        return result.to_dict(), result.provenance.method
    if job.invariant == "dimension":
        from nagbridge.fast import fast_dimension

        if job.field != "QQ":
            raise NagbridgeError(f"the fast dimension is computed over QQ only, not {job.field}")
        with _alarm(job.timeout):
            fast = fast_dimension(model, trials=job.trials, seed=job.seed)
        return fast.to_dict(), fast.method
    if job.field != "QQ":
        raise NagbridgeError(f"{job.invariant} is computed over QQ only, not {job.field}")
    from nagbridge._invariants import ed_degree, singular_locus

    backend = _backend(job)
    if job.invariant == "singular_locus":
        locus = singular_locus(model, backend=backend, mode=job.mode, timeout=job.timeout)
        return locus.to_dict(), "jacobian-criterion"
    distance = ed_degree(model, backend=backend, mode=job.mode, seed=job.seed, timeout=job.timeout)
    return distance.to_dict(), "critical-points"


def run_job(job: Job) -> JobOutcome:
    """Compute ``job`` and report how it ended; never raises for a failure of the job.

    ``timeout``: the CAS ran over the job's time limit (the backend interrupted or
    restarted it) or, for jobs without a CAS, the alarm fired; ``crashed``: the CAS
    process died while serving the job (it is restarted for the next job); ``failed``:
    anything else, with the error message (a CAS error, an input the invariant does not
    accept, an exhausted memory limit).
    """
    _register_cleanup()
    started_at, started = _now(), time.perf_counter()
    status, result, method, error = "done", None, None, None
    try:
        result, method = _compute(job)
    except (CASTimeoutError, _JobTimeoutError):
        status, error = "timeout", f"over the time limit of {job.timeout:g} s"
    except CASCrashedError as crash:
        status, error = "crashed", str(crash)
    except MemoryLimitError as memory:
        status, error = "failed", str(memory)
    except NagbridgeError as failure:
        status, error = "failed", f"{type(failure).__name__}: {failure}"
    except Exception as failure:  # a bug of ours, recorded rather than ending the sweep
        logger.exception("job %s failed unexpectedly", job.key)
        status = "failed"
        error = f"{type(failure).__name__}: {failure}\n" + traceback.format_exc(limit=5)
    return JobOutcome(
        key=job.key,
        status=status,
        result=result,
        method=method,
        error=error,
        seconds=time.perf_counter() - started,
        started_at=started_at,
        finished_at=_now(),
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )


def close_worker() -> None:
    """Stop the CAS processes of this worker process (for executors that keep workers)."""
    _close_worker_backends()


def cas_versions() -> dict[str, str]:
    """The version of each installed CAS, found once per run (``M2 --version`` ...)."""
    versions = {}
    for name, factory in (("macaulay2", Macaulay2Backend), ("singular", SingularBackend)):
        try:
            backend = factory(mode="oneshot")
        except NagbridgeError:
            continue
        versions[name] = backend.version
        backend.close()
    return versions
