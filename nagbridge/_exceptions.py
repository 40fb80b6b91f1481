"""The exceptions nagbridge raises, named by what failed.

All of them derive from one base class::

    NagbridgeError
    ├── InvalidInputError        a width, degree, field, name or polynomial was rejected
    ├── CASNotFoundError         no usable Macaulay2 / Singular executable
    ├── CASError                 the CAS itself reported an error
    ├── CASTimeoutError          a request ran over its time limit
    ├── CASInterruptedError      the user interrupted a request (Ctrl-C)
    ├── MemoryLimitError         the CAS process ran out of its memory limit
    ├── CASCrashedError          the CAS process died or stopped answering sensibly
    ├── ProtocolError            the CAS printed something that is not valid wire format
    └── ResultsDisagreeError     two CAS gave different answers to the same problem

`InvalidInputError` is also a `ValueError`, so code that guards user input with
``except ValueError`` keeps working.
"""

from __future__ import annotations

import signal

__all__ = [
    "CASCrashedError",
    "CASError",
    "CASInterruptedError",
    "CASNotFoundError",
    "CASTimeoutError",
    "InvalidInputError",
    "MemoryLimitError",
    "NagbridgeError",
    "ProtocolError",
    "ResultsDisagreeError",
]


class NagbridgeError(Exception):
    """Base class of every error nagbridge raises on purpose."""


class InvalidInputError(NagbridgeError, ValueError):
    """User input was rejected before any CAS code was generated.

    ``name`` is the option or argument that failed and ``value`` the offending value.
    """

    def __init__(self, name: str, value: object, reason: str) -> None:
        self.name = name
        self.value = value
        self.reason = reason
        super().__init__(f"invalid {name} {value!r}: {reason}")


class CASNotFoundError(NagbridgeError):
    """The requested computer algebra system could not be found or started."""

    def __init__(self, cas: str, searched: list[str], how_to_install: str) -> None:
        self.cas = cas
        self.searched = searched
        self.how_to_install = how_to_install
        where = ", ".join(searched) if searched else "nowhere"
        super().__init__(f"{cas} not found (looked in: {where}). {how_to_install}")


class CASError(NagbridgeError):
    """The CAS reported an error; ``cas_message`` holds its own words."""

    def __init__(self, cas: str, cas_message: str, request: str = "") -> None:
        self.cas = cas
        self.cas_message = cas_message
        self.request = request
        super().__init__(f"{cas} reported an error: {cas_message}")


class CASTimeoutError(NagbridgeError):
    """A request did not finish within ``limit`` seconds and was stopped."""

    def __init__(self, cas: str, limit: float, request: str = "") -> None:
        self.cas = cas
        self.limit = limit
        self.request = request
        super().__init__(
            f"{cas} did not finish within the time limit of {limit:g} s; "
            "the computation was stopped and the session restarted"
        )


class CASInterruptedError(NagbridgeError):
    """The user interrupted a request; the CAS was interrupted too and is ready again."""

    def __init__(self, cas: str, request: str = "") -> None:
        self.cas = cas
        self.request = request
        super().__init__(f"the {cas} request was interrupted")


class MemoryLimitError(NagbridgeError):
    """The CAS process exceeded its memory limit (``limit`` bytes) and was restarted."""

    def __init__(self, cas: str, limit: int, last_output: str = "") -> None:
        self.cas = cas
        self.limit = limit
        self.last_output = last_output
        super().__init__(
            f"{cas} ran out of memory under its limit of {limit / 2**20:.0f} MiB; "
            "the process was restarted"
        )


class CASCrashedError(NagbridgeError):
    """The CAS process ended while serving a request (or before it could).

    ``exit_status`` is the status it exited with, or None when it was killed by a
    signal, whose number is then ``signal_number`` (9 for SIGKILL, whatever the route:
    a session's pexpect child or a one-shot subprocess).
    """

    def __init__(
        self,
        cas: str,
        exit_status: int | None,
        last_output: str,
        signal_number: int | None = None,
    ) -> None:
        if exit_status is not None and exit_status < 0:  # subprocess: -N is signal N
            signal_number, exit_status = -exit_status, None
        self.cas = cas
        self.exit_status = exit_status
        self.signal_number = signal_number
        self.last_output = last_output
        tail = last_output.strip()[-500:]
        if signal_number is not None:
            how = f"killed by signal {_signal_name(signal_number)}"
        elif exit_status is not None:
            how = f"exit status {exit_status}"
        else:
            how = "exit status unknown"
        super().__init__(
            f"{cas} process ended unexpectedly ({how})"
            + (f"; last output: {tail}" if tail else "")
        )


def _signal_name(number: int) -> str:
    try:
        return f"{signal.Signals(number).name} ({number})"
    except ValueError:
        return str(number)


class ProtocolError(NagbridgeError):
    """The CAS answered with output that is not valid nagbridge wire format."""

    def __init__(self, cas: str, reason: str, output: str = "") -> None:
        self.cas = cas
        self.reason = reason
        self.output = output
        super().__init__(f"unexpected output from {cas}: {reason}")


class ResultsDisagreeError(NagbridgeError):
    """Two backends answered the same problem differently; ``answers`` holds both."""

    def __init__(self, differences: list[str], answers: dict[str, object]) -> None:
        self.differences = differences
        self.answers = answers
        super().__init__("the backends disagree: " + "; ".join(differences))
