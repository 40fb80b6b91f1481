"""PolynomialNetwork with biases, per-layer degrees and polynomial activations (no CAS)."""

from __future__ import annotations

import random
from fractions import Fraction
from math import comb, prod

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork
from nagbridge.models import model_from_options


def _evaluate(network: PolynomialNetwork, parameters: dict[str, Fraction], point):
    """f(x) from the definition z_l = W_l s(z_(l-1)) + b_l, with exact rationals."""
    values = list(point)
    for layer in range(1, network.num_layers + 1):
        rows, columns = network.widths[layer], network.widths[layer - 1]
        values = [
            sum(
                parameters.get(f"w_{layer}_{i}_{j}", Fraction(1)) * values[j]
                for j in range(columns)
            )
            + parameters.get(f"b_{layer}_{i}", Fraction(0))
            for i in range(rows)
        ]
        if layer < network.num_layers:
            coefficients = network.activation_coefficients(layer)
            values = [sum(a * v**k for k, a in enumerate(coefficients)) for v in values]
    return values


def _monomial_value(exponents, values):
    return prod((v**e for v, e in zip(values, exponents, strict=True)), start=Fraction(1))


NETWORKS = [
    PolynomialNetwork((2, 2, 3), 2, biases=True),
    PolynomialNetwork((2, 2, 1, 2), (2, 3)),
    PolynomialNetwork((2, 2, 1, 2), (3, 1), biases=True),
    PolynomialNetwork((2, 3, 1), activation=(0, -1, 0, 1)),
    PolynomialNetwork((2, 2, 2), activation=(Fraction(1, 2), 1, 1), biases=True),
    PolynomialNetwork((1, 2, 2, 1), activation=(1, 0, 2)),
]


@pytest.mark.parametrize("gauge_fixed", [False, True])
@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: str(n.describe()))
def test_parametrization_matches_the_network(network, gauge_fixed):
    """sum_e image_(i,e)(w) x^e equals output i of the network evaluated directly."""
    ring_map = network.parametrization(gauge_fixed=gauge_fixed)
    rng = random.Random(3)
    names = ring_map.target.variables
    parameters = {name: Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for name in names}
    point = [Fraction(rng.randint(-4, 4), rng.randint(1, 4)) for _ in range(network.widths[0])]
    expected = _evaluate(network, parameters, point)

    size = len(network.monomials)
    for output in range(network.widths[-1]):
        total = Fraction(0)
        for k, exponents in enumerate(network.monomials):
            image = ring_map.images[output * size + k]
            values = [parameters[name] for name in names]
            coefficient = sum(c * _monomial_value(e, values) for e, c in image.items())
            total += coefficient * _monomial_value(exponents, point)
        assert total == expected[output]


def test_biases_add_one_parameter_per_neuron_and_keep_the_rescalings():
    # (2,2,3), r = 2 with biases: 4 + 6 weights and 2 + 3 biases; outputs are quadrics of
    # degree <= 2 in 2 variables (C(2 + 2, 2) = 6 monomials each); the rescaling of each
    # hidden neuron (row of W_1 and entry of b_1 times t, column of W_2 times t^-2)
    # remains, so KTB's count gives min(15 - 2, 18) = 13.
    network = PolynomialNetwork((2, 2, 3), 2, biases=True)
    assert network.num_parameters == 15
    assert network.symmetry_dimension == 2
    assert network.ambient_dimension == 3 * comb(4, 2) == 18
    assert network.expected_dimension == 13
    assert len(network.coefficient_names) == 18
    assert "c_0_0_0" in network.coefficient_names  # the constant term of output 0


def test_per_layer_degrees_multiply():
    # D = r_1 r_2 = 2 * 3 = 6: forms of degree 6 in 2 variables (7 coefficients) per output.
    network = PolynomialNetwork((2, 2, 1, 2), (2, 3))
    assert network.degrees == (2, 3)
    assert network.output_degree == 6
    assert network.ambient_dimension == 2 * 7
    assert network.expected_dimension == min(4 + 2 + 2 - 3, 14)


def test_polynomial_activation_claims_no_symmetry_and_fixes_nothing():
    # s(t) = t^3 - t has no rescaling symmetry: s(c t) is not a multiple of s(t).
    network = PolynomialNetwork((2, 3, 1), activation=(0, -1, 0, 1))
    assert network.degrees == (3,)
    assert network.symmetry_dimension == 0
    assert network.ambient_dimension == comb(2 + 3, 3)  # all monomials of degree <= 3
    assert network.expected_dimension == min(6 + 3, 10)
    assert network.weight_names(gauge_fixed=True) == network.weight_names()


def test_a_single_term_activation_is_monomial():
    # 3 t^2 is rescalable like t^2: (c z)^2 3 = c^2 (3 z^2).
    network = PolynomialNetwork((2, 2, 1), activation=(0, 0, 3))
    assert network.is_monomial and network.is_homogeneous
    assert network.symmetry_dimension == 2
    assert len(network.weight_names(gauge_fixed=True)) == len(network.weight_names()) - 2


def test_linear_network_with_biases_is_affine_maps():
    # x -> M x + b with rank M <= rho = 1 and b free: 1 * (3 + 2 - 1) + 2 = 6.
    network = PolynomialNetwork((3, 1, 2), 1, biases=True)
    assert network.expected_dimension == 6
    assert network.ambient_dimension == 2 * 4


def test_describe_echoes_only_non_default_options():
    assert PolynomialNetwork((2, 2, 3), 2).describe() == {
        "model": "polynomial",
        "widths": [2, 2, 3],
        "activation_degree": 2,
    }
    assert PolynomialNetwork((2, 2, 1, 1), (2, 3), biases=True).describe() == {
        "model": "polynomial",
        "widths": [2, 2, 1, 1],
        "activation_degree": [2, 3],
        "biases": True,
    }
    assert PolynomialNetwork((2, 2, 1), activation=(Fraction(1, 2), 1)).describe() == {
        "model": "polynomial",
        "widths": [2, 2, 1],
        "activation": ["1/2", "1"],
    }


def test_registry_builds_the_extended_options():
    model = model_from_options(
        "polynomial",
        {"widths": [2, 2, 1], "activation": ["1/2", 0, 1], "biases": True},
    )
    assert model.activation == (Fraction(1, 2), Fraction(0), Fraction(1))
    assert model.biases is True
    per_layer = model_from_options(
        "polynomial", {"widths": [2, 2, 2, 1], "activation_degree": [2, 3]}
    )
    assert per_layer.degrees == (2, 3)


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"widths": [2, 2, 2, 1], "activation_degree": [2]}, "activation_degree"),
        ({"widths": [2, 2, 1], "activation_degree": [2, 3]}, "activation_degree"),
        ({"widths": [2, 2, 1], "activation_degree": [0]}, "activation degree"),
        ({"widths": [2, -2, 1], "activation_degree": 2}, "width"),
        ({"widths": [2, 2, 1]}, "activation_degree"),
        ({"widths": [2, 2, 1], "activation": []}, "activation"),
        ({"widths": [2, 2, 1], "activation": [1, 1, 0]}, "activation"),
        ({"widths": [2, 2, 1], "activation": [5]}, "activation"),
        ({"widths": [2, 2, 1], "activation": ["x"]}, "activation"),
        ({"widths": [2, 2, 1], "activation": [0, 1], "activation_degree": 2}, "activation"),
        ({"widths": [2, 2, 1], "activation_degree": 2, "biases": "yes"}, "biases"),
    ],
)
def test_bad_options_are_named(options, named):
    with pytest.raises(InvalidInputError) as caught:
        model_from_options("polynomial", options)
    assert caught.value.name == named
