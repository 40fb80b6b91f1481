"""The high-level entry points: a model in, a neurovariety out."""

from __future__ import annotations

import atexit
import logging
import threading
import time
from fractions import Fraction
from typing import ClassVar, Protocol

from nagbridge._exceptions import InvalidInputError, ResultsDisagreeError
from nagbridge.algebra import (
    Field,
    GroebnerBasis,
    HilbertPolynomial,
    Ideal,
    RingMap,
    VarietyInfo,
)
from nagbridge.backends import Macaulay2Backend, SingularBackend, cas_installed
from nagbridge.fast import fast_dimension
from nagbridge.problems import (
    CrossCheck,
    ImplicitizationProblem,
    ImplicitizationResult,
    Model,
    Provenance,
)

__all__ = ["BACKENDS", "BACKEND_CHOICES", "Backend", "get_backend", "implicitize"]

logger = logging.getLogger("nagbridge")

BACKENDS = ("macaulay2", "singular")
#: What ``backend=`` accepts: a CAS, ``auto`` (cheap facts first, then the faster CAS)
#: or ``both`` (run both CAS and cross-check the answers).
BACKEND_CHOICES = (*BACKENDS, "auto", "both")
MODES = ("session", "oneshot")
#: The longest time limit accepted, in seconds (a year); beyond it, no limit is meant.
MAX_TIMEOUT = 365 * 24 * 3600.0


class Backend(Protocol):
    """What every CAS adapter offers."""

    name: ClassVar[str]

    def implicitize(
        self, problem: ImplicitizationProblem, timeout: float | None = None
    ) -> tuple[VarietyInfo, Provenance]: ...

    def close(self) -> None: ...


_shared: dict[tuple[str, str], Backend] = {}
_shared_lock = threading.Lock()


def _check_choice(name: object, mode: object) -> tuple[str, str]:
    backend = str(name).lower()
    if backend not in BACKEND_CHOICES:
        raise InvalidInputError("backend", name, f"expected one of {', '.join(BACKEND_CHOICES)}")
    if str(mode).lower() not in MODES:
        raise InvalidInputError("mode", mode, f"expected one of {', '.join(MODES)}")
    return backend, str(mode).lower()


def get_backend(name: str = "macaulay2", mode: str = "session") -> Backend:
    """A CAS backend shared by all calls of this process (closed when the process exits).

    Reusing one persistent session spares Macaulay2's start-up (about half a second)
    on every call.
    """
    key = _check_choice(name, mode)
    if key[0] not in BACKENDS:
        raise InvalidInputError("backend", name, f"expected one of {', '.join(BACKENDS)}")
    with _shared_lock:
        if key not in _shared:
            factory = Macaulay2Backend if key[0] == "macaulay2" else SingularBackend
            _shared[key] = factory(mode=key[1])  # type: ignore[arg-type]  # checked above
        return _shared[key]


@atexit.register
def close_shared_backends() -> None:
    """Stop every shared CAS session of this process."""
    with _shared_lock:
        for backend in _shared.values():
            backend.close()
        _shared.clear()


def _polynomial_ring_hilbert(num_variables: int) -> HilbertPolynomial:
    """The Hilbert polynomial of K[x_1..x_n]: C(t + n - 1, n - 1) = prod_k (t + k) / k."""
    coefficients = [Fraction(1)]
    for k in range(1, num_variables):
        shifted = [Fraction(0), *coefficients]  # t * previous
        coefficients = [
            (shifted[i] + k * (coefficients[i] if i < len(coefficients) else 0)) / k
            for i in range(len(shifted))
        ]
    return HilbertPolynomial.from_coefficients(coefficients)


def _filling_variety(ring_map: RingMap) -> VarietyInfo:
    ring = ring_map.source
    return VarietyInfo(
        ideal=Ideal(ring, ()),
        groebner_basis=GroebnerBasis(ring, ()),
        dimension=ring.ngens,
        degree=1,
        hilbert_polynomial=_polynomial_ring_hilbert(ring.ngens),
    )


def _single(
    model: Model,
    problem: ImplicitizationProblem,
    adapter: Backend,
    timeout: float | None,
    route: tuple[str, ...] = (),
) -> ImplicitizationResult:
    started = time.perf_counter()
    variety, provenance = adapter.implicitize(problem, timeout=timeout)
    seconds = time.perf_counter() - started
    if route:
        provenance = Provenance(**{**provenance.__dict__, "route": route})
    return ImplicitizationResult(model, variety, provenance, seconds)


def _auto(
    model: Model, problem: ImplicitizationProblem, mode: str, timeout: float | None
) -> ImplicitizationResult:
    """Cheap facts first: a certified filling architecture needs no Gröbner basis."""
    route: list[str] = []
    started = time.perf_counter()
    # The fast dimension certifies the dimension in characteristic 0 only: over GF(p)
    # the neurovariety can be smaller (in characteristic 2, (a x + b y)^2 has no x y term).
    # Any model: the generic route of fast_dimension needs only its parametrization.
    if problem.field.is_rational:
        fast = fast_dimension(model)
        primes = ", ".join(map(str, fast.primes))
        route.append(
            f"fast dimension: Jacobian rank {fast.dimension} modulo {primes} "
            f"(a certified lower bound over QQ); ambient dimension {model.ambient_dimension}"
        )
        if fast.dimension == model.ambient_dimension:
            route.append("filling: the implicit ideal is zero, no Gröbner basis needed")
            provenance = Provenance(
                backend="nagbridge",
                cas_version=None,
                executable=None,
                mode="no CAS",
                method=fast.method,
                route=tuple(route),
            )
            seconds = time.perf_counter() - started
            return ImplicitizationResult(
                model, _filling_variety(problem.ring_map), provenance, seconds
            )
    cas = "singular" if cas_installed("singular") else "macaulay2"
    fixed = model.num_parameters - problem.ring_map.target.ngens
    route.append(
        f"symbolic route on {cas}"
        + (" (faster than Macaulay2 on elimination; see bench/)" if cas == "singular" else "")
        + (f", {fixed} parameter(s) fixed by the symmetry (gauge)" if fixed > 0 else "")
    )
    return _single(model, problem, get_backend(cas, mode), timeout, tuple(route))


def _both(
    model: Model, problem: ImplicitizationProblem, mode: str, timeout: float | None
) -> ImplicitizationResult:
    results = [_single(model, problem, get_backend(cas, mode), timeout) for cas in BACKENDS]
    check = CrossCheck.compare(results[0], results[1])
    if not check.agrees:
        raise ResultsDisagreeError(
            check.differences, {r.provenance.backend: r.to_dict() for r in results}
        )
    first = results[0]
    return ImplicitizationResult(
        first.model, first.variety, first.provenance, first.seconds, crosscheck=check
    )


def implicitize(
    model: Model,
    *,
    field: Field | str = "QQ",
    backend: str | Backend = "auto",
    mode: str = "session",
    gauge_fixed: bool = True,
    timeout: float | None = None,
) -> ImplicitizationResult:
    """The neurovariety of ``model``: its implicit ideal, dimension, degree, Hilbert polynomial.

    The parametrization of ``model`` is sent to a CAS, which computes the kernel of
    the ring map from output coefficients to weights over ``field`` (QQ or GF(p)).
    With ``gauge_fixed`` (the default), one weight per hidden neuron is set to 1
    first, which leaves the closure of the image unchanged and makes elimination
    cheaper.

    ``backend`` is ``"macaulay2"``, ``"singular"``, ``"both"`` (run both and
    cross-check: equal dimension, degree, Hilbert polynomial and ideal, else
    :class:`ResultsDisagreeError`), ``"auto"`` (the default: if the fast dimension
    certifies that the model (any model, custom maps too) fills its ambient space,
    answer without a CAS;
    otherwise use Singular when installed, else Macaulay2; the filling test runs over
    QQ only), or a backend object such
    as :class:`~nagbridge.backends.Macaulay2Backend`.  ``timeout`` is in seconds.

    >>> from nagbridge import PolynomialNetwork
    >>> implicitize(PolynomialNetwork((2, 2, 2, 1), 2)).is_filling
    True
    """
    field = Field.parse(field)
    if timeout is not None and (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise InvalidInputError(
            "timeout", timeout, f"must be a positive number of seconds, at most {MAX_TIMEOUT:g}"
        )
    if not isinstance(gauge_fixed, bool):
        raise InvalidInputError("gauge_fixed", gauge_fixed, "must be True or False")
    if isinstance(backend, str):
        choice, mode = _check_choice(backend, mode)
    problem = ImplicitizationProblem.from_model(model, field, gauge_fixed=gauge_fixed)

    if not isinstance(backend, str):
        return _single(model, problem, backend, timeout)
    if choice == "auto":
        return _auto(model, problem, mode, timeout)
    if choice == "both":
        return _both(model, problem, mode, timeout)
    return _single(model, problem, get_backend(choice, mode), timeout)
