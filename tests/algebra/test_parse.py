"""The strict polynomial grammar: what it reads, and what it refuses."""

from __future__ import annotations

import pytest
import sympy

from nagbridge import Field, InvalidInputError, PolynomialRing
from nagbridge.algebra import parse_polynomial

RING = PolynomialRing(("x", "y", "c_0_1"))
x, y, c = sympy.symbols("x y c_0_1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x^2 - y", x**2 - y),
        ("x**2-y", x**2 - y),
        ("-3/4*c_0_1^2 + x*y - 7", -sympy.Rational(3, 4) * c**2 + x * y - 7),
        ("(x + y)^3", (x + y) ** 3),
        ("2*(x - 1/2)*(x + 1/2)", 2 * x**2 - sympy.Rational(1, 2)),
        ("  x  +  0  ", x),
        ("+x", x),
        ("x^0", 1),
    ],
)
def test_accepted(text, expected):
    assert parse_polynomial(text, RING).as_expr() == sympy.expand(expected)


def test_prime_field():
    ring = PolynomialRing(("x",), Field(7))
    assert parse_polynomial("1/2*x", ring) == sympy.Poly(4 * sympy.Symbol("x"), modulus=7)


@pytest.mark.parametrize(
    "text",
    [
        "x; exit 0",
        "x^2 - y; exit 0",
        'x + "y"',
        "x y",
        "2x",
        "z",
        "sort",
        "x^-1",
        "x^y",
        "x^1.5",
        "(x + y",
        "x + y)",
        "x +",
        "",
        "   ",
        "1/0",
        "x*+y",
        "x // y",
        "x == y",
        "x\ny",
        "x^100001",
        "exit",
        "x!",
    ],
)
def test_rejected(text):
    with pytest.raises(InvalidInputError) as caught:
        parse_polynomial(text, RING)
    assert caught.value.name == "polynomial"


def test_cas_words_are_ordinary_variable_names():
    """Names that are reserved words in Macaulay2 or Singular are fine as our variables:
    they never reach a CAS (the adapters send exponent vectors)."""
    ring = PolynomialRing(("sort", "ring", "degree"))
    assert (
        str(parse_polynomial("sort*ring - degree^2", ring).as_expr()) == "-degree**2 + ring*sort"
    )


@pytest.mark.parametrize("name", ["x y", "x;", "ring)", "a.b", "é"])
def test_bad_variable_names_are_refused(name):
    with pytest.raises(InvalidInputError):
        PolynomialRing((name,))
