"""Dimension of a neurovariety as the rank of the sampled Jacobian modulo large primes."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from math import prod
from typing import Any

import numpy as np

from nagbridge._exceptions import InvalidInputError
from nagbridge.fast._bounds import network_upper_bound
from nagbridge.fast._jacobian import sample_network_jacobian
from nagbridge.fast._modular import check_primes, default_primes, rank_mod
from nagbridge.models import LinearNetwork, PolynomialNetwork, ShallowNetwork
from nagbridge.problems import Model

#: The models with a network route: a shallow or (deep) linear network is sampled as
#: the polynomial network it is.
NetworkModel = PolynomialNetwork | ShallowNetwork | LinearNetwork

__all__ = [
    "METHOD",
    "SAMPLE_MARGIN",
    "FastDimensionResult",
    "entry_degree",
    "failure_probability_bound",
    "fast_dimension",
    "num_sample_points",
    "weight_degree",
]

logger = logging.getLogger("nagbridge.fast")

METHOD = "jacobian-rank-mod-p"

#: Points sampled beyond the proven upper bound on the dimension.  They cannot raise
#: the rank above the bound; they only give a random point more minors to miss with.
SAMPLE_MARGIN = 4


@dataclass(frozen=True)
class FastDimensionResult:
    """The dimension of a neurovariety found by :func:`fast_dimension`, and what it certifies.

    ``dimension`` is the largest rank found, a certified lower bound for the affine
    dimension of the neurovariety; ``upper_bound`` is a proven upper bound (at most the
    expected dimension, see :func:`fast_dimension`), and when the two agree the value
    is exact (``is_exact``) and ``failure_probability_bound`` is 0.  Otherwise
    ``failure_probability_bound`` bounds the probability that the true dimension is
    larger than ``dimension``, as an exact :class:`~fractions.Fraction`; ``to_dict``
    gives it as a float rounded upwards.  ``ranks`` holds one rank per trial run,
    ``primes`` the prime of each trial; ``trials`` is the number of trials run, fewer
    than asked when a trial already reached the upper bound.  ``seconds`` is wall time.
    """

    model: Model
    dimension: int
    upper_bound: int
    ranks: tuple[int, ...]
    primes: tuple[int, ...]
    num_points: int
    failure_probability_bound: Fraction
    seconds: float
    method: str = METHOD

    @property
    def trials(self) -> int:
        """Number of trials run: one rank each."""
        return len(self.ranks)

    @property
    def expected_dimension(self) -> int:
        """The model's expected affine dimension of the neurovariety."""
        return self.model.expected_dimension

    @property
    def ambient_dimension(self) -> int:
        """The model's number of coordinates: the dimension of the coefficient space."""
        return self.model.ambient_dimension

    @property
    def num_parameters(self) -> int:
        """The model's number of parameters."""
        return self.model.num_parameters

    @property
    def defect(self) -> int:
        """Expected minus computed dimension (exact when ``is_exact``, else an upper bound)."""
        return self.expected_dimension - self.dimension

    @property
    def is_filling(self) -> bool:
        """Whether the neurovariety is the whole coefficient space (certain when True)."""
        return self.dimension == self.ambient_dimension

    @property
    def is_exact(self) -> bool:
        """Whether the rank reached the proven upper bound, so the dimension is certain."""
        return self.dimension == self.upper_bound

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-able plain data (the bound as a float rounded upwards)."""
        return {
            "dimension": self.dimension,
            "expected_dimension": self.expected_dimension,
            "ambient_dimension": self.ambient_dimension,
            "num_parameters": self.num_parameters,
            "defect": self.defect,
            "is_filling": self.is_filling,
            "method": self.method,
            "primes": list(self.primes),
            "trials": self.trials,
            "ranks": list(self.ranks),
            "upper_bound": self.upper_bound,
            "is_exact": self.is_exact,
            "failure_probability_bound": _float_upwards(self.failure_probability_bound),
            "seconds": self.seconds,
            "model": self.model.describe(),
        }


def _float_upwards(value: Fraction) -> float:
    """The least float not below ``value`` (so a probability bound stays a bound)."""
    nearest = float(value)
    return nearest if Fraction(nearest) >= value else math.nextafter(nearest, math.inf)


def weight_degree(model: PolynomialNetwork) -> int:
    """Total degree of f in the parameters: sum over l of r_l ... r_(L-1).

    W_l (and b_l) enter f with degree at most r_l r_(l+1) ... r_(L-1), the product of
    the activation degrees after layer l (1 for the output layer): r^(L-l) for one
    degree r.
    """
    degrees = model.degrees
    return sum(prod(degrees[layer - 1 :]) for layer in range(1, model.num_layers + 1))


def entry_degree(model: PolynomialNetwork) -> int:
    """Total degree of an entry of the sampled Jacobian in all random values.

    An entry d(lambda . f(x))/dw has degree at most deg_w(f) - 1 in the parameters,
    D = r_1 ... r_(L-1) in the point x, and 1 in the output combination lambda (drawn
    only when d_L > 1).
    """
    from_combination = 1 if model.widths[-1] > 1 else 0
    return weight_degree(model) - 1 + model.output_degree + from_combination


def failure_probability_bound(upper_bound: int, degree: int, primes: list[int]) -> Fraction:
    """Schwartz–Zippel bound for independent trials, one per prime, all missing the rank.

    A trial mod p misses a rank D <= ``upper_bound`` only if a non-zero D x D minor, of
    degree at most ``upper_bound * degree``, vanishes at a uniformly random point of
    GF(p)^n: probability at most that degree over p.  All trials miss with at most the
    product of these probabilities.

    >>> failure_probability_bound(6, 4, [101, 103])
    Fraction(576, 10403)
    """
    bound = Fraction(1)
    for prime in primes:
        bound *= min(Fraction(1), Fraction(upper_bound * degree, prime))
    return bound


def num_sample_points(model: PolynomialNetwork) -> int:
    """Rows of the sampled Jacobian: the proven upper bound plus :data:`SAMPLE_MARGIN`."""
    return network_upper_bound(model) + SAMPLE_MARGIN


def _as_network(model: object) -> PolynomialNetwork:
    """The polynomial network whose Jacobian is sampled for ``model``."""
    if isinstance(model, PolynomialNetwork):
        return model
    if isinstance(model, ShallowNetwork):
        return model.network()
    if isinstance(model, LinearNetwork):
        if model.num_layers < 2:
            raise InvalidInputError(
                "model", model, "a one-layer linear network is all matrices: nothing to sample"
            )
        return PolynomialNetwork(model.widths, 1)
    raise InvalidInputError(
        "model", model, "must be a PolynomialNetwork, ShallowNetwork or LinearNetwork"
    )


def _check_trials(trials: object) -> int:
    if isinstance(trials, bool) or not isinstance(trials, (int, np.integer)):
        raise InvalidInputError("trials", trials, "must be an integer")
    if trials < 1:
        raise InvalidInputError("trials", trials, "must be at least 1")
    return int(trials)


def _check_seed(seed: object) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInputError("seed", seed, "must be a non-negative integer or None")
    return int(seed)


def rank_trials(
    jacobian_mod: Callable[[int], Any],
    upper_bound: int,
    primes: list[int],
    trials: int,
    route: str,
) -> tuple[list[int], list[int]]:
    """Exact ranks of ``jacobian_mod(p)`` over the trial primes, in order.

    Trial t uses ``primes[t % len(primes)]``; the trials stop as soon as a rank reaches
    ``upper_bound`` (a proven bound, so that rank is the dimension).  Returns the ranks
    and the primes used.
    """
    ranks: list[int] = []
    used: list[int] = []
    for trial in range(trials):
        prime = primes[trial % len(primes)]
        ranks.append(rank_mod(jacobian_mod(prime), prime))
        used.append(prime)
        logger.debug(
            "%s trial %d mod %d: rank %d of %d", route, trial, prime, ranks[-1], upper_bound
        )
        if ranks[-1] >= upper_bound:
            break
    return ranks, used


def result_from_trials(
    model: Model,
    trials: tuple[list[int], list[int]],
    upper_bound: int,
    failure_bound: Callable[[list[int]], Fraction],
    num_points: int,
    started: float,
    method: str = METHOD,
) -> FastDimensionResult:
    """The result of :func:`rank_trials`: the largest rank, and ``failure_bound(primes)``
    (the probability that every trial fell short) unless it reached ``upper_bound``."""
    ranks, used = trials
    dimension = max(ranks)
    bound = Fraction(0) if dimension >= upper_bound else failure_bound(used)
    return FastDimensionResult(
        model=model,
        dimension=dimension,
        upper_bound=upper_bound,
        ranks=tuple(ranks),
        primes=tuple(used),
        num_points=num_points,
        failure_probability_bound=bound,
        seconds=time.perf_counter() - started,
        method=method,
    )


def fast_dimension(
    model: Model,
    *,
    trials: int = 2,
    primes: list[int] | None = None,
    seed: int | None = None,
) -> FastDimensionResult:
    """Dimension of the neurovariety of ``model`` from Jacobian ranks modulo large primes.

    A model other than a :class:`~nagbridge.PolynomialNetwork` takes the generic route
    :func:`~nagbridge.fast._generic.generic_fast_dimension` (the Jacobian of its
    ``parametrization()`` ring map, or the rows the model samples itself when it has
    ``sample_jacobian``, as :class:`~nagbridge.LightningAttention` does); what follows
    describes the network route, whose row argument the sampled route shares.

    Convention: the neurovariety is the affine cone, in the space of coefficients of
    the d_L output forms of degree r^(L-1), that is the Zariski closure of the image
    of the weights; its dimension is the generic rank of the Jacobian of the map
    weights -> coefficients.  No coefficient is ever expanded: each trial draws, in
    GF(p), random weights w, N random points x_k and (when d_L > 1) N random output
    combinations lambda_k, and computes the N x #parameters matrix J with rows
    d(lambda_k . f(x_k; w))/dw by one backward pass (:mod:`nagbridge.fast._jacobian`);
    FLINT's ``nmod_mat.rank`` gives its exact rank over GF(p).

    *Why N rows suffice.*  J = E(x, lambda) C(w), where C is the Jacobian of
    w -> coefficients, of rank D at a generic w, with column space V (a D-dimensional
    space of d_L-tuples of forms), and E maps a tuple g to the values lambda_k . g(x_k).
    Choosing (x_k, lambda_k) one at a time, a non-zero tuple in the kernel of the
    functionals so far is non-zero at a generic x_k, and lambda_k . g(x_k) != 0 for
    generic lambda_k, so each new row cuts the kernel on V down by one: N >= D rows make
    E injective on V and the generic rank of J is D.  We take N = (proven upper bound on
    D) + :data:`SAMPLE_MARGIN`.  One row per point is essential: with all d_L rows of
    each of ceil(D/d_L) points the rank can stay below D (for (10, 1, 10), r = 2, the
    tuples a l^2 form a 19-dimensional variety, but evaluation at k points is injective
    on its tangent space only for k >= 10).  Fewer rows can only lower the rank.

    *What is certified.*  The sampled J is the reduction mod p of an integer matrix,
    and rank over GF(p) <= rank over QQ <= generic rank = D, so every rank is a
    certified lower bound and the answer is the maximum over the trials.  The expected
    dimension (Kileel, Trager and Bruna, NeurIPS 2019) is a proven upper bound: for
    r >= 2, min(#parameters - sum of hidden widths, ambient dimension), since each
    generic fibre contains a free orbit of the hidden neurons' rescaling torus; for
    r = 1, the dimension rho (d_0 + d_L - rho) of the matrices of rank <= rho =
    min(widths), which is the exact value.  The same torus argument applied to
    sub-networks, with the Alexander–Hirschowitz theorem (1995) for shallow
    single-output pieces, gives the sharper bound U of
    :func:`~nagbridge.fast._bounds.dimension_upper_bound`.  When the maximum rank
    reaches U the dimension is exact and the failure bound is 0.

    *Extended networks* (:class:`~nagbridge.models.PolynomialNetwork` with per-layer
    degrees, biases or a polynomial activation).  The outputs are then polynomials of
    degree at most D = r_1 ... r_(L-1) and the backward pass follows the chain rule
    with s'(z) and the bias columns; the row argument above holds word for word for
    tuples of polynomials.  The upper bound is
    :func:`~nagbridge.fast._bounds.network_upper_bound`: the cut bound for monomial
    activations without biases, min(#parameters - sum of hidden widths, ambient) with
    biases (the rescaling torus is still a symmetry), and only min(#parameters,
    ambient) for a polynomial activation of several terms, for which no symmetry is
    proven, so that ``is_exact`` is claimed only when the rank reaches that.  A
    :class:`~nagbridge.models.ShallowNetwork` or a deep
    :class:`~nagbridge.models.LinearNetwork` is sampled as the polynomial network it
    is, with its own ``expected_dimension`` in the result.

    *Failure bound.*  Otherwise a trial errs only if a fixed non-zero D x D minor of J,
    a polynomial over GF(p) in the random values, vanishes at the random point.  Its
    degree is at most D * e, with e = deg_w(f) - 1 + r^(L-1) (+ 1 when d_L > 1) the degree
    of an entry (:func:`entry_degree`) and deg_w(f) = sum_l r^(L-l), so by
    Schwartz–Zippel a trial with prime p errs with probability at most U e / p, U the
    upper bound.  The trials are independent and the maximum is wrong only if every
    trial is, so the bound is the product of the per-trial bounds
    (:func:`failure_probability_bound`).  It assumes each
    prime is *good* for the network, i.e. the generic rank of J over GF(p) is that over
    QQ (finitely many primes are not; distinct primes per trial guard against one).

    Trials use ``primes`` in turn (by default the ``trials`` largest primes below 2^31,
    all distinct) and stop early once a rank reaches the upper bound.  ``seed`` makes
    the random draws reproducible.

    >>> from nagbridge import PolynomialNetwork
    >>> result = fast_dimension(PolynomialNetwork((2, 2, 3), 2), seed=1)
    >>> result.dimension, result.defect, result.is_exact, result.failure_probability_bound
    (8, 0, True, Fraction(0, 1))
    """
    if not isinstance(model, (PolynomialNetwork, ShallowNetwork, LinearNetwork)):
        from nagbridge.fast._generic import generic_fast_dimension

        return generic_fast_dimension(model, trials=trials, primes=primes, seed=seed)
    network = _as_network(model)
    trials = _check_trials(trials)
    chosen = default_primes(trials) if primes is None else check_primes(primes)
    rng = np.random.default_rng(_check_seed(seed))

    started = time.perf_counter()
    upper_bound = network_upper_bound(network)
    num_points = num_sample_points(network)
    trials_run = rank_trials(
        lambda prime: sample_network_jacobian(network, prime, num_points, rng),
        upper_bound,
        chosen,
        trials,
        "network",
    )
    return result_from_trials(
        model,
        trials_run,
        upper_bound,
        lambda used: failure_probability_bound(upper_bound, entry_degree(network), used),
        num_points,
        started,
    )
