"""The polynomial network model: combinatorics and the parametrization, without a CAS."""

from __future__ import annotations

import random
from fractions import Fraction
from math import comb

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork


@pytest.mark.parametrize(
    ("widths", "r", "params", "symmetries", "ambient", "expected"),
    [
        # (2,1,1), r=3: a*(u x + v y)^3: 3 weights, 1 hidden neuron, 4 cubic coefficients;
        # the image is the cone over the twisted cubic, of dimension 2.
        ((2, 1, 1), 3, 3, 1, 4, 2),
        # (2,2,3), r=2: 4 + 6 weights, 2 hidden neurons, 3 binary quadrics (3*3 coefficients).
        ((2, 2, 3), 2, 10, 2, 9, 8),
        # (2,2,2,1), r=2: 4+4+2 weights, 4 hidden neurons, one binary quartic (5 coefficients).
        ((2, 2, 2, 1), 2, 10, 4, 5, 5),
        # (3,2,2), r=2: 6+4 weights, 2 hidden neurons, 2 ternary quadrics (2*6).
        ((3, 2, 2), 2, 10, 2, 12, 8),
        # r=1: rank <= 1 maps R^3 -> R^2, determinantal of dimension 1*(3+2-1) = 4.
        ((3, 1, 2), 1, 5, 1, 6, 4),
    ],
)
def test_combinatorics(widths, r, params, symmetries, ambient, expected):
    network = PolynomialNetwork(widths, r)
    assert network.num_parameters == params
    assert network.symmetry_dimension == symmetries
    assert network.ambient_dimension == ambient
    assert network.expected_dimension == expected


def test_ambient_dimension_is_forms_count():
    # d_L forms of degree r^(L-1) in d0 variables: d_L * binom(d0 + D - 1, D).
    network = PolynomialNetwork((3, 4, 2, 2), 3)
    assert network.output_degree == 9
    assert network.ambient_dimension == 2 * comb(3 + 9 - 1, 9)
    assert len(network.coefficient_names) == network.ambient_dimension


def _evaluate_network(network, weights, point):
    """Evaluate f(x) directly from the definition, with exact rationals."""
    values = list(point)
    for layer in range(1, network.num_layers + 1):
        rows, columns = network.widths[layer], network.widths[layer - 1]
        values = [
            sum(weights[(layer, i, j)] * values[j] for j in range(columns)) for i in range(rows)
        ]
        if layer < network.num_layers:
            values = [v**network.activation_degree for v in values]
    return values


@pytest.mark.parametrize("gauge_fixed", [False, True])
@pytest.mark.parametrize(("widths", "r"), [((2, 2, 3), 2), ((3, 2, 2, 1), 2), ((2, 1, 1), 3)])
def test_parametrization_matches_the_network(widths, r, gauge_fixed):
    """sum_e image_(i,e)(w) x^e equals output i of the network at the same weights."""
    network = PolynomialNetwork(widths, r)
    ring_map = network.parametrization(gauge_fixed=gauge_fixed)
    rng = random.Random(7)
    names = ring_map.target.variables
    weight_values = {name: Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for name in names}
    weights = {}
    for layer in range(1, network.num_layers + 1):
        for i in range(widths[layer]):
            for j in range(widths[layer - 1]):
                weights[(layer, i, j)] = weight_values.get(f"w_{layer}_{i}_{j}", Fraction(1))
    point = [Fraction(rng.randint(-4, 4), rng.randint(1, 4)) for _ in range(widths[0])]

    expected = _evaluate_network(network, weights, point)

    number_of_monomials = len(network.monomials)
    for output in range(widths[-1]):
        total = Fraction(0)
        for k, exponents in enumerate(network.monomials):
            image = ring_map.images[output * number_of_monomials + k]
            coefficient = sum(
                c * _monomial_value(e, [weight_values[n] for n in names]) for e, c in image.items()
            )
            total += coefficient * _monomial_value(exponents, point)
        assert total == expected[output]


def _monomial_value(exponents, values):
    result = Fraction(1)
    for e, v in zip(exponents, values, strict=True):
        result *= v**e
    return result


def test_gauge_fixing_removes_one_weight_per_hidden_neuron():
    network = PolynomialNetwork((3, 4, 2, 2), 2)
    assert len(network.weight_names()) - len(network.weight_names(gauge_fixed=True)) == 4 + 2


@pytest.mark.parametrize(
    ("widths", "r", "named"),
    [
        ((2, 0, 3), 2, "width"),
        ((2, -1, 3), 2, "width"),
        ((2, 3), 2, "widths"),
        ((2,), 2, "widths"),
        ((2, 2, 3), 0, "activation degree"),
        ((2, 2, 3), -2, "activation degree"),
        ((2, 2, 3), 2.0, "activation degree"),
        ((2, 2.5, 3), 2, "width"),
        ("223", 2, "widths"),
        ((2, True, 3), 2, "width"),
    ],
)
def test_bad_architectures_are_rejected(widths, r, named):
    with pytest.raises(InvalidInputError) as caught:
        PolynomialNetwork(widths, r)
    assert caught.value.name == named


def test_huge_output_space_is_rejected_before_expansion():
    # 10 variables, degree 3^3 = 27: C(36, 27) = 94,143,280 coefficients.
    # The model and its combinatorics exist; only the symbolic parametrization is refused.
    network = PolynomialNetwork((10, 2, 2, 2, 1), 3)
    assert network.ambient_dimension == comb(36, 27)
    with pytest.raises(InvalidInputError, match="coefficients"):
        network.parametrization()
    with pytest.raises(InvalidInputError, match="coefficients"):
        network.coefficient_names  # noqa: B018 - the property is what is tested
