"""Linear networks: determinantal varieties (combinatorics and parametrization, no CAS)."""

from __future__ import annotations

import random
from fractions import Fraction
from math import comb

import pytest
import sympy

from nagbridge import InvalidInputError, LinearNetwork
from nagbridge.models import determinantal_degree, model_from_options


@pytest.mark.parametrize(
    ("widths", "params", "symmetries", "ambient", "expected"),
    [
        # rank <= rho = min(widths) among d_L x d_0 matrices: dimension rho (d0 + dL - rho)
        # (Bruns and Vetter, Determinantal Rings, Prop. 1.1 / Ch. 2).
        ((3, 2, 4), 6 + 8, 4, 12, 2 * (3 + 4 - 2)),
        ((3, 1, 3), 3 + 3, 1, 9, 1 * (3 + 3 - 1)),
        ((2, 3, 2), 6 + 6, 9, 4, 2 * (2 + 2 - 2)),  # wide hidden layer: all 2 x 2 matrices
        ((4, 2, 3, 5), 8 + 6 + 15, 4 + 9, 20, 2 * (4 + 5 - 2)),
        ((2, 3), 6, 0, 6, 6),
    ],
)
def test_combinatorics(widths, params, symmetries, ambient, expected):
    network = LinearNetwork(widths)
    assert network.num_parameters == params
    assert network.symmetry_dimension == symmetries
    assert network.ambient_dimension == ambient
    assert network.expected_dimension == expected


def test_determinantal_degree_known_cases():
    # Maximal minors of a square matrix: the determinant, a form of degree n.
    assert [determinantal_degree(n, n, n - 1) for n in (2, 3, 4)] == [2, 3, 4]
    # Rank 1: the Segre cone over P^(m-1) x P^(n-1), degree C(m + n - 2, m - 1)
    # (Harris, Algebraic Geometry, Example 18.15).
    for m, n in [(2, 3), (3, 3), (2, 5), (4, 3)]:
        assert determinantal_degree(m, n, 1) == comb(m + n - 2, m - 1)
    # Maximal minors of an m x n matrix, m <= n: degree C(n, m - 1)
    # (Harris, Example 19.10 with r = m - 1: the Giambelli-Thom-Porteous count).
    for m, n in [(2, 4), (3, 4), (3, 5)]:
        assert determinantal_degree(m, n, m - 1) == comb(n, m - 1)
    # Full rank: the whole space.
    assert determinantal_degree(3, 4, 3) == 1


def test_determinantal_degree_is_symmetric():
    for m, n, r in [(3, 5, 2), (4, 6, 2), (2, 7, 1)]:
        assert determinantal_degree(m, n, r) == determinantal_degree(n, m, r)


@pytest.mark.parametrize("gauge_fixed", [False, True])
@pytest.mark.parametrize("widths", [(3, 2, 4), (2, 3, 2), (4, 2, 2, 3), (2, 3)])
def test_parametrization_is_the_product_matrix(widths, gauge_fixed):
    network = LinearNetwork(widths)
    ring_map = network.parametrization(gauge_fixed=gauge_fixed)
    rng = random.Random(5)
    names = ring_map.target.variables
    values = {name: Fraction(rng.randint(-4, 4), rng.randint(1, 3)) for name in names}
    product = sympy.eye(widths[0])
    for layer in range(1, len(widths)):
        rows, columns = widths[layer], widths[layer - 1]

        def entry(i, j, layer=layer):
            name = f"w_{layer}_{i}_{j}"
            return values.get(name, Fraction(int(i == j)))  # a gauge-fixed identity block

        product = sympy.Matrix(rows, columns, entry) * product
    for index, image in enumerate(ring_map.images):
        i, j = divmod(index, widths[0])
        value = sum(
            c * sympy.prod([values[n] ** e for n, e in zip(names, exps, strict=True)])
            for exps, c in image.items()
        )
        assert value == product[i, j]


def test_gauge_fixing_removes_identity_blocks_only_where_valid():
    # (4, 2, 2, 3): W_1 is 2 x 4 (block fixed, 4 entries), W_2 is 2 x 2 (fixed, 4 entries).
    assert len(LinearNetwork((4, 2, 2, 3)).weight_names(gauge_fixed=True)) == 8 + 4 + 6 - 8
    # (2, 3, 2): W_1 is 3 x 2, no invertible 3 x 3 block: nothing fixed.
    network = LinearNetwork((2, 3, 2))
    assert network.weight_names(gauge_fixed=True) == network.weight_names()


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"widths": [2, -1, 3]}, "width"),
        ({"widths": [2, 0, 3]}, "width"),
        ({"widths": [3]}, "widths"),
        ({"widths": 3}, "widths"),
        ({}, "widths"),
        ({"widths": [2, 2], "activation_degree": 2}, "activation_degree"),
    ],
)
def test_bad_options_are_named(options, named):
    with pytest.raises(InvalidInputError) as caught:
        model_from_options("linear", options)
    assert caught.value.name == named
