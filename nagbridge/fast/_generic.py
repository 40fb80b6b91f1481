"""Dimension of the image of any model's parametrization, from Jacobian ranks mod p.

This is the route of :func:`~nagbridge.fast.fast_dimension` for every model that is not
a :class:`~nagbridge.PolynomialNetwork`: it needs nothing of a model but its
``parametrization()`` ring map (the :class:`~nagbridge.problems.Model` protocol), so a
newly registered model is covered without code of its own.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import RingMap
from nagbridge.fast._dimension import (
    SAMPLE_MARGIN,
    FastDimensionResult,
    _check_seed,
    _check_trials,
    failure_probability_bound,
    rank_trials,
    result_from_trials,
)
from nagbridge.fast._modular import IntArray, check_primes, default_primes
from nagbridge.problems import Model

__all__ = [
    "GENERIC_METHOD",
    "MAX_EXPANSION_ENTRIES",
    "SAMPLED_METHOD",
    "ParametrizationArrays",
    "check_expansion_size",
    "generic_failure_probability_bound",
    "generic_fast_dimension",
    "generic_upper_bound",
]

logger = logging.getLogger("nagbridge.fast")

GENERIC_METHOD = "parametrization-jacobian-rank-mod-p"

#: The method of a model that samples its own Jacobian (``sample_jacobian``).
SAMPLED_METHOD = "sampled-jacobian-rank-mod-p"

#: Largest ambient dimension x number of parameters expanded symbolically here: the
#: exponent matrix alone then takes 80 MB of int64, and sympy's expansion is slower.
MAX_EXPANSION_ENTRIES = 10_000_000


@dataclass(frozen=True)
class ParametrizationArrays:
    """The terms of a ring map's images as arrays, ready for evaluation mod p.

    ``exponents`` is the (#terms x #parameters) matrix of all terms of all images,
    image after image; ``numerators``/``denominators`` their exact coefficients;
    ``image_of_term`` the index of the image each term belongs to.
    """

    exponents: IntArray
    numerators: tuple[int, ...]
    denominators: tuple[int, ...]
    image_of_term: IntArray
    num_images: int
    num_parameters: int
    degree: int

    @classmethod
    def from_ring_map(cls, ring_map: RingMap) -> ParametrizationArrays:
        rows: list[tuple[int, ...]] = []
        numerators: list[int] = []
        denominators: list[int] = []
        owners: list[int] = []
        for index, image in enumerate(ring_map.images):
            for monomial, coefficient in image.items():
                if coefficient == 0:
                    continue
                rows.append(tuple(monomial))
                exact = Fraction(coefficient)
                numerators.append(exact.numerator)
                denominators.append(exact.denominator)
                owners.append(index)
        num_parameters = ring_map.target.ngens
        exponents = np.array(rows, dtype=np.int64).reshape(len(rows), num_parameters)
        return cls(
            exponents=exponents,
            numerators=tuple(numerators),
            denominators=tuple(denominators),
            image_of_term=np.array(owners, dtype=np.int64),
            num_images=ring_map.source.ngens,
            num_parameters=num_parameters,
            degree=int(exponents.sum(axis=1).max()) if rows else 0,
        )

    def coefficients_mod(self, prime: int) -> IntArray:
        """The coefficients reduced mod ``prime`` (which must not divide a denominator)."""
        values = []
        for numerator, denominator in zip(self.numerators, self.denominators, strict=True):
            if denominator % prime == 0:
                raise InvalidInputError(
                    "prime",
                    prime,
                    f"divides the denominator {denominator} of a coefficient of the map",
                )
            values.append(numerator * pow(denominator, -1, prime) % prime)
        return np.array(values, dtype=np.int64)

    def scaled_jacobian(self, point: IntArray, coefficients: IntArray, prime: int) -> IntArray:
        """J(x) diag(x) mod p at a point x with non-zero entries in [1, p).

        Entry (i, j) is sum over the terms c t of image i of c e_j t(x), which is
        x_j times d(image i)/d(parameter j) at x (Euler: x_j d/dx_j x^e = e_j x^e).
        Scaling columns by the non-zero x_j leaves the rank unchanged, and needs no
        power with a lowered exponent.
        """
        num_terms = self.exponents.shape[0]
        jacobian = np.zeros((self.num_images, self.num_parameters), dtype=np.int64)
        if num_terms == 0:
            return jacobian
        powers = np.ones((self.num_parameters, self.degree + 1), dtype=np.int64)
        for exponent in range(1, self.degree + 1):
            powers[:, exponent] = powers[:, exponent - 1] * point % prime
        values = coefficients.copy()
        for parameter in range(self.num_parameters):
            values = values * powers[parameter, self.exponents[:, parameter]] % prime
        # every entry below 2^31 * degree, and #terms of them summed: no int64 overflow
        contributions = self.exponents % prime * values[:, None] % prime
        starts = np.flatnonzero(np.r_[True, np.diff(self.image_of_term) != 0])
        sums = np.add.reduceat(contributions, starts, axis=0) % prime
        jacobian[self.image_of_term[starts]] = sums
        return jacobian


def generic_upper_bound(model: Model, ring_map: RingMap) -> int:
    """A proven upper bound on the dimension of the closure of the image.

    The rank of a Jacobian is at most its number of rows and of columns, so
    min(#parameters, #outputs) of the parametrization always bounds the dimension.  A
    model whose ``expected_dimension_is_upper_bound`` attribute is true (it proves that
    its expected dimension, e.g. #parameters - dim of a symmetry group acting with
    generic orbits of full dimension inside the fibres, bounds the dimension) lowers
    the bound to its ``expected_dimension``; so does one whose
    ``expected_dimension_proved`` is true (its expected dimension is a theorem, as for
    the convolutional models and lightning self-attention where the papers' hypotheses
    hold).
    """
    return _proven_bound(model, min(ring_map.target.ngens, ring_map.source.ngens))


def _proven_bound(model: Model, bound: int) -> int:
    """``bound``, lowered to the expected dimension where the model proves that bound."""
    proved = getattr(model, "expected_dimension_proved", False) is True
    if proved or getattr(model, "expected_dimension_is_upper_bound", False) is True:
        return min(bound, int(model.expected_dimension))
    return bound


def generic_failure_probability_bound(
    upper_bound: int, entry_degree: int, primes: list[int]
) -> Fraction:
    """Schwartz–Zippel bound that every trial misses the generic rank D <= ``upper_bound``.

    A trial draws x uniformly from (GF(p) minus 0)^n, a set of size p - 1 in each
    coordinate; a fixed non-zero D x D minor of the Jacobian has degree at most
    D * ``entry_degree`` (entries are derivatives, of degree one less than the images),
    so it vanishes with probability at most D e / (p - 1) (Schwartz, J. ACM 27
    (1980); Zippel, EUROSAM 1979).  Independent trials multiply.

    >>> generic_failure_probability_bound(2, 2, [101])
    Fraction(1, 25)
    """
    bound = Fraction(1)
    for prime in primes:
        bound *= min(Fraction(1), Fraction(upper_bound * entry_degree, prime - 1))
    return bound


def check_expansion_size(model: object) -> None:
    """Refuse, naming the model's option, a parametrization too large to expand.

    A model's own ``check_expandable()`` decides when it has one; otherwise the
    expansion is estimated as ``ambient_dimension`` x ``num_parameters`` (at least one
    term per coordinate, each with an exponent vector of that length) and refused
    beyond :data:`MAX_EXPANSION_ENTRIES`, before anything is expanded.
    """
    check_expandable = getattr(model, "check_expandable", None)
    if callable(check_expandable):
        check_expandable()
        return
    ambient = getattr(model, "ambient_dimension", None)
    parameters = getattr(model, "num_parameters", None)
    if not isinstance(ambient, int) or not isinstance(parameters, int):
        return
    if ambient * parameters > MAX_EXPANSION_ENTRIES:
        described = model.describe()  # type: ignore[attr-defined]
        option = next((key for key in described if key != "model"), "model")
        shown = described.get(option, model)
        raise InvalidInputError(
            option,
            shown,
            f"the parametrization has {ambient} coordinates in {parameters} parameters, "
            f"more than the {MAX_EXPANSION_ENTRIES} exponent entries expanded symbolically "
            "for the fast dimension; choose smaller options",
        )


def _model_ring_map(model: object) -> RingMap:
    parametrization = getattr(model, "parametrization", None)
    if not callable(parametrization) or not callable(getattr(model, "describe", None)):
        raise InvalidInputError(
            "model", model, "must be a model (with parametrization() and describe())"
        )
    check_expansion_size(model)
    ring_map = parametrization("QQ", False)
    if not isinstance(ring_map, RingMap):
        raise InvalidInputError("model", model, "its parametrization() must return a RingMap")
    return ring_map


def generic_fast_dimension(
    model: Model,
    *,
    trials: int = 2,
    primes: list[int] | None = None,
    seed: int | None = None,
) -> FastDimensionResult:
    """Dimension of the closure of the image of ``model.parametrization()``, mod p.

    Convention: the variety is the Zariski closure, in the affine space of the
    parametrization's source coordinates, of the image of the polynomial map
    parameters -> outputs over QQ; its dimension is the generic rank of the Jacobian
    of that map (generic smoothness in characteristic 0; Hartshorne, *Algebraic
    Geometry*, III.10.7).  Each trial draws a point x of (GF(p) minus 0)^n and computes
    the exact rank over GF(p) of J(x) diag(x) (:meth:`ParametrizationArrays.
    scaled_jacobian`) by FLINT's ``nmod_mat.rank``.

    *Certified.*  With integer representatives in [1, p), J(x) over QQ reduces mod p
    to the sampled matrix (p divides no denominator: checked), so each rank is at
    most the rank over QQ at x, itself at most the generic rank: every rank is a lower
    bound.  The upper bound is :func:`generic_upper_bound`; when a rank reaches it the
    dimension is exact and the failure bound is 0.  Otherwise the failure bound is
    :func:`generic_failure_probability_bound`, for primes that are *good* (the
    generic rank mod p equals that over QQ; all but finitely many are).

    Unlike the network route, this one expands the parametrization, so it is limited
    by the size of the ring map (:func:`check_expansion_size` refuses a huge one
    first).  A model with ``sample_jacobian`` is not expanded: its own rows of
    random evaluations are ranked instead (method :data:`SAMPLED_METHOD`).
    Returns a :class:`~nagbridge.fast.FastDimensionResult` whose ``method`` is
    :data:`GENERIC_METHOD` and ``num_points`` is 1 (one parameter point per trial).

    >>> from nagbridge.models import CustomMap
    >>> cubic = CustomMap(("s", "t"), {"a": "s^3", "b": "s^2*t", "c": "s*t^2", "d": "t^3"})
    >>> result = generic_fast_dimension(cubic, seed=0)
    >>> result.dimension, result.upper_bound, result.is_exact
    (2, 2, True)
    """
    trials = _check_trials(trials)
    chosen = default_primes(trials) if primes is None else check_primes(primes)
    rng = np.random.default_rng(_check_seed(seed))
    if callable(getattr(model, "sample_jacobian", None)):
        return _sampled_fast_dimension(model, trials, chosen, rng)
    ring_map = _model_ring_map(model)

    started = time.perf_counter()
    arrays = ParametrizationArrays.from_ring_map(ring_map)
    upper_bound = generic_upper_bound(model, ring_map)

    def jacobian_mod(prime: int) -> IntArray:
        coefficients = arrays.coefficients_mod(prime)
        point = rng.integers(1, prime, size=arrays.num_parameters, dtype=np.int64)
        return arrays.scaled_jacobian(point, coefficients, prime)

    return result_from_trials(
        model,
        rank_trials(jacobian_mod, upper_bound, chosen, trials, "generic"),
        upper_bound,
        lambda used: generic_failure_probability_bound(
            upper_bound, max(arrays.degree - 1, 0), used
        ),
        1,
        started,
        GENERIC_METHOD,
    )


def _sampled_fast_dimension(
    model: Model, trials: int, chosen: list[int], rng: np.random.Generator
) -> FastDimensionResult:
    """The route of a model with ``sample_jacobian(prime, num_points, rng)``.

    The model returns rows d(lambda_k . f(x_k; w))/dw mod p at random weights w,
    inputs x_k and output combinations lambda_k, without expanding its
    parametrization; the argument of :func:`~nagbridge.fast.fast_dimension` (N rows
    of random evaluations have, generically, the rank of the coefficient Jacobian)
    applies word for word.  N is the upper bound plus
    :data:`~nagbridge.fast._dimension.SAMPLE_MARGIN`.  The upper bound is
    min(#parameters, ambient dimension), lowered to the expected dimension where the
    model proves it (as :func:`generic_upper_bound`).  The failure bound is
    Schwartz–Zippel with the model's ``jacobian_entry_degree`` over draws from GF(p).
    """
    started = time.perf_counter()
    bound_value = _proven_bound(
        model, min(int(model.num_parameters), int(model.ambient_dimension))
    )
    num_points = bound_value + SAMPLE_MARGIN
    sample = model.sample_jacobian  # type: ignore[attr-defined]
    degree = int(model.jacobian_entry_degree)  # type: ignore[attr-defined]
    return result_from_trials(
        model,
        rank_trials(
            lambda prime: sample(prime, num_points, rng), bound_value, chosen, trials, "sampled"
        ),
        bound_value,
        lambda used: failure_probability_bound(bound_value, degree, used),
        num_points,
        started,
        SAMPLED_METHOD,
    )
