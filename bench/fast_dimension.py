"""Time the fast dimension route on a wide and a deep network, against a floating baseline.

Run from a checkout with ``python -m bench.fast_dimension`` (add ``--large`` for the
(10, 50, 50, 50, 1) network, about a minute more).  For each network it prints

- the whole call ``fast_dimension(model)`` (wall time, dimension, whether it is proven),
- the stages of one trial: the modular Jacobian (numpy backward pass), its conversion
  to a FLINT ``nmod_mat`` and FLINT's exact rank,
- the baseline measured in the same run: the same-shaped Jacobian in float64 at real
  Gaussian weights with ``numpy.linalg.matrix_rank`` (an SVD), the usual numerical
  route, and the rank it reports,

and the ratios floating SVD / exact rank time and exact rank / Jacobian time.  Small
cases are repeated and the median is taken.  On deep networks the floating rank is
wrong by a wide margin (the outputs have degree 2^8 and the singular values span far
more than 16 digits); the modular rank is exact arithmetic and does not care.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from nagbridge.fast import fast_dimension
from nagbridge.fast._dimension import num_sample_points
from nagbridge.fast._jacobian import sample_jacobian
from nagbridge.fast._modular import as_nmod_mat, default_primes
from nagbridge.models import PolynomialNetwork

CASES = [
    ("wide", (12, 66, 66, 1), 2),  # 5214 weights, quartics in 12 variables
    ("deep", (2,) * 9 + (1,), 2),  # 9 layers, one binary form of degree 256
    ("deep", (4,) + (6,) * 8 + (1,), 2),  # 9 layers, 282 weights, 4 variables
]
LARGE = ("wide", (10, 50, 50, 50, 1), 2)  # 5550 weights, a 3979 x 5550 rank

T = TypeVar("T")


def _timed(task: Callable[[], T], budget: float = 1.0) -> tuple[float, T]:
    """Median wall time of ``task`` over repeats fitting in about ``budget`` seconds."""
    times: list[float] = []
    while True:
        started = time.perf_counter()
        value = task()
        times.append(time.perf_counter() - started)
        if sum(times) > budget or len(times) >= 25:
            return statistics.median(times), value


def _float_jacobian(
    widths: tuple[int, ...], r: int, num_points: int, rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """Rows d(lambda_k . f(x_k; W))/dW in float64 at Gaussian weights (the baseline)."""
    weights = [rng.standard_normal((b, a)) / np.sqrt(a) for a, b in pairwise(widths)]
    points = rng.standard_normal((num_points, widths[0]))
    combinations = rng.standard_normal((num_points, widths[-1]))
    pre_activations, activations = [], [points]
    for layer, matrix in enumerate(weights, start=1):
        pre_activations.append(activations[-1] @ matrix.T)
        if layer < len(weights):
            activations.append(pre_activations[-1] ** r)
    blocks, gradient = [], combinations
    for layer in range(len(weights), 0, -1):
        previous = activations[layer - 1]
        blocks.append((gradient[:, :, None] * previous[:, None, :]).reshape(num_points, -1))
        if layer > 1:
            slope = r * pre_activations[layer - 2] ** (r - 1)
            gradient = (gradient @ weights[layer - 1]) * slope
    return np.concatenate(blocks[::-1], axis=1)


def _run(label: str, widths: tuple[int, ...], r: int) -> dict[str, object]:
    model = PolynomialNetwork(widths, r)
    prime = default_primes(1)[0]
    rows = num_sample_points(model)
    budget = 2.0 if model.num_parameters < 1000 else 0.0

    total, result = _timed(lambda: fast_dimension(model, seed=0), budget)
    rng = np.random.default_rng(1)
    jacobian_seconds, jacobian = _timed(
        lambda: sample_jacobian(widths, r, prime, rows, rng), budget
    )
    conversion_seconds, flint_matrix = _timed(lambda: as_nmod_mat(jacobian, prime), budget)
    rank_seconds, _ = _timed(flint_matrix.rank, budget)
    exact_seconds = conversion_seconds + rank_seconds
    float_seconds, float_rank = _timed(
        lambda: int(np.linalg.matrix_rank(_float_jacobian(widths, r, rows, rng))), budget
    )

    proven = (
        "proven"
        if result.is_exact
        else f"P(wrong) <= {float(result.failure_probability_bound):.1e}"
    )
    print(
        f"{label} {widths} r={r}: {model.num_parameters} weights, Jacobian {rows} x "
        f"{model.num_parameters}"
    )
    print(
        f"  fast_dimension      {total:9.4f} s   dimension {result.dimension} ({proven}), "
        f"expected {result.expected_dimension}, trials run {result.trials}"
    )
    print(f"  modular Jacobian    {jacobian_seconds:9.4f} s")
    print(f"  to FLINT nmod_mat   {conversion_seconds:9.4f} s")
    print(f"  exact rank (FLINT)  {rank_seconds:9.4f} s")
    print(
        f"  float64 Jacobian+SVD{float_seconds:9.4f} s   (baseline; it reports rank {float_rank})"
    )
    print(
        f"  ratios: SVD / (conversion + exact rank) {float_seconds / exact_seconds:6.2f}, "
        f"(conversion + exact rank) / Jacobian {exact_seconds / jacobian_seconds:6.2f}"
    )
    sys.stdout.flush()
    return {
        "label": label,
        "widths": list(widths),
        "r": r,
        "weights": model.num_parameters,
        "dimension": result.dimension,
        "proven": result.is_exact,
        "float_rank": float_rank,
        "seconds": {
            "fast_dimension": total,
            "jacobian": jacobian_seconds,
            "conversion": conversion_seconds,
            "exact_rank": rank_seconds,
            "float_svd": float_seconds,
        },
        "ratios": {
            "float_svd/exact_rank": float_seconds / exact_seconds,
            "exact_rank/jacobian": exact_seconds / jacobian_seconds,
        },
    }


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    """Print each network's timings and return them as rows for the JSON report."""
    arguments = sys.argv[1:] if argv is None else argv
    cases = [*CASES, LARGE] if "--large" in arguments else CASES
    started = time.perf_counter()
    rows = [_run(label, widths, r) for label, widths, r in cases]
    print(f"total {time.perf_counter() - started:.1f} s")
    return rows


if __name__ == "__main__":
    main()
