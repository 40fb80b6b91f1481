"""The new models and inhomogeneous maps on both real CAS, against published formulas.

Each test runs on a Macaulay2 and a Singular session (fixtures in ``tests/conftest.py``).
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest

from nagbridge import (
    LinearNetwork,
    PolynomialNetwork,
    ShallowNetwork,
    implicitize,
    singular_locus,
)
from nagbridge.algebra import HilbertPolynomial
from nagbridge.models import CustomMap
from nagbridge.problems import CrossCheck

SESSIONS = [
    pytest.param("m2_session", marks=pytest.mark.macaulay2, id="macaulay2"),
    pytest.param("singular_session", marks=pytest.mark.singular, id="singular"),
]


@pytest.fixture(params=SESSIONS)
def session(request: pytest.FixtureRequest):
    return request.getfixturevalue(request.param)


# -- inhomogeneous implicitization: affine dimension, Hilbert data of the closure -------


def test_shifted_affine_twisted_cubic(session):
    # (s, s^2, s^3 + 1): the affine twisted cubic translated by (0, 0, 1).  By hand: the
    # ideal is (b - a^2, c - 1 - a^3) (a curve: affine dimension 1).  Its projective
    # closure is a translate of the twisted cubic in P^3 (the translation extends to a
    # projective linear map), so degree 3, Hilbert polynomial 3t + 1 and Hilbert series
    # (1 + 2t)/(1 - t)^2, those of the twisted cubic (its degree-t part is the binary forms
    # of degree 3t, 3t + 1 of them).
    model = CustomMap(("s",), {"a": "s", "b": "s^2", "c": "s^3 + 1"})
    result = implicitize(model, backend=session)
    assert not result.is_homogeneous
    assert result.dimension == 1
    assert result.degree == 3
    assert result.hilbert_polynomial == HilbertPolynomial.from_coefficients([1, 3])
    assert result.hilbert_series is not None
    assert result.hilbert_series.numerator == (1, 2)
    assert result.hilbert_series.denominator_exponent == 2
    a, b, c = result.implicit_ideal.ring.symbols
    assert result.implicit_ideal.contains(b - a**2)
    assert result.implicit_ideal.contains(c - 1 - a**3)


def test_shifted_parabola(session):
    # (s, s^2 + 1): the parabola b = a^2 + 1.  Its closure b h - a^2 - h^2 = 0 is a conic
    # in P^2: degree 2, Hilbert function of S[h]/(quadric) is 2t + 1, series (1 + t)/(1 - t)^2.
    result = implicitize(CustomMap(("s",), {"a": "s", "b": "s^2 + 1"}), backend=session)
    assert result.dimension == 1
    assert result.degree == 2
    assert result.hilbert_polynomial == HilbertPolynomial.from_coefficients([1, 2])
    assert result.hilbert_series.numerator == (1, 1)


def test_affine_surface_with_mixed_degrees(session):
    # (s, t, s t + s^3): the graph of a cubic, c = a b + a^3, a surface of degree 3 in A^3.
    # Closure: c h^2 - a b h - a^3 = 0, a cubic surface in P^3: Hilbert function of
    # S[h]/(cubic) is C(t+3,3) - C(t,3) = (3t^2 + 3t + 2)/2, series (1 + t + t^2)/(1 - t)^3.
    result = implicitize(
        CustomMap(("s", "t"), {"a": "s", "b": "t", "c": "s*t + s^3"}), backend=session
    )
    assert result.dimension == 2
    assert result.degree == 3
    assert result.hilbert_polynomial == HilbertPolynomial.from_coefficients(
        [1, Fraction(3, 2), Fraction(3, 2)]
    )
    assert result.hilbert_series.numerator == (1, 1, 1)


# -- linear networks: determinantal varieties ---------------------------------------------


@pytest.mark.parametrize("widths", [(3, 1, 3), (3, 2, 3), (2, 1, 4), (4, 2, 3), (2, 1, 1, 3)])
def test_linear_networks_are_determinantal(session, widths):
    # rank <= rho among d_L x d_0 matrices: dimension rho (m + n - rho) (Bruns-Vetter,
    # Determinantal Rings, Ch. 2), degree prod_(i<n-rho) (m+i)! i! / ((rho+i)! (m-rho+i)!)
    # (Harris, Example 19.10): 3 x 3 rank 1 is the Segre cone over P^2 x P^2 of degree
    # C(4, 2) = 6, 3 x 3 rank 2 the cubic det = 0, 4 x 2 rank 1 the Segre P^3 x P^1 of
    # degree 4, 3 x 4 rank 2 the maximal minors, degree C(4, 2) = 6.
    model = LinearNetwork(widths)
    result = implicitize(model, backend=session)
    assert result.dimension == model.expected_dimension
    assert result.degree == model.expected_degree
    assert result.is_homogeneous


def test_hand_values_of_the_degree_formula():
    assert [
        LinearNetwork(w).expected_degree for w in [(3, 1, 3), (3, 2, 3), (2, 1, 4), (4, 2, 3)]
    ] == [
        comb(4, 2),
        3,
        4,
        comb(4, 2),
    ]


# -- shallow networks: secants of Veronese varieties -------------------------------------


@pytest.mark.parametrize(
    ("n", "k", "r", "degree"),
    [
        # (3, 2, 2): ternary quadrics of rank <= 2, the cubic hypersurface det = 0 in the
        # 6 coefficients, dimension 5 < 6 = 2 * 3 (defective: the r = 2 case of AH).
        (3, 2, 2, 3),
        # (4, 3, 2): quaternary quadrics of rank <= 3, the quartic det = 0: dimension 9 < 12.
        (4, 3, 2, 4),
        # (2, 2, 3): two cubes of binary linear forms fill the 4 binary cubics (Sylvester).
        (2, 2, 3, 1),
        # (3, 1, 3): cone over v_3(P^2), degree 3^2 = 9 (v_d(P^n) has degree d^n: a general
        # P^(N-n) meets it where n general forms of degree d vanish, Bezout).
        (3, 1, 3, 9),
    ],
)
def test_shallow_networks_follow_alexander_hirschowitz(session, n, k, r, degree):
    model = ShallowNetwork(n, k, r)
    result = implicitize(model, backend=session)
    assert result.dimension == model.expected_dimension
    assert result.degree == degree


# -- a biased network, by hand and against a hand-written map ---------------------------


def test_biased_shallow_quadric_by_hand(session):
    # (2, 1, 1), r = 2 with biases: f = w (a1 x + a2 y + b)^2 + c.  Coefficients
    # (x^2, xy, y^2, x, y, 1) = (w a1^2, 2 w a1 a2, w a2^2, 2 w b a1, 2 w b a2, w b^2 + c).
    # The constant is free; the other five make the 2 x 3 matrix
    # [[c_xx, c_xy/2, c_x/2], [c_xy/2, c_yy, c_y/2]] = w (a1; a2)(a1, a2, b) of rank 1,
    # whose 2 x 2 minors define a rational normal scroll of dimension 3 and degree
    # 3 = codim + 1 (Harris, Algebraic Geometry, Lecture 19: varieties of minimal
    # degree).  So: dimension 3 + 1 = 4, the KTB count min(5 - 1, 6), degree 3, three
    # quadrics, series (1 + 2t)/(1 - t)^4.
    model = PolynomialNetwork((2, 1, 1), 2, biases=True)
    result = implicitize(model, backend=session)
    assert model.expected_dimension == 4
    assert result.dimension == 4
    assert result.degree == 3
    assert result.implicit_ideal.generator_degrees == [2, 2, 2]
    assert result.hilbert_series.numerator == (1, 2)
    assert result.hilbert_series.denominator_exponent == 4


def test_biased_network_equals_the_same_map_written_by_hand(session):
    # The ideal of PolynomialNetwork((1, 2, 1), 2, biases=True) against that of the map
    # typed by hand from f = v0 (w0 x + b0)^2 + v1 (w1 x + b1)^2 + c, coefficients of
    # x^2, x, 1: independent of the network's expansion code.
    model = PolynomialNetwork((1, 2, 1), 2, biases=True)
    by_hand = CustomMap(
        ("w0", "w1", "b0", "b1", "v0", "v1", "c"),
        {
            "c_0_2": "v0*w0^2 + v1*w1^2",
            "c_0_1": "2*v0*w0*b0 + 2*v1*w1*b1",
            "c_0_0": "v0*b0^2 + v1*b1^2 + c",
        },
    )
    network_result = implicitize(model, backend=session)
    hand_result = implicitize(by_hand, backend=session)
    check = CrossCheck.compare(network_result, hand_result)
    assert check.ideal_agrees and check.dimension == (3, 3)


def test_polynomial_activation_network(session):
    # (2, 1, 1) with s(t) = t + t^2: f = c (l + l^2), coefficients of x^2, xy, y^2 are
    # c a a^T, those of x, y are c a, and the constant vanishes.  With q = c a a^T and
    # v = c a: the 2 x 3 matrix [[q_xx, q_xy/2, v_x], [q_xy/2, q_yy, v_y]] = c a (a, 1)
    # has rank 1, the scroll of the previous test: dimension 3, degree 3, plus c_0_0_0 = 0.
    model = PolynomialNetwork((2, 1, 1), activation=(0, 1, 1))
    result = implicitize(model, backend=session)
    assert model.symmetry_dimension == 0 and model.expected_dimension == 3
    assert result.dimension == 3
    assert result.degree == 3
    ring = result.implicit_ideal.ring
    constant = ring.symbols[ring.variables.index("c_0_0_0")]
    assert result.implicit_ideal.contains(constant)


# -- the rest of the pipeline takes the new models ---------------------------------------


def test_singular_locus_of_a_shallow_network(session):
    # (3, 2, 2): ternary quadrics of rank <= 2, the hypersurface det = 0.  Its singular
    # locus is where the gradient of det vanishes; that gradient is the adjugate matrix
    # (Jacobi's formula), so the locus is rank <= 1: the cone over the Veronese surface
    # v_2(P^2), of dimension 3 and degree 2^2 = 4.
    result = singular_locus(ShallowNetwork(3, 2, 2), backend=session, subnetworks=False)
    assert result.neurovariety_dimension == 5
    assert result.locus.dimension == 3
    assert result.locus.degree == 4


def test_singular_locus_of_a_linear_network(session):
    # 3 x 3 matrices of rank <= 2: singular along rank <= 1 (Bruns-Vetter, Thm. 2.6),
    # the Segre cone over P^2 x P^2: dimension 5, degree C(4, 2) = 6.
    result = singular_locus(LinearNetwork((3, 2, 3)), backend=session, subnetworks=False)
    assert result.locus.dimension == 5
    assert result.locus.degree == 6
