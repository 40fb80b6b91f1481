"""The high-level entry points: a model in, a neurovariety out."""

from __future__ import annotations

import atexit
import threading
import time
from typing import Protocol

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Field, VarietyInfo
from nagbridge.backends import Macaulay2Backend
from nagbridge.problems import ImplicitizationProblem, ImplicitizationResult, Model, Provenance

__all__ = ["BACKENDS", "Backend", "get_backend", "implicitize"]

BACKENDS = ("macaulay2",)
MODES = ("session", "oneshot")


class Backend(Protocol):
    """What every CAS adapter offers."""

    name: str

    def implicitize(
        self, problem: ImplicitizationProblem, timeout: float | None = None
    ) -> tuple[VarietyInfo, Provenance]: ...

    def close(self) -> None: ...


_shared: dict[tuple[str, str], Backend] = {}
_shared_lock = threading.Lock()


def get_backend(name: str = "macaulay2", mode: str = "session") -> Backend:
    """A backend shared by all calls of this process (closed when the process exits).

    Reusing one persistent session spares Macaulay2's start-up (about half a second)
    on every call.
    """
    key = (str(name).lower(), str(mode).lower())
    if key[0] not in BACKENDS:
        raise InvalidInputError("backend", name, f"expected one of {', '.join(BACKENDS)}")
    if key[1] not in MODES:
        raise InvalidInputError("mode", mode, f"expected one of {', '.join(MODES)}")
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Macaulay2Backend(mode=key[1])  # type: ignore[arg-type]
        return _shared[key]


@atexit.register
def _close_shared_backends() -> None:
    with _shared_lock:
        for backend in _shared.values():
            backend.close()
        _shared.clear()


def implicitize(
    model: Model,
    *,
    field: Field | str = "QQ",
    backend: str | Backend = "macaulay2",
    mode: str = "session",
    gauge_fixed: bool = True,
    timeout: float | None = None,
) -> ImplicitizationResult:
    """The neurovariety of ``model``: its implicit ideal, dimension, degree, Hilbert polynomial.

    The parametrization of ``model`` is sent to a CAS, which computes the kernel of
    the ring map from output coefficients to weights over ``field`` (QQ or GF(p)).
    With ``gauge_fixed`` (the default), one weight per hidden neuron is set to 1
    first, which leaves the closure of the image unchanged and makes elimination
    cheaper.  ``backend`` is a backend name or an object such as
    :class:`~nagbridge.backends.Macaulay2Backend`; ``timeout`` is in seconds.

    >>> from nagbridge import PolynomialNetwork
    >>> result = implicitize(PolynomialNetwork((2, 1, 1), 3))   # doctest: +SKIP
    >>> result.dimension, result.degree                        # doctest: +SKIP
    (2, 3)
    """
    field = Field.parse(field)
    if timeout is not None and (isinstance(timeout, bool) or not timeout > 0):
        raise InvalidInputError("timeout", timeout, "must be a positive number of seconds")
    problem = ImplicitizationProblem.from_model(model, field, gauge_fixed=gauge_fixed)
    adapter = get_backend(backend, mode) if isinstance(backend, str) else backend

    started = time.perf_counter()
    variety, provenance = adapter.implicitize(problem, timeout=timeout)
    seconds = time.perf_counter() - started
    return ImplicitizationResult(model, variety, provenance, seconds)
