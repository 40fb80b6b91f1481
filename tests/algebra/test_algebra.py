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


@pytest.mark.parametrize(
    ("field", "characteristic"), [("GF(7)", 7), ("QQ", 0), (Field(5), 5), (" zz/3 ", 3)]
)
def test_rings_read_their_field_by_name(field, characteristic):
    ring = PolynomialRing(("x", "y"), field=field)
    assert ring.field == Field(characteristic)
    if characteristic == 7:  # 8 = 1 in GF(7)
        assert ring.terms(Ideal.from_text(ring, ["8*x + y"]).generators[0]) == {
            (1, 0): Fraction(1),
            (0, 1): Fraction(1),
        }


@pytest.mark.parametrize(
    ("field", "reason"),
    [
        ("GF(8)", "not a prime"),  # 8 = 2^3: GF(8) is no prime field
        ("RR", "not exact"),
        ("CC", "not exact"),
        ("ZZ", "not a field"),
        (7, "GF(7)"),
        (None, "expected a Field"),
        (sympy.QQ, "expected a Field"),
    ],
)
def test_rings_refuse_other_fields_naming_the_field(field, reason):
    with pytest.raises(InvalidInputError) as caught:
        PolynomialRing(("x", "y"), field=field)
    assert caught.value.name == "field" and reason in caught.value.reason


def test_sympy_polys_keep_their_field():
    """5 = -2 in GF(7): a GF(7) Poly read into QQ would become -2a + b, so it is
    refused; into GF(7) it is 5a + b; a rational 1/2 is 4 in GF(7) (2 * 4 = 8 = 1),
    1/7 has no image; float coefficients are never exact."""
    a, b = sympy.symbols("a b")
    rational = PolynomialRing(("a", "b"))
    seven = PolynomialRing(("a", "b"), "GF(7)")
    modular = sympy.Poly(5 * a + b, a, b, modulus=7)
    for ring in (rational, PolynomialRing(("a", "b"), "GF(5)")):
        with pytest.raises(InvalidInputError) as caught:
            Ideal.from_sympy(ring, [a, modular])
        assert caught.value.name == "generator 1" and "GF(7)" in caught.value.reason
    assert seven.terms(Ideal.from_sympy(seven, [modular]).generators[0]) == {
        (1, 0): Fraction(5),
        (0, 1): Fraction(1),
    }
    assert seven.terms(Ideal.from_sympy(seven, [a / 2 + b]).generators[0]) == {
        (1, 0): Fraction(4),
        (0, 1): Fraction(1),
    }
    for bad in (a / 7 + b, sympy.Poly(a / 14, a), sympy.Poly(a + b, a, b, domain="RR")):
        with pytest.raises(InvalidInputError) as caught:
            Ideal.from_sympy(seven, [bad])
        assert caught.value.name == "generator 0"
    with pytest.raises(InvalidInputError, match="inexact"):
        Ideal.from_sympy(rational, [sympy.Poly(0.5 * a, a)])
