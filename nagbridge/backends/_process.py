"""Talking to a CAS process: persistent pexpect sessions and one-shot scripts.

Both modes share the same discipline.  Requests travel as files the CAS loads, so no
input line is ever long; results come back in files the CAS writes; the terminal only
carries a unique end marker per request and whatever the CAS chooses to print, which
is classified line by line into errors, warnings and noise.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pexpect

from nagbridge._exceptions import (
    CASCrashedError,
    CASInterruptedError,
    CASTimeoutError,
    MemoryLimitError,
)

__all__ = [
    "OWNER_VARIABLE",
    "Dialect",
    "OneShotRunner",
    "Session",
    "Transcript",
    "clean_environment",
]

logger = logging.getLogger("nagbridge.backends")

_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|\r")


#: If set in nagbridge's environment, passed on to every CAS child, so that a test run
#: (or a batch runner) can find the processes it started, orphans included.
OWNER_VARIABLE = "NAGBRIDGE_OWNER"


def clean_environment(home: Path) -> dict[str, str]:
    """A minimal environment for a CAS child: no colours, no readline, a private home."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TERM": "dumb",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    for passed_on in ("LD_LIBRARY_PATH", OWNER_VARIABLE):
        if passed_on in os.environ:
            environment[passed_on] = os.environ[passed_on]
    return environment


@dataclass(frozen=True)
class Dialect:
    """What differs between CAS for the process machinery.

    ``marker_statement(token)`` is code that prints ``marker_text(token)`` and is
    written so that its own text (were it echoed) does not contain the marker.
    ``load_statement(path)`` is code that runs the file at ``path``.
    ``is_error`` and ``is_warning`` classify a line of output; ``is_out_of_memory``
    recognises what the CAS prints when an allocation fails.
    """

    name: str
    marker_statement: Callable[[str], str]
    load_statement: Callable[[str], str]
    is_error: Callable[[str], bool]
    is_warning: Callable[[str], bool]
    is_out_of_memory: Callable[[str], bool] = lambda text: False

    @staticmethod
    def marker_text(token: str) -> str:
        return f"@@nagbridge-end-{token}@@"


@dataclass
class Transcript:
    """What a CAS printed while serving one request, classified by line."""

    text: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def classify(cls, text: str, dialect: Dialect) -> Transcript:
        cleaned = _ESCAPE_SEQUENCE.sub("", text)
        transcript = cls(cleaned)
        for line in cleaned.splitlines():
            stripped = line.strip()
            if not stripped:
                continue
            if dialect.is_error(stripped):
                transcript.errors.append(stripped)
            elif dialect.is_warning(stripped):
                transcript.warnings.append(stripped)
            else:
                logger.debug("%s noise: %s", dialect.name, stripped)
        return transcript


def _memory_limiter(limit: int | None) -> Callable[[], None] | None:
    """A function for the child, before exec, that caps its address space at ``limit``."""
    if limit is None:
        return None

    def apply_limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply_limit


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


class Session:
    """One long-lived CAS process serving requests one at a time.

    The process is started lazily, on the first request; ``startup`` is code loaded
    once after each start (the CAS-side library).  If the process has died, the next
    request restarts it; if a request runs over its time limit, the process is
    interrupted twice and then killed with its whole process group and restarted.
    """

    def __init__(
        self,
        dialect: Dialect,
        argv: Sequence[str],
        startup: str,
        *,
        startup_timeout: float = 120.0,
        interrupt_grace: float = 2.0,
        memory_limit: int | None = None,
    ) -> None:
        self.dialect = dialect
        self.memory_limit = memory_limit
        self.argv = list(argv)
        self.startup = startup
        self.startup_timeout = startup_timeout
        self.interrupt_grace = interrupt_grace
        self.workdir = Path(tempfile.mkdtemp(prefix=f"nagbridge-{dialect.name.lower()}-"))
        self.id = ""
        self.restarts = -1
        self._child: pexpect.spawn | None = None
        self._counter = 0
        self._lock = threading.Lock()

    # -- life cycle --------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    @property
    def alive(self) -> bool:
        return self._child is not None and self._child.isalive()

    def _start(self) -> None:
        home = self.workdir / "home"
        home.mkdir(exist_ok=True)
        self.id = uuid.uuid4().hex[:12]
        self.restarts += 1
        logger.debug("starting %s session %s: %s", self.dialect.name, self.id, self.argv)
        self._child = pexpect.spawn(
            self.argv[0],
            self.argv[1:],
            env=clean_environment(home),
            cwd=str(self.workdir),
            echo=False,
            encoding="utf-8",
            codec_errors="replace",
            dimensions=(24, 32767),
            timeout=None,
            preexec_fn=_memory_limiter(self.memory_limit),
        )
        # pexpect sleeps 50 ms before every send by default; requests are two short
        # lines, so that delay would dominate small requests.
        self._child.delaybeforesend = None
        self._exchange(self.startup, self.startup_timeout, restart_on_timeout=False)

    def _stop(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if child.isalive():
            _kill_group(child.pid)
        with contextlib.suppress(pexpect.ExceptionPexpect):
            child.close(force=True)

    def close(self) -> None:
        """Stop the process (if still running) and remove the session's files."""
        with self._lock:
            self._stop()
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- requests ----------------------------------------------------------------------

    def new_path(self, suffix: str) -> Path:
        """A fresh path in the session's private directory."""
        self._counter += 1
        return self.workdir / f"r{self._counter}{suffix}"

    def run_file(self, request: Path, timeout: float | None) -> Transcript:
        """Load the file ``request`` in the CAS and wait for it to finish."""
        with self._lock:
            notes = []
            if not self.alive:
                if self._child is not None:
                    self._child.close(force=True)
                    if self._child.exitstatus is not None:
                        how = f"exit status {self._child.exitstatus}"
                    else:
                        how = f"killed by signal {self._child.signalstatus}"
                    note = (
                        f"{self.dialect.name} session {self.id} had died since its last "
                        f"request ({how}) and was restarted"
                    )
                    logger.warning("%s", note)
                    notes.append(note)
                self._stop()
                self._start()
            transcript = self._exchange(self.dialect.load_statement(str(request)), timeout)
            transcript.warnings[:0] = notes
            return transcript

    def _exchange(
        self, code: str, timeout: float | None, restart_on_timeout: bool = True
    ) -> Transcript:
        assert self._child is not None
        self._counter += 1
        token = f"{self.id}-{self._counter}"
        marker = re.escape(self.dialect.marker_text(token))
        child = self._child
        logger.debug("%s <- %s", self.dialect.name, code)
        child.sendline(code)
        child.sendline(self.dialect.marker_statement(token))
        try:
            child.expect(marker, timeout=timeout)
        except KeyboardInterrupt:
            if not self._interrupt(child, marker):
                self._stop()
                self._start()
            raise CASInterruptedError(self.dialect.name, code) from None
        except pexpect.TIMEOUT:
            printed = child.before or ""
            if restart_on_timeout and self._interrupt(child, marker):
                raise CASTimeoutError(self.dialect.name, timeout or 0.0, code) from None
            self._stop()
            if restart_on_timeout:
                self._start()
                raise CASTimeoutError(self.dialect.name, timeout or 0.0, code) from None
            raise CASCrashedError(self.dialect.name, None, printed) from None
        except pexpect.EOF:
            printed = child.before or ""
            child.close(force=True)
            self._child = None
            if self.memory_limit is not None and self.dialect.is_out_of_memory(printed):
                raise MemoryLimitError(self.dialect.name, self.memory_limit, printed) from None
            raise CASCrashedError(
                self.dialect.name, child.exitstatus, printed, signal_number=child.signalstatus
            ) from None
        printed = child.before or ""
        logger.debug("%s -> %s", self.dialect.name, printed)
        return Transcript.classify(printed, self.dialect)

    def _interrupt(self, child: pexpect.spawn, marker: str) -> bool:
        """Interrupt twice; True if the CAS came back and printed the pending marker."""
        for attempt in (1, 2):
            logger.info("interrupting %s session %s (%d)", self.dialect.name, self.id, attempt)
            try:
                child.kill(signal.SIGINT)
                child.expect(marker, timeout=self.interrupt_grace)
                return True
            except (pexpect.TIMEOUT, pexpect.EOF, OSError):
                continue
        return False


class OneShotRunner:
    """Runs one script per request in a fresh CAS process, killed with its group on timeout."""

    def __init__(
        self, dialect: Dialect, argv: Sequence[str], *, memory_limit: int | None = None
    ) -> None:
        self.dialect = dialect
        self.argv = list(argv)
        self.memory_limit = memory_limit
        self.workdir = Path(tempfile.mkdtemp(prefix=f"nagbridge-{dialect.name.lower()}-"))
        self._counter = 0
        self._lock = threading.Lock()

    def new_path(self, suffix: str) -> Path:
        with self._lock:
            self._counter += 1
            return self.workdir / f"s{self._counter}-{uuid.uuid4().hex[:8]}{suffix}"

    def run_script(self, script: Path, timeout: float | None) -> tuple[int, Transcript]:
        """Run ``script``; return the exit status and the classified output."""
        home = self.workdir / "home"
        home.mkdir(exist_ok=True)
        started = time.monotonic()
        process = subprocess.Popen(
            [*self.argv, str(script)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=clean_environment(home),
            cwd=str(self.workdir),
            start_new_session=True,
            text=True,
            errors="replace",
            preexec_fn=_memory_limiter(self.memory_limit),
        )
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process.pid)
            process.communicate()
            raise CASTimeoutError(self.dialect.name, timeout or 0.0, str(script)) from None
        except KeyboardInterrupt:
            _kill_group(process.pid)
            process.communicate()
            raise CASInterruptedError(self.dialect.name, str(script)) from None
        logger.debug(
            "%s one-shot %s: status %s in %.3f s",
            self.dialect.name,
            script,
            process.returncode,
            time.monotonic() - started,
        )
        if (
            process.returncode != 0
            and self.memory_limit is not None
            and self.dialect.is_out_of_memory(output)
        ):
            raise MemoryLimitError(self.dialect.name, self.memory_limit, output)
        return process.returncode, Transcript.classify(output, self.dialect)

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
