"""Neurovarieties computed by each real CAS, checked against values derived by hand.

Every test here runs against Macaulay2 and Singular, each as a persistent session and
as one process per request, and expects the same values from all four.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from nagbridge import CASTimeoutError, PolynomialNetwork, implicitize
from nagbridge.algebra import Ideal
from nagbridge.backends import (
    MACAULAY2_METHODS,
    SINGULAR_METHODS,
    Macaulay2Backend,
    SingularBackend,
)

#: Each CAS as a pair (persistent session, one-shot) of fixture names.
CAS_PAIRS = [
    pytest.param(("m2_session", "m2_oneshot"), marks=pytest.mark.macaulay2, id="macaulay2"),
    pytest.param(
        ("singular_session", "singular_oneshot"), marks=pytest.mark.singular, id="singular"
    ),
]
SESSIONS = [
    pytest.param("m2_session", marks=pytest.mark.macaulay2, id="macaulay2"),
    pytest.param("singular_session", marks=pytest.mark.singular, id="singular"),
]
ONESHOTS = [
    pytest.param("m2_oneshot", marks=pytest.mark.macaulay2, id="macaulay2"),
    pytest.param("singular_oneshot", marks=pytest.mark.singular, id="singular"),
]
ROUTES = [
    *(
        pytest.param(Macaulay2Backend, method, marks=pytest.mark.macaulay2, id=f"m2-{method}")
        for method in MACAULAY2_METHODS
    ),
    *(
        pytest.param(SingularBackend, method, marks=pytest.mark.singular, id=f"singular-{method}")
        for method in SINGULAR_METHODS
    ),
]


def _symbols(result):
    return dict(
        zip(result.implicit_ideal.ring.variables, result.implicit_ideal.ring.symbols, strict=True)
    )


def _hilbert_from_expr(expr):
    t = sympy.Symbol("t")
    coefficients = sympy.Poly(sympy.expand(expr), t).all_coeffs()[::-1]
    return tuple(Fraction(int(c.p), int(c.q)) for c in coefficients)


def _same_ideal(ideal: Ideal, polynomials) -> bool:
    """Mutual containment, decided by sympy (an independent Gröbner basis engine)."""
    other = Ideal(ideal.ring, tuple(sympy.Poly(p, *ideal.ring.symbols) for p in polynomials))
    return all(other.contains(g.as_expr()) for g in ideal.generators) and all(
        ideal.contains(p) for p in polynomials
    )


def test_twisted_cubic(backend):
    """(2,1,1), r=3: f = a (u x + v y)^3, coefficients (a u^3, 3 a u^2 v, 3 a u v^2, a v^3).

    With c30, c21, c12, c03 those coefficients, c21^2 = 3 c30 c12, c12^2 = 3 c21 c03 and
    c21 c12 = 9 c30 c03: the cone over a twisted cubic, dimension 2, degree 3,
    Hilbert polynomial 3t + 1 (the twisted cubic is P^1 embedded by O(3)).
    """
    result = implicitize(PolynomialNetwork((2, 1, 1), 3), backend=backend)
    c = _symbols(result)
    c30, c21, c12, c03 = c["c_0_3_0"], c["c_0_2_1"], c["c_0_1_2"], c["c_0_0_3"]
    by_hand = [c21**2 - 3 * c30 * c12, c12**2 - 3 * c21 * c03, c21 * c12 - 9 * c30 * c03]

    assert _same_ideal(result.implicit_ideal, by_hand)
    assert result.implicit_ideal.generator_degrees == [2, 2, 2]
    assert (result.dimension, result.degree) == (2, 3)
    assert result.hilbert_polynomial.coefficients == (1, 3)
    assert not result.is_filling and result.defect == 0


def test_three_quadrics_in_a_pencil_of_squares(backend):
    """(2,2,3), r=2: each output is a combination of l1^2 and l2^2, so the 3 x 3 matrix of
    coefficients has rank <= 2; its determinant is the one cubic equation.  A cubic
    hypersurface in 9 coordinates: dimension 8, degree 3, P(t) = C(t+8,8) - C(t+5,8).
    """
    result = implicitize(PolynomialNetwork((2, 2, 3), 2), backend=backend)
    c = _symbols(result)
    matrix = sympy.Matrix([[c[f"c_{i}_2_0"], c[f"c_{i}_1_1"], c[f"c_{i}_0_2"]] for i in range(3)])
    determinant = sympy.Poly(matrix.det(), *result.implicit_ideal.ring.symbols)

    (generator,) = result.generators
    assert sympy.div(generator, determinant)[1].is_zero
    assert generator.total_degree() == 3
    assert (result.dimension, result.degree) == (8, 3)
    t = sympy.Symbol("t")
    expected = sympy.binomial(t + 8, 8).expand(func=True) - sympy.binomial(t + 5, 8).expand(
        func=True
    )
    assert result.hilbert_polynomial.coefficients == _hilbert_from_expr(expected)
    assert result.defect == 0 and result.ambient_dimension == 9


def test_ternary_quadrics_of_rank_two(backend):
    """(3,2,1), r=2: sums of two squares of linear forms are the quadrics of rank <= 2,
    the determinant of the symmetric matrix [[c200, c110/2, c101/2], ...]: a cubic in
    6 coordinates, dimension 5, degree 3.
    """
    result = implicitize(PolynomialNetwork((3, 2, 1), 2), backend=backend)
    c = _symbols(result)
    half = sympy.Rational(1, 2)
    matrix = sympy.Matrix(
        [
            [c["c_0_2_0_0"], half * c["c_0_1_1_0"], half * c["c_0_1_0_1"]],
            [half * c["c_0_1_1_0"], c["c_0_0_2_0"], half * c["c_0_0_1_1"]],
            [half * c["c_0_1_0_1"], half * c["c_0_0_1_1"], c["c_0_0_0_2"]],
        ]
    )
    assert _same_ideal(result.implicit_ideal, [matrix.det()])
    assert (result.dimension, result.degree) == (5, 3)


def test_segre_veronese(backend):
    """(2,1,2), r=2: outputs (a1 l^2, a2 l^2) with l a linear form: the image of
    P^1 x P^1 embedded by O(1,2) in P^5 (Segre of a line and a conic).  Affine
    dimension 3; degree (h1 + 2 h2)^2 = 4; P(t) = h^0(O(t,2t)) = (t+1)(2t+1).
    """
    result = implicitize(PolynomialNetwork((2, 1, 2), 2), backend=backend)
    assert (result.dimension, result.degree) == (3, 4)
    assert result.hilbert_polynomial.coefficients == (1, 3, 2)
    assert result.expected_dimension == 3


def test_filling_architecture(backend):
    """(2,2,1), r=2: every binary quadric is a sum of two squares over C (diagonalise),
    so the neurovariety is the whole 3-dimensional space: zero ideal, P(t) = C(t+2,2)."""
    result = implicitize(PolynomialNetwork((2, 2, 1), 2), backend=backend)
    assert result.implicit_ideal.is_zero and result.generators == ()
    assert result.is_filling and result.dimension == 3 and result.degree == 1
    t = sympy.Symbol("t")
    assert result.hilbert_polynomial.coefficients == _hilbert_from_expr(
        sympy.binomial(t + 2, 2).expand(func=True)
    )


def test_expected_dimension_holds_for_a_wider_output(backend):
    """(3,2,2), r=2: Kileel-Trager-Bruna's expected dimension 10 - 2 = 8 < 12 is attained."""
    result = implicitize(PolynomialNetwork((3, 2, 2), 2), backend=backend)
    assert result.dimension == 8 == result.expected_dimension
    # The Hilbert polynomial has degree dim - 1 and leading coefficient degree / 7!.
    assert result.hilbert_polynomial.degree == 7
    assert result.hilbert_polynomial.multiplicity == result.degree


@pytest.mark.parametrize("pair", CAS_PAIRS)
@pytest.mark.parametrize(("widths", "r"), [((2, 1, 1), 3), ((2, 2, 3), 2), ((3, 2, 1), 2)])
def test_session_and_oneshot_agree(request, pair, widths, r):
    network = PolynomialNetwork(widths, r)
    answers = []
    for fixture in pair:
        data = implicitize(network, backend=request.getfixturevalue(fixture)).to_dict()
        for volatile in ("seconds", "mode"):
            data.pop(volatile)
        answers.append(data)
    assert answers[0] == answers[1]


@pytest.mark.parametrize("session", SESSIONS)
@pytest.mark.parametrize(("widths", "r"), [((2, 1, 1), 3), ((2, 2, 3), 2), ((2, 1, 2), 2)])
def test_rationals_and_a_prime_field_agree(request, session, widths, r):
    backend = request.getfixturevalue(session)
    network = PolynomialNetwork(widths, r)
    over_q = implicitize(network, backend=backend)
    over_p = implicitize(network, backend=backend, field="GF(32003)")
    assert str(over_p.field) == "GF(32003)"
    assert over_p.implicit_ideal.ring.field.characteristic == 32003
    assert (over_q.dimension, over_q.degree) == (over_p.dimension, over_p.degree)
    assert over_q.hilbert_polynomial == over_p.hilbert_polynomial


@pytest.mark.parametrize("session", SESSIONS)
def test_a_large_prime_field(request, session):
    # The twisted cubic's relation c21 c12 = 9 c30 c03 holds over any field.
    result = implicitize(
        PolynomialNetwork((2, 1, 1), 3),
        backend=request.getfixturevalue(session),
        field="GF(2147483647)",
    )
    assert (result.dimension, result.degree) == (2, 3)


@pytest.mark.parametrize("gauge_fixed", [False, True])
@pytest.mark.parametrize(("backend_class", "method"), ROUTES)
def test_routes_give_the_same_ideal(backend_class, method, gauge_fixed):
    """Every route (each method of each CAS, with or without gauge fixing) agrees."""
    network = PolynomialNetwork((2, 2, 3), 2)
    with backend_class(method=method) as backend:
        result = implicitize(network, backend=backend, gauge_fixed=gauge_fixed)
    assert result.provenance.method == method
    assert (result.dimension, result.degree) == (8, 3)


@pytest.mark.parametrize("session", SESSIONS)
def test_timeout_leaves_the_session_usable(request, session):
    """(2,2,2,1), r=2 does not finish by elimination in seconds; stop it after 2 s."""
    backend = request.getfixturevalue(session)
    with pytest.raises(CASTimeoutError) as caught:
        implicitize(PolynomialNetwork((2, 2, 2, 1), 2), backend=backend, timeout=2)
    assert caught.value.limit == 2
    assert implicitize(PolynomialNetwork((2, 1, 1), 3), backend=backend).degree == 3


@pytest.mark.parametrize("oneshot", ONESHOTS)
def test_oneshot_timeout(request, oneshot):
    with pytest.raises(CASTimeoutError):
        implicitize(
            PolynomialNetwork((2, 2, 2, 1), 2),
            backend=request.getfixturevalue(oneshot),
            timeout=2,
        )
