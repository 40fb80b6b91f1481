"""fast_dimension on extended networks, shallow and linear networks.

Expected values come from theorems (Alexander-Hirschowitz, determinantal varieties) or
from the symbolic route on a real CAS (Macaulay2 and Singular sessions).
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import numpy as np
import pytest
import sympy

from nagbridge import LinearNetwork, PolynomialNetwork, ShallowNetwork, implicitize
from nagbridge.fast import fast_dimension
from nagbridge.fast._jacobian import coefficients_mod, network_gradients

PRIME = 2147483647

SESSIONS = [
    pytest.param("m2_session", marks=pytest.mark.macaulay2, id="macaulay2"),
    pytest.param("singular_session", marks=pytest.mark.singular, id="singular"),
]


@pytest.mark.parametrize(
    ("n", "k", "r", "dimension"),
    [
        # The exceptions of Alexander-Hirschowitz (1995) beyond a CAS's reach here:
        # one less than min(k n, C(n + r - 1, r)) (Brambilla-Ottaviani 2008, Thm. 1.1).
        (4, 9, 4, 34),
        (5, 7, 3, 34),
        (5, 14, 4, 69),
        # r = 2: quadrics of rank <= k, k n - C(k, 2).
        (6, 3, 2, 18 - 3),
        # A non-defective case: min(6 * 4, C(7, 4)) = 24.
        (4, 6, 4, 24),
    ],
)
def test_shallow_networks_reach_the_alexander_hirschowitz_dimension(n, k, r, dimension):
    model = ShallowNetwork(n, k, r)
    result = fast_dimension(model, seed=1)
    assert result.dimension == dimension == model.expected_dimension
    assert result.is_exact
    assert result.model is model


@pytest.mark.parametrize(("widths", "rho"), [((5, 3, 4, 6), 3), ((4, 6, 2, 7), 2)])
def test_linear_networks_are_determinantal(widths, rho):
    # rank <= rho matrices: rho (d0 + dL - rho) (Bruns-Vetter, Determinantal Rings).
    result = fast_dimension(LinearNetwork(widths), seed=2)
    assert result.dimension == rho * (widths[0] + widths[-1] - rho)
    assert result.is_exact


@pytest.mark.parametrize("name", SESSIONS)
@pytest.mark.parametrize(
    "model",
    [
        PolynomialNetwork((2, 2, 2), 2, biases=True),
        PolynomialNetwork((2, 1, 2, 1), (2, 1)),
        PolynomialNetwork((2, 2, 1, 1), (1, 2), biases=True),
        PolynomialNetwork((2, 2, 1), activation=(0, 1, 1)),
        PolynomialNetwork((2, 1, 1), activation=(0, -1, 0, 1)),
        PolynomialNetwork((1, 2, 1), activation=(0, -1, 0, 1)),
        PolynomialNetwork((1, 2, 1), activation=(1, 0, 1), biases=True),
    ],
    ids=lambda model: str(model.describe()),
)
def test_extended_networks_agree_with_the_symbolic_route(request, name, model):
    symbolic = implicitize(model, backend=request.getfixturevalue(name), timeout=120)
    fast = fast_dimension(model, seed=4)
    assert fast.dimension == symbolic.dimension
    assert fast.dimension <= fast.upper_bound


def test_no_exactness_without_a_proven_bound():
    # s(t) = t + t^2, no biases: the constant coefficient vanishes, so the dimension is
    # at most 5 of the 6 coordinates (the symbolic route finds 5, see the test above),
    # while the only proven bound is min(#parameters, ambient) = 6: not exact.
    result = fast_dimension(PolynomialNetwork((2, 2, 1), activation=(0, 1, 1)), seed=0)
    assert result.upper_bound == 6
    assert result.dimension == 5
    assert not result.is_exact
    assert 0 < result.failure_probability_bound < 1


def test_gradients_with_biases_and_polynomial_activation_are_derivatives():
    # Differentiate lambda . f(x; W, b) with s(t) = 1/2 - t + 3 t^2 symbolically for
    # widths (2, 2, 2) and compare with the backward pass at random residues.
    widths = (2, 2, 2)
    activation = (Fraction(1, 2), Fraction(-1), Fraction(3))
    matrices = [
        sympy.Matrix(rows, columns, lambda i, j, layer=layer: sympy.Symbol(f"w{layer}_{i}_{j}"))
        for layer, (columns, rows) in enumerate(itertools.pairwise(widths), start=1)
    ]
    biases = [
        sympy.Matrix([sympy.Symbol(f"b{layer}_{i}") for i in range(rows)])
        for layer, rows in enumerate(widths[1:], start=1)
    ]
    x = sympy.Matrix(sympy.symbols("x0:2"))
    lam = sympy.Matrix(sympy.symbols("l0:2"))
    value = x
    for layer, (matrix, bias) in enumerate(zip(matrices, biases, strict=True), start=1):
        value = matrix * value + bias
        if layer < len(matrices):
            value = value.applyfunc(
                lambda t: sum(
                    sympy.Rational(a.numerator, a.denominator) * t**k
                    for k, a in enumerate(activation)
                )
            )
    scalar = sympy.expand((lam.T * value)[0])
    parameters = [
        s for matrix, bias in zip(matrices, biases, strict=True) for s in [*matrix, *bias]
    ]

    rng = random.Random(2)
    substitution = {s: rng.randrange(PRIME) for s in [*parameters, *x, *lam]}
    expected = []
    for s in parameters:
        derivative = sympy.diff(scalar, s).subs(substitution)
        expected.append(int(derivative.p * pow(int(derivative.q), -1, PRIME) % PRIME))

    def numeric(matrix):
        return np.array(
            [[substitution[s] for s in matrix.row(i)] for i in range(matrix.rows)], dtype=np.int64
        )

    row = network_gradients(
        [numeric(m) for m in matrices],
        np.array([[substitution[s] for s in x]], dtype=np.int64),
        np.array([[substitution[s] for s in lam]], dtype=np.int64),
        1,
        PRIME,
        activations=[coefficients_mod(activation, PRIME)],
        biases=[numeric(b).ravel() for b in biases],
    )
    assert row.tolist() == [expected]
