"""Fields, rings, Hilbert polynomials and exports, without a CAS."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from nagbridge import Field, HilbertPolynomial, Ideal, InvalidInputError, PolynomialRing


@pytest.mark.parametrize(
    ("text", "characteristic"),
    [
        ("QQ", 0),
        ("GF(32003)", 32003),
        ("gf(7)", 7),
        ("ZZ/101", 101),
        ("GF(2147483647)", 2**31 - 1),
    ],
)
def test_fields_parse(text, characteristic):
    assert Field.parse(text).characteristic == characteristic


@pytest.mark.parametrize(
    "text", ["RR", "GF(32004)", "GF(1)", "GF(2147483659)", "GF()", "GF(3); exit", "", "CC"]
)
def test_bad_fields_are_rejected(text):
    with pytest.raises(InvalidInputError):
        Field.parse(text)


def test_prime_field_coefficients_reduce():
    ring = PolynomialRing(("x",), Field(7))
    # 3/2 = 3 * 4 = 12 = 5 in GF(7).
    assert ring.terms(ring.poly({(1,): Fraction(3, 2)})) == {(1,): Fraction(5)}
    with pytest.raises(InvalidInputError):
        ring.poly({(1,): Fraction(1, 7)})


@pytest.mark.parametrize("name", ["x y", "x;", "1x", "x-1", "", "x__1", "c_0_", 'x"'])
def test_bad_variable_names(name):
    with pytest.raises(InvalidInputError):
        PolynomialRing((name,))


def test_hilbert_polynomial_of_a_hypersurface():
    # A degree-3 hypersurface in 9 variables: P(t) = C(t+8, 8) - C(t+5, 8).
    t = sympy.Symbol("t")
    expr = sympy.expand(
        sympy.binomial(t + 8, 8).expand(func=True) - sympy.binomial(t + 5, 8).expand(func=True)
    )
    coefficients = sympy.Poly(expr, t).all_coeffs()[::-1]
    hilbert = HilbertPolynomial.from_coefficients([Fraction(str(c)) for c in coefficients])
    assert hilbert.degree == 7 and hilbert.multiplicity == 3
    assert hilbert(10) == sympy.binomial(18, 8) - sympy.binomial(15, 8)


def test_exports_rebuild_the_ideal_text():
    ring = PolynomialRing(("c_0_1", "y"), Field(0))
    ideal = Ideal(ring, (ring.poly({(2, 0): Fraction(1), (0, 1): Fraction(-1, 2)}),))
    assert ideal.to_macaulay2() == "R = QQ[c_(0,1), y]\nI = ideal(c_(0,1)^2-1/2*y)"
    assert ideal.to_singular() == "ring R = 0, (c(0)(1), y), dp;\nideal I = c(0)(1)^2-1/2*y;"
