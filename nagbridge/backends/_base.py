"""What the CAS adapters share: mode, executable, memory limit, processes, result building."""

from __future__ import annotations

import subprocess
from functools import cached_property
from typing import ClassVar, Literal, Self

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import GroebnerBasis, Ideal, PolynomialRing, VarietyInfo
from nagbridge.backends._discovery import find_executable
from nagbridge.backends._process import Dialect, OneShotRunner, Session, Transcript
from nagbridge.backends._wire import WireReader
from nagbridge.problems import ImplicitizationProblem, Provenance

__all__ = ["CASBackend", "Mode"]

Mode = Literal["session", "oneshot"]


class CASBackend:
    """The life cycle of one CAS adapter; subclasses write the CAS's own code.

    A subclass names its CAS (``name``, ``program``, the environment ``variable`` that
    may point at the executable), its ``methods`` (the first is the default), the
    ``dialect`` of its process machinery, the smallest sensible ``minimum_memory``,
    and provides ``startup`` (code loading the CAS-side library) and the argument
    vectors of its two modes.
    """

    name: ClassVar[str]
    program: ClassVar[str]
    variable: ClassVar[str]
    methods: ClassVar[tuple[str, ...]]
    dialect: ClassVar[Dialect]
    minimum_memory: ClassVar[int]

    def __init__(
        self,
        mode: Mode = "session",
        executable: str | None = None,
        method: str | None = None,
        memory_limit: int | None = None,
    ) -> None:
        if mode not in ("session", "oneshot"):
            raise InvalidInputError("mode", mode, "expected 'session' or 'oneshot'")
        method = self.methods[0] if method is None else method
        if method not in self.methods:
            raise InvalidInputError("method", method, f"expected one of {self.methods}")
        if memory_limit is not None and (
            isinstance(memory_limit, bool)
            or not isinstance(memory_limit, int)
            or memory_limit < self.minimum_memory
        ):
            raise InvalidInputError(
                "memory limit",
                memory_limit,
                f"must be a number of bytes, at least {self.minimum_memory // 2**20} MiB",
            )
        self.mode: Mode = mode
        self.method = method
        self.memory_limit = memory_limit
        self.executable = find_executable(self.name, self.program, self.variable, executable)
        self._session: Session | None = None
        self._runner: OneShotRunner | None = None

    # -- what a subclass provides --------------------------------------------------

    @property
    def startup(self) -> str:
        """CAS code run once after each session start (loads the CAS-side library)."""
        raise NotImplementedError

    def session_argv(self) -> list[str]:
        """The command line that starts a long-lived session process."""
        raise NotImplementedError

    def oneshot_argv(self) -> list[str]:
        """The command line of a one-shot run; the script's path is appended to it."""
        raise NotImplementedError

    def implicitize(
        self, problem: ImplicitizationProblem, timeout: float | None = None
    ) -> tuple[VarietyInfo, Provenance]:
        """The implicit ideal of ``problem`` and the invariants of its quotient."""
        raise NotImplementedError

    # -- processes -----------------------------------------------------------------

    @cached_property
    def version_output(self) -> str:
        """What ``executable --version`` prints."""
        completed = subprocess.run(
            [self.executable, "--version"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        return completed.stdout.strip()

    @property
    def session(self) -> Session:
        """The long-lived CAS process of this backend, created on first use."""
        if self._session is None:
            self._session = Session(
                self.dialect, self.session_argv(), self.startup, memory_limit=self.memory_limit
            )
        return self._session

    @property
    def runner(self) -> OneShotRunner:
        """The runner of one-shot scripts of this backend, created on first use."""
        if self._runner is None:
            self._runner = OneShotRunner(
                self.dialect, self.oneshot_argv(), memory_limit=self.memory_limit
            )
        return self._runner

    def close(self) -> None:
        """Stop the CAS process of this backend (if any) and remove its files."""
        if self._session is not None:
            self._session.close()
            self._session = None
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- answers -------------------------------------------------------------------

    def _variety(
        self, reader: WireReader, ring: PolynomialRing, transcript: Transcript
    ) -> VarietyInfo:
        """The implicit ideal and the invariants of its quotient, from a JSON answer."""
        return VarietyInfo(
            ideal=Ideal(ring, reader.polynomials("generators", ring)),
            groebner_basis=GroebnerBasis(ring, reader.polynomials("groebner_basis", ring)),
            dimension=reader.integer("dimension"),
            degree=reader.integer("degree"),
            hilbert_polynomial=reader.hilbert_polynomial("hilbert_polynomial"),
            warnings=tuple(transcript.warnings),
            hilbert_series=reader.hilbert_series("hilbert_series"),
        )

    def _provenance(self, reader: WireReader) -> Provenance:
        return Provenance(
            backend=self.name,
            cas_version=reader.string("cas_version"),
            executable=self.executable,
            mode=self.mode,
            method=reader.string("method"),
        )
