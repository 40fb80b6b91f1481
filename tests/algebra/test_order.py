"""Monomial orders: the comparisons of Cox, Little and O'Shea, and their parsing."""

from __future__ import annotations

import pytest
import sympy

from nagbridge import InvalidInputError
from nagbridge.algebra import GroebnerBasis, MonomialOrder, PolynomialRing


@pytest.mark.parametrize(
    ("order", "larger", "smaller"),
    [
        # Cox, Little, O'Shea, Ideals, Varieties, and Algorithms, Ch. 2 §2, after Def. 3
        ("lex", (1, 2, 0), (0, 3, 4)),
        ("lex", (3, 2, 4), (3, 2, 1)),
        # ibid., after Definition 5 (graded lex)
        ("glex", (1, 2, 3), (3, 2, 0)),
        ("glex", (1, 2, 4), (1, 1, 5)),
        # ibid., after Definition 6 (graded reverse lex)
        ("grevlex", (4, 7, 1), (4, 2, 3)),
        ("grevlex", (1, 5, 2), (4, 1, 3)),
        # weight 1 on x only: any power of x beats every monomial free of x
        ("weights(1,0,0)", (1, 0, 0), (0, 9, 9)),
        # equal weighted degree 2 (w = (0, 1, 2)): grevlex breaks the tie
        ("weights(0,1,2)", (5, 2, 0), (0, 0, 1)),
    ],
)
def test_textbook_comparisons(order, larger, smaller):
    key = MonomialOrder.parse(order).key()
    assert key(larger) > key(smaller)


def test_parsing_and_elimination_orders():
    ring = PolynomialRing(("t", "x", "y"))
    assert MonomialOrder.parse(" GRevLex ") == MonomialOrder()
    assert MonomialOrder.elimination(ring, [sympy.Symbol("y"), "t"]).weights == (1, 0, 1)
    for bad in ("revlex", "weights()", "weights(1,,2)", "weights(-1,0,0)", "wp(1,2,3)"):
        with pytest.raises(InvalidInputError):
            MonomialOrder.parse(bad)
    with pytest.raises(InvalidInputError):
        MonomialOrder("lex", (1, 2))
    with pytest.raises(InvalidInputError):
        MonomialOrder.parse("weights(1,2)").check_ring(ring)
    with pytest.raises(InvalidInputError):
        MonomialOrder.elimination(ring, ["z"])


def test_division_by_a_basis_in_a_weight_order():
    """{x^3 - y^2, tx - y, ty - x^2, t^2 - x} is a Gröbner basis of (x - t^2, y - t^3)
    for weights(1,0,0); t^3 - y = t (t^2 - x) + (tx - y) reduces to 0, t is no member."""
    ring = PolynomialRing(("t", "x", "y"))
    t, x, y = ring.symbols
    basis = GroebnerBasis(
        ring,
        tuple(
            sympy.Poly(p, *ring.symbols, domain="QQ")
            for p in (x**3 - y**2, t * x - y, t * y - x**2, t**2 - x)
        ),
        "weights(1,0,0)",
    )
    assert basis.reduces_to_zero(sympy.Poly(t**3 - y, *ring.symbols, domain="QQ"))
    assert not basis.reduces_to_zero(sympy.Poly(t, *ring.symbols, domain="QQ"))
    assert basis.leading_monomials() == (x**3, t * x, t * y, t**2)


def test_weights_is_a_constructor_on_the_class_and_the_vector_on_an_order():
    """The README's ``MonomialOrder.weights(...)``: the same order as the text form."""
    order = MonomialOrder.weights((1, 2, 3, 4))
    assert (
        order == MonomialOrder.parse("weights(1,2,3,4)") == MonomialOrder("weights", [1, 2, 3, 4])
    )
    assert order.weights == (1, 2, 3, 4) and MonomialOrder.parse("lex").weights == ()
    assert str(MonomialOrder.weights([0, 1])) == "weights(0,1)"
    for bad in ((1, -2), "1,2", (1.5, 2), (True, 1), (), 3):
        with pytest.raises(InvalidInputError) as caught:
            MonomialOrder.weights(bad)  # type: ignore[arg-type]
        assert caught.value.name == "weights"


@pytest.mark.parametrize("text", ["weights(1,-2,3,4)", "weights(-1, 0)", "weights(1, x)"])
def test_negative_weights_are_named_as_such(text):
    """Neither CAS takes a negative weight in a global order: Macaulay2 1.21 refuses
    {Weights => {1,-2,3,4}, GRevLex} ("not all variables are > 1, and Global => true")
    and Singular's (a(1,-2,3,4), dp) is a local order (b < 1 there)."""
    with pytest.raises(InvalidInputError) as caught:
        MonomialOrder.parse(text)
    assert "weights must be non-negative integers" in caught.value.reason
