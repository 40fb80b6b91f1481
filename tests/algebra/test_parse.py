"""The strict polynomial grammar: what it reads, and what it refuses."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest
import sympy

from nagbridge import Field, Ideal, InvalidInputError, PolynomialRing
from nagbridge.algebra import parse_polynomial
from nagbridge.algebra._parse import MAX_DEGREE, MAX_DENSE_SIZE, MAX_NESTING, dense_size

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


def test_nesting_is_limited_with_a_reason():
    """MAX_NESTING (200) levels are read; one more, or the reported 5000, is refused
    with InvalidInputError, not RecursionError."""
    assert MAX_NESTING == 200
    deep = "(" * MAX_NESTING + "x" + ")" * MAX_NESTING
    assert parse_polynomial(deep, RING).as_expr() == x
    for levels in (MAX_NESTING + 1, 5000):
        with pytest.raises(InvalidInputError) as caught:
            parse_polynomial("(" * levels + "x" + ")" * levels, RING)
        assert "nested too deeply" in caught.value.reason
    ring = PolynomialRing(("a", "b"))
    with pytest.raises(InvalidInputError) as caught:
        Ideal.from_text(ring, ["(" * 5000 + "a" + ")" * 5000])
    assert caught.value.name == "generator 0" and "nested too deeply" in caught.value.reason


def test_long_inputs_are_read_in_linear_time():
    """A sum of 30,000 distinct monomials (about 600,000 characters) and a product of
    100,000 factors are read in seconds: the former quadratic sum took 33 s for 8,000
    terms.  The expected polynomials are those written: sum_i (i+1) x^(i%50)
    y^((i//50)%50) c^(i//2500) has distinct monomials, and x*...*x = x^100000."""
    count = 30_000
    monomials = [(i % 50, (i // 50) % 50, i // 2500) for i in range(count)]
    text = " + ".join(f"{i + 1}*x^{e}*y^{f}*c_0_1^{g}" for i, (e, f, g) in enumerate(monomials))
    start = time.perf_counter()
    polynomial = parse_polynomial(text, RING)
    assert time.perf_counter() - start < 30
    assert RING.terms(polynomial) == {m: Fraction(i + 1) for i, m in enumerate(monomials)}
    start = time.perf_counter()
    product = parse_polynomial("*".join(["x"] * MAX_DEGREE), RING)
    assert time.perf_counter() - start < 30
    assert RING.terms(product) == {(MAX_DEGREE, 0, 0): Fraction(1)}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("(x^10000)^11", "total degree above"),
        ("x^10000*x^10000*" * 5 + "x", "total degree above"),
        ("1" * 5000, "longer than"),
    ],
)
def test_size_limits(text, reason):
    with pytest.raises(InvalidInputError) as caught:
        parse_polynomial(text, RING)
    assert reason in caught.value.reason


def test_denominators_divisible_by_the_characteristic_are_refused_with_a_position():
    ring = PolynomialRing(("x",), Field(7))
    with pytest.raises(InvalidInputError) as caught:
        parse_polynomial("x + 1/14", ring)
    assert "character 7" in caught.value.reason


def test_expansions_too_large_for_sympy_are_refused_quickly():
    """(x + y)^n has the n + 1 monomials x^i y^(n-i); sympy's recursive dense Poly stores
    n + 1 slots for the powers of x and n - i + 1 for the coefficient of x^i, in all
    (n + 1) + (n + 1)(n + 2)/2: 8,010,002 for n = 4000 (read), 50,025,002 for
    n = 10000 (refused before sympy builds it)."""
    n = 4000
    x_and_y = [(i, n - i) for i in range(n + 1)]
    assert dense_size(x_and_y) == 8_010_002 <= MAX_DENSE_SIZE
    ring = PolynomialRing(("x", "y"))
    start = time.perf_counter()
    with pytest.raises(InvalidInputError) as caught:
        parse_polynomial("(x + y)^10000", ring)
    assert "needs 50025002 coefficient slots" in caught.value.reason
    assert time.perf_counter() - start < 10
