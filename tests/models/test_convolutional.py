"""Convolutional networks, linear and polynomial: combinatorics, parametrization, CAS.

Sources of the expected values, written out where used:
- KMMT 2022: Kohn, Merkh, Montúfar, Trager, *Geometry of linear convolutional
  networks*, SIAM J. Appl. Algebra Geom. 6 (2022): stride-one LCNs fill their space.
- KMST 2024: Kohn, Montúfar, Shahverdi, Trager, *Function space and critical points of
  linear convolutional networks*, SIAM J. Appl. Algebra Geom. 8 (2024): the function
  space of an LCN with filter sizes k has dimension k_1 + ... + k_L - (L - 1).
- SMK 2025: Shahverdi, Marchetti, Kohn, *On the geometry and optimization of polynomial
  convolutional networks*, AISTATS 2025: for r >= 2 the neuromanifold has dimension
  |k| - L + 1 and degree (|k| - L)! prod_l r^((L-l)(k_l-1)) / (k_l - 1)!.
- Harris, *Algebraic Geometry* (1992), Example 18.15: the Segre variety
  P^(n_1) x ... x P^(n_L) has degree (n_1 + ... + n_L)! / (n_1! ... n_L!).
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import factorial

import pytest
import sympy

from nagbridge import (
    InvalidInputError,
    LinearConvNetwork,
    PolynomialConvNetwork,
    implicitize,
)
from nagbridge._invariants import jacobian_rank
from nagbridge.models import model_from_options

# -- the definition, written independently of the model code ---------------------------


def _convolve(values, taps, stride):
    """(w * y)_i = sum_j w[j] y[i s + j], as many outputs as fit (no padding)."""
    count = (len(values) - len(taps)) // stride + 1
    return [sum(w * values[i * stride + j] for j, w in enumerate(taps)) for i in range(count)]


def _evaluate(ring_map, weights):
    """The images of a ring map at a point (dictionary name -> value)."""
    point = [weights[name] for name in ring_map.target.variables]
    values = []
    for image in ring_map.images:
        total = Fraction(0)
        for exponents, coefficient in image.items():
            term = coefficient
            for value, power in zip(point, exponents, strict=True):
                term *= value**power
            total += term
        values.append(total)
    return values


def _random_point(ring_map, seed):
    rng = random.Random(seed)
    return [
        Fraction(rng.choice([-1, 1]) * rng.randint(1, 40), rng.randint(1, 6))
        for _ in ring_map.target.variables
    ]


# -- linear convolutional networks ------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "strides", "ambient", "expected", "degree"),
    [
        # Stride one: the end-to-end filter has size 2 + 1 = 3 and 4 - 1 = 3 = 3 (fills).
        ((2, 2), (1, 1), 3, 3, 1),
        # v(t) = w1(t) w2(t^2): size 2 + 1*2 = 4, dim 4 - 1 = 3; non-overlapping (2 >= 2):
        # the 2 x 2 Segre variety P^1 x P^1, degree 2!/(1! 1!) = 2.
        ((2, 2), (2, 1), 4, 3, 2),
        # w1(t) w2(t^2), k = (3, 2): size 3 + 2 = 5, dim 4; S_1 = 2 < 3 overlaps.
        ((3, 2), (2, 1), 5, 4, None),
        # Three layers, S = (1, 2, 4): size 2 + 2 + 4 = 8, dim 6 - 2 = 4; P^1 x P^1 x P^1
        # of degree 3!/(1! 1! 1!) = 6.
        ((2, 2, 2), (2, 2, 5), 8, 4, 6),
        # A single layer is its own filter: the whole space C^3.
        ((3,), (4,), 3, 3, 1),
    ],
)
def test_linear_conv_combinatorics(filters, strides, ambient, expected, degree):
    network = LinearConvNetwork(filters, strides)
    assert network.num_parameters == sum(filters)
    assert network.symmetry_dimension == len(filters) - 1
    assert network.ambient_dimension == ambient
    assert network.expected_dimension == expected
    assert network.expected_degree == degree


def test_strides_default_to_one():
    assert LinearConvNetwork((2, 3)).describe() == {
        "model": "conv",
        "filters": [2, 3],
        "strides": [1, 1],
    }


@pytest.mark.parametrize("gauge_fixed", [False, True])
@pytest.mark.parametrize(
    ("filters", "strides"), [((2, 2), (1, 1)), ((3, 2, 2), (2, 3, 1)), ((1, 3, 2), (3, 2, 2))]
)
def test_linear_conv_parametrization_is_the_composed_convolution(filters, strides, gauge_fixed):
    """Apply the layers one by one to an input of the end-to-end size k (one output): the
    output is sum_n v_n x_n, with v the images of the ring map at the same filters."""
    network = LinearConvNetwork(filters, strides)
    ring_map = network.parametrization(gauge_fixed=gauge_fixed)
    rng = random.Random(3)
    weights = {
        name: Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for name in ring_map.target.variables
    }
    taps = [
        [weights.get(f"w_{layer}_{j}", Fraction(1)) for j in range(size)]
        for layer, size in enumerate(filters, start=1)
    ]
    x = [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(network.ambient_dimension)]
    values = x
    for layer_taps, stride in zip(taps, strides, strict=True):
        values = _convolve(values, layer_taps, stride)
    filter_entries = _evaluate(ring_map, weights)
    assert values == [sum(v * xi for v, xi in zip(filter_entries, x, strict=True))]


@pytest.mark.parametrize(
    ("filters", "strides"),
    [
        ((3, 3, 3), (2, 3, 1)),
        ((4, 2, 3), (3, 1, 1)),
        ((2, 2, 2, 2), (2, 2, 2, 1)),
        ((1, 3, 2), (2, 2, 1)),
        ((5, 4), (3, 1)),
    ],
)
def test_linear_conv_jacobian_rank_is_the_filter_count(filters, strides):
    """KMST 2024: dim = k_1 + ... + k_L - (L - 1), for any strides.  The Jacobian rank at
    one rational point is at most the dimension, and equals it at a generic point."""
    network = LinearConvNetwork(filters, strides)
    ring_map = network.parametrization()
    expected = sum(filters) - (len(filters) - 1)
    assert jacobian_rank(ring_map, _random_point(ring_map, 11)) == expected


@pytest.mark.parametrize(
    ("filters", "strides", "dimension", "degree"),
    [
        # KMMT 2022: stride one fills C^3 (every binary quadric factors over C).
        ((2, 2), (1, 1), 3, 1),
        # Segre P^1 x P^1 (Harris 18.15): dimension 2 + 1 = 3 (KMST), degree 2.
        ((2, 2), (2, 1), 3, 2),
        # Segre P^1 x P^2: v = (a0 b0, a1 b0, a0 b1, a1 b1, a0 b2, a1 b2), degree 3!/2! = 3.
        ((2, 3), (2, 1), 4, 3),
        # Segre P^1 x P^1 x P^1: dimension 6 - 2 = 4, degree 3! = 6.
        ((2, 2, 2), (2, 2, 1), 4, 6),
    ],
)
def test_linear_conv_neurovariety(backend, filters, strides, dimension, degree):
    result = implicitize(LinearConvNetwork(filters, strides), backend=backend)
    assert (result.dimension, result.degree) == (dimension, degree)


def test_linear_conv_stride_two_equation(backend):
    """w1(t) w2(t^2) = a c + b c t + a d t^2 + b d t^3, so v_0 v_3 = v_1 v_2 (by hand),
    with or without fixing the gauge."""
    network = LinearConvNetwork((2, 2), (2, 1))
    c0, c1, c2, c3 = sympy.symbols("c_0_0 c_0_1 c_0_2 c_0_3")
    for gauge_fixed in (False, True):
        result = implicitize(network, backend=backend, gauge_fixed=gauge_fixed)
        (generator,) = result.generators
        assert sympy.simplify(generator.as_expr() / (c0 * c3 - c1 * c2)).is_number


# -- polynomial convolutional networks --------------------------------------------------


def _smk_degree(filters, r):
    """SMK 2025: (|k| - L)! prod_l r^((L-l)(k_l - 1)) / (k_l - 1)!, layers l = 1..L."""
    length = len(filters)
    value = Fraction(factorial(sum(filters) - length))
    for layer, k in enumerate(filters, start=1):
        value *= Fraction(r ** ((length - layer) * (k - 1)), factorial(k - 1))
    assert value.denominator == 1
    return int(value)


@pytest.mark.parametrize(
    ("filters", "r", "strides", "input_dim", "widths", "ambient"),
    [
        # (a x0 + b x1)^2 and (a x2 + b x3)^2: 3 + 3 monomials.
        ((2, 2), 2, (2, 1), None, (4, 2, 1), 6),
        # (a x0 + b x1)^2 and (a x1 + b x2)^2 share x1^2: 3 + 3 - 1 = 5 monomials.
        ((2, 2), 2, (1, 1), None, (3, 2, 1), 5),
        # A longer input: two outputs, each a shifted copy with 5 monomials.
        ((2, 2), 2, (1, 1), 4, (4, 3, 2), 10),
        # k_1 = 1: v0 (a x0)^2 + v1 (a x1)^2 + v2 (a x2)^2 after a size-3 second layer.
        ((1, 3), 2, (1, 1), None, (3, 3, 1), 3),
    ],
)
def test_polyconv_combinatorics(filters, r, strides, input_dim, widths, ambient):
    network = PolynomialConvNetwork(filters, r, strides, input_dim)
    assert network.widths == widths
    assert network.num_parameters == sum(filters)
    assert network.symmetry_dimension == len(filters) - 1
    assert network.ambient_dimension == ambient
    assert network.expected_dimension == min(sum(filters) - len(filters) + 1, ambient)
    assert network.expected_degree == _smk_degree(filters, r)


def test_smk_degree_values():
    """The SMK formula by hand: k = (2, 2), r = 2: 2! * 2^1/1! * 1/1! = 4; k = (3, 2),
    r = 2: 3! * 2^2/2! * 1 = 12; k = (2, 2, 2), r = 2: 3! * 2^2 * 2^1 * 1 = 48."""
    assert PolynomialConvNetwork((2, 2), 2).expected_degree == 4
    assert PolynomialConvNetwork((3, 2), 2).expected_degree == 12
    assert PolynomialConvNetwork((2, 2, 2), 2).expected_degree == 48


@pytest.mark.parametrize("gauge_fixed", [False, True])
@pytest.mark.parametrize(
    ("filters", "r", "strides", "input_dim"),
    [((2, 2), 2, (1, 1), None), ((3, 2, 2), 2, (1, 2, 1), None), ((2, 2), 3, (2, 1), 6)],
)
def test_polyconv_parametrization_is_the_network(filters, r, strides, input_dim, gauge_fixed):
    """sum_e image_(i,e)(w) x^e equals output i of the network evaluated directly."""
    network = PolynomialConvNetwork(filters, r, strides, input_dim)
    ring_map = network.parametrization(gauge_fixed=gauge_fixed)
    rng = random.Random(5)
    weights = {
        name: Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for name in ring_map.target.variables
    }
    x = [Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for _ in range(network.input_width)]
    values = x
    for layer, (size, stride) in enumerate(zip(filters, strides, strict=True), start=1):
        taps = [weights.get(f"w_{layer}_{j}", Fraction(1)) for j in range(size)]
        values = _convolve(values, taps, stride)
        if layer < len(filters):
            values = [value**r for value in values]

    coefficients = _evaluate(ring_map, weights)
    position = 0
    for output, monomials in enumerate(network.output_monomials):
        total = Fraction(0)
        for exponents in monomials:
            term = coefficients[position]
            for xi, e in zip(x, exponents, strict=True):
                term *= xi**e
            total += term
            position += 1
        assert total == values[output]


@pytest.mark.parametrize(
    ("filters", "r", "strides"),
    [
        ((3, 3), 2, (2, 1)),
        ((2, 2, 2), 2, (2, 2, 1)),
        ((3, 2, 2), 2, (1, 2, 1)),
        ((2, 1, 2), 3, (1, 1, 1)),
        ((4, 3), 3, (1, 1)),
        ((2, 3, 2), 2, (1, 1, 1)),
    ],
)
def test_polyconv_jacobian_rank_is_smk_dimension(filters, r, strides):
    """SMK 2025: the neuromanifold has dimension |k| - L + 1 (r >= 2)."""
    network = PolynomialConvNetwork(filters, r, strides)
    ring_map = network.parametrization()
    expected = sum(filters) - len(filters) + 1
    assert jacobian_rank(ring_map, _random_point(ring_map, 13)) == expected


@pytest.mark.parametrize(
    ("filters", "r", "strides", "input_dim"),
    [
        ((2, 2), 2, (2, 1), None),
        ((2, 2), 2, (1, 1), None),
        ((3, 2), 2, (1, 1), None),
        ((2, 3), 2, (1, 1), None),
        ((2, 2), 3, (1, 1), None),
        # Two outputs, each the first one shifted: same dimension and degree.
        ((2, 2), 2, (1, 1), 4),
    ],
)
def test_polyconv_neurovariety_dimension_and_degree(backend, filters, r, strides, input_dim):
    """Dimension |k| - L + 1 and the SMK degree, on each CAS."""
    network = PolynomialConvNetwork(filters, r, strides, input_dim)
    result = implicitize(network, backend=backend)
    assert result.dimension == sum(filters) - len(filters) + 1
    assert result.degree == _smk_degree(filters, r)


# -- invalid options --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"filters": [2, -1]}, "filters"),
        ({"filters": [0, 2]}, "filters"),
        ({"filters": []}, "filters"),
        ({"filters": [2, 2], "strides": [1]}, "strides"),
        ({"filters": [2, 2], "strides": [1, 0]}, "strides"),
        ({"filters": [2, 2], "strides": [1, -2]}, "strides"),
    ],
)
def test_linear_conv_rejects_bad_options(options, name):
    with pytest.raises(InvalidInputError) as caught:
        model_from_options("conv", options)
    assert caught.value.name == name


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"filters": [2, -2], "activation_degree": 2}, "filters"),
        ({"filters": [2, 2], "activation_degree": 1}, "activation_degree"),
        ({"filters": [2, 2], "activation_degree": 0}, "activation_degree"),
        ({"filters": [2, 2], "activation_degree": 2, "strides": [1, 1, 1]}, "strides"),
        # The smallest input with one output has length 3 for k = (2, 2), strides 1.
        ({"filters": [2, 2], "activation_degree": 2, "input_dim": 2}, "input_dim"),
        ({"filters": [2, 2], "activation_degree": 2, "input_dim": -4}, "input_dim"),
    ],
)
def test_polyconv_rejects_bad_options(options, name):
    with pytest.raises(InvalidInputError) as caught:
        model_from_options("polyconv", options)
    assert caught.value.name == name


def test_registered_under_their_names():
    assert model_from_options("conv", {"filters": [2, 2], "strides": [2, 1]}) == (
        LinearConvNetwork((2, 2), (2, 1))
    )
    model = model_from_options("polyconv", {"filters": [2, 2], "activation_degree": 2})
    assert model.describe() == {
        "model": "polyconv",
        "filters": [2, 2],
        "activation_degree": 2,
        "strides": [1, 1],
        "input_dim": 3,
    }


def test_large_models_keep_their_combinatorics():
    """k = (3, 3, 3, 3), r = 3: outputs of degree 27 with too many monomials to list, yet
    the SMK dimension 12 - 3 = 9 and degree 8! * 3^6 3^4 3^2 / 2^4 = 2520 * 531441 stand
    (the ambient space has at least thousands of coordinates, far above 9)."""
    network = PolynomialConvNetwork((3, 3, 3, 3), 3)
    assert network.expected_dimension == 9
    assert network.expected_degree == factorial(8) * 3**12 // 2**4


@pytest.mark.slow
def test_too_large_to_expand_names_the_option():
    """Listing the monomials of degree 27 is refused, naming ``filters``."""
    with pytest.raises(InvalidInputError) as caught:
        PolynomialConvNetwork((3, 3, 3, 3), 3).parametrization()
    assert caught.value.name == "filters"


# -- long coefficient names (many input variables) ----------------------------------------


def test_default_input_of_23_variables_is_accepted_with_smk_dimension():
    """filters 2,2,3, strides 3,3,1: the default one-output input is
    d_0 = k_1 + (k_2 - 1) s_1 + (k_3 - 1) s_1 s_2 = 2 + 3 + 2 * 9 = 23 variables, whose
    coefficient names exceeded the old 64-character limit.  SMK 2025:
    dim = |k| - L + 1 = 7 - 3 + 1 = 5."""
    from nagbridge.fast import fast_dimension

    network = model_from_options(
        "polyconv", {"filters": [2, 2, 3], "activation_degree": 2, "strides": [3, 3, 1]}
    )
    assert network.input_dim == 23
    result = fast_dimension(network, seed=0)
    assert (result.dimension, result.is_exact) == (5, True)


def test_names_longer_than_64_characters_implicitize(backend):
    """filters 2,1, strides 31,1 on 33 inputs: two outputs w_2 (a x_0 + b x_1)^2 and
    w_2 (a x_31 + b x_32)^2, coefficient names c_1_0_..._2 of 69 characters.  The
    backends number the variables themselves, so the names never reach the CAS.  SMK
    2025: dim = 3 - 2 + 1 = 2, degree 1! * 2^(1 * 1) / 1! = 2 (a quadric cone in the
    3-space cut out by the three linear equations identifying the two outputs)."""
    network = PolynomialConvNetwork((2, 1), 2, (31, 1), 33)
    names = network.parametrization().source.variables
    assert max(map(len, names)) > 64
    result = implicitize(network, backend=backend)
    assert (result.dimension, result.degree) == (2, _smk_degree((2, 1), 2))
    assert _smk_degree((2, 1), 2) == 2
