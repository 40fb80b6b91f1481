"""The sampled Jacobian, the modular kernels and the upper bounds, checked independently."""

from __future__ import annotations

import itertools
import random

import flint
import numpy as np
import pytest
import sympy

from nagbridge import PolynomialNetwork
from nagbridge.fast import fast_dimension
from nagbridge.fast._bounds import dimension_upper_bound
from nagbridge.fast._jacobian import network_gradients
from nagbridge.fast._modular import default_primes, matmul_mod, power_mod, rank_mod

PRIME = 2147483647


def test_matmul_mod_survives_the_largest_entries():
    # Entries p - 1 everywhere: every product is about 2^62, a plain int64 sum overflows.
    size = 70
    left = np.full((3, size), PRIME - 1, dtype=np.int64)
    right = np.full((size, 2), PRIME - 1, dtype=np.int64)
    assert matmul_mod(left, right, PRIME).tolist() == [[size % PRIME] * 2] * 3  # (-1)^2 = 1


def test_matmul_and_power_agree_with_python_integers():
    rng = np.random.default_rng(0)
    left = rng.integers(0, PRIME, size=(5, 40), dtype=np.int64)
    right = rng.integers(0, PRIME, size=(40, 4), dtype=np.int64)
    expected = [
        [
            sum(int(a) * int(b) for a, b in zip(row, column, strict=True)) % PRIME
            for column in right.T
        ]
        for row in left
    ]
    assert matmul_mod(left, right, PRIME).tolist() == expected
    assert power_mod(left, 5, PRIME).tolist() == [
        [pow(int(v), 5, PRIME) for v in row] for row in left
    ]


def test_network_gradients_are_the_derivatives_of_the_network():
    # Differentiate lambda . f(x; W) symbolically for widths (2, 3, 2, 2), r = 3, and
    # compare at random residues near p with the backward pass.
    widths, r = (2, 3, 2, 2), 3
    symbols = [
        sympy.Matrix(rows, columns, lambda i, j, layer=layer: sympy.Symbol(f"w{layer}_{i}_{j}"))
        for layer, (columns, rows) in enumerate(itertools.pairwise(widths), start=1)
    ]
    x = sympy.Matrix(sympy.symbols("x0:2"))
    lam = sympy.Matrix(sympy.symbols("l0:2"))
    value = x
    for layer, matrix in enumerate(symbols, start=1):
        value = matrix * value
        if layer < len(symbols):
            value = value.applyfunc(lambda t: t**r)
    scalar = (lam.T * value)[0]
    weight_symbols = [entry for matrix in symbols for entry in matrix]  # row by row

    rng = random.Random(11)
    substitution = {s: rng.randrange(PRIME) for s in [*weight_symbols, *x, *lam]}
    expected = [int(sympy.diff(scalar, s).subs(substitution)) % PRIME for s in weight_symbols]

    weights = [
        np.array([[substitution[s] for s in matrix.row(i)] for i in range(matrix.rows)])
        for matrix in symbols
    ]
    points = np.array([[substitution[s] for s in x]], dtype=np.int64)
    combinations = np.array([[substitution[s] for s in lam]], dtype=np.int64)
    row = network_gradients(weights, points, combinations, r, PRIME)
    assert row.tolist() == [expected]


def _coefficient_jacobian_rank(model: PolynomialNetwork, seed: int) -> int:
    """Rank mod p of d(coefficients)/d(weights) from the expanded symbolic parametrization."""
    ring_map = model.parametrization()
    rng = random.Random(seed)
    point = [rng.randrange(PRIME) for _ in ring_map.target.variables]
    rows = []
    for image in ring_map.images:
        row = [0] * len(point)
        for exponents, coefficient in image.items():
            scalar = coefficient.numerator * pow(coefficient.denominator, -1, PRIME)
            for variable, exponent in enumerate(exponents):
                if exponent == 0:
                    continue
                term = scalar * exponent
                for other, power in enumerate(exponents):
                    term = term * pow(point[other], power - (other == variable), PRIME) % PRIME
                row[variable] = (row[variable] + term) % PRIME
        rows.append(row)
    return int(flint.nmod_mat(rows, PRIME).rank())


@pytest.mark.parametrize(
    ("widths", "r"),
    [
        ((2, 2, 2, 2, 1), 2),
        ((3, 3, 3, 1), 2),
        ((4, 2, 3, 2), 2),
        ((3, 4, 2, 1), 2),
        ((3, 2, 2, 1), 3),
        ((2, 3, 3, 2), 2),
        ((3, 1, 2, 2), 1),
    ],
)
def test_cross_check_with_the_symbolic_parametrization(widths, r):
    # The symbolic route: expand every output coefficient in the weights, differentiate,
    # take the rank at a random point.  The fast route never expands; the ranks agree.
    model = PolynomialNetwork(widths, r)
    assert fast_dimension(model, seed=1).dimension == _coefficient_jacobian_rank(model, seed=2)


def test_one_row_per_point_is_needed():
    # (10, 1, 10), r = 2: the functions a l^2 (a in K^10, l a linear form) form a variety
    # of dimension 10 + 10 - 1 = 19.  Its tangent space {b l^2 + a l m} evaluated at k
    # points keeps a kernel {a n l : n linear, vanishing at the points} of dimension
    # 10 - k, so all 10 outputs at ceil(20 / 10) + 2 = 4 points give rank 10 + 4 - 1 = 13.
    # One random combination of the outputs per point, at 19 + margin points, gives 19.
    widths = (10, 1, 10)
    rng = np.random.default_rng(4)
    weights = [rng.integers(0, PRIME, size=(b, a), dtype=np.int64) for a, b in [(10, 1), (1, 10)]]
    points = rng.integers(0, PRIME, size=(4, 10), dtype=np.int64)
    rows = [
        network_gradients(weights, points, np.eye(10, dtype=np.int64)[[output] * 4], 2, PRIME)
        for output in range(10)
    ]
    assert rank_mod(np.concatenate(rows), PRIME) == 13
    assert fast_dimension(PolynomialNetwork(widths, 2), seed=4).dimension == 19


def test_upper_bound_is_between_the_rank_and_the_expected_dimension():
    # The bound is proven, so no rank (a certified lower bound) may exceed it; it never
    # exceeds the Kileel–Trager–Bruna count, and equals it for two layers with several
    # outputs (nothing to cut, no Alexander–Hirschowitz piece).
    for widths in itertools.chain(
        itertools.product(range(1, 4), repeat=3), itertools.product(range(1, 4), repeat=4)
    ):
        for r in (1, 2, 3):
            model = PolynomialNetwork(widths, r)
            bound = dimension_upper_bound(widths, r)
            assert fast_dimension(model, seed=0, trials=1).dimension <= bound
            assert bound <= model.expected_dimension
            if len(widths) == 3 and widths[-1] > 1:
                assert bound == model.expected_dimension


def test_default_primes_are_distinct_and_below_two_to_the_31():
    primes = default_primes(4)
    assert len(set(primes)) == 4
    assert all(2**30 < p < 2**31 and sympy.isprime(p) for p in primes)
