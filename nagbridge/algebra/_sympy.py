"""Polynomials from sympy expressions, checked and converted exactly; and back to text.

An expression is accepted when it is a polynomial in the ring's variables with
rational coefficients: built from sympy ``Symbol`` objects named like the ring's
variables, sympy integers and rationals, ``+``, ``*`` and non-negative integer powers.
A float, a symbol that is not a variable of the ring, a negative or fractional power,
a function (``sin``, ``sqrt``) or an irrational constant (``pi``, ``I``) is rejected
with :class:`~nagbridge.InvalidInputError`.  Strings are refused too: text goes
through the strict grammar of :func:`~nagbridge.algebra.parse_polynomial`, never
through ``sympify``.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import sympy
from sympy.polys.polyerrors import PolynomialError

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra._ring import PolynomialRing, Terms

__all__ = ["polynomial_from_sympy", "polynomial_text"]


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def polynomial_from_sympy(
    expression: object, ring: PolynomialRing, name: str = "polynomial"
) -> sympy.Poly:
    """The polynomial of ``ring`` equal to the sympy ``expression``, exactly.

    ``name`` is the option reported when the expression is rejected.  Over GF(p) the
    rational coefficients are mapped into the field (a denominator divisible by p is
    refused).  A sympy ``Poly`` over GF(q) is accepted only by a ring over GF(q), and
    one with float coefficients (domain ``RR``) never.

    >>> x, y = sympy.symbols("x y")
    >>> R = PolynomialRing(("x", "y"))
    >>> polynomial_from_sympy((x + y / 2) ** 2, R).as_expr()
    x**2 + x*y + y**2/4
    >>> polynomial_from_sympy(0.5 * x, R)
    Traceback (most recent call last):
    ...
    nagbridge._exceptions.InvalidInputError: invalid polynomial '0.5*x': has a float \
coefficient (0.5); use sympy.Rational(p, q) for exact coefficients
    """
    if isinstance(expression, sympy.Poly):
        expression = _poly_expression(expression, ring, name)
    if isinstance(expression, (bool, str, bytes)):
        raise InvalidInputError(
            name,
            _short(expression),
            "must be a sympy expression (text goes through parse_polynomial)",
        )
    if isinstance(expression, (int, Fraction)):
        expression = sympy.Rational(expression.numerator, expression.denominator)
    if not isinstance(expression, sympy.Expr):
        raise InvalidInputError(
            name, _short(expression), f"is a {type(expression).__name__}, not a sympy expression"
        )
    floats = expression.atoms(sympy.Float)
    if floats:
        example = sorted(floats, key=str)[0]
        raise InvalidInputError(
            name,
            _short(expression),
            f"has a float coefficient ({float(example)!r}); use sympy.Rational(p, q) for "
            "exact coefficients",
        )
    allowed = set(ring.symbols)
    foreign = sorted(
        (s for s in expression.free_symbols if s not in allowed), key=lambda s: str(s)
    )
    if foreign:
        raise InvalidInputError(
            name,
            _short(expression),
            f"uses {', '.join(map(str, foreign))}, not among the variables "
            f"{', '.join(ring.variables)}",
        )
    try:
        rational = sympy.Poly(expression, *ring.symbols, domain=sympy.QQ)
    except PolynomialError as error:
        raise InvalidInputError(
            name, _short(expression), f"is not a polynomial in {', '.join(ring.variables)}"
            f" ({error})",
        ) from None  # fmt: skip
    except sympy.polys.polyerrors.CoercionFailed:
        raise InvalidInputError(
            name, _short(expression), "has a coefficient that is not a rational number"
        ) from None
    terms = {
        tuple(exponents): Fraction(int(c.numerator), int(c.denominator))
        for exponents, c in rational.terms()
        if c
    }
    try:
        return ring.poly(terms)
    except InvalidInputError as error:
        raise InvalidInputError(name, _short(expression), error.reason) from None


def _poly_expression(polynomial: sympy.Poly, ring: PolynomialRing, name: str) -> sympy.Expr:
    """The expression of a sympy ``Poly`` whose domain fits the field of ``ring``.

    A Poly over GF(q) belongs to a ring over GF(q) only: read into QQ or another prime
    field its residues would silently become integers.  A Poly with inexact (float)
    coefficients is refused as well; QQ, ZZ and polynomial domains over them go
    through the exact checks of :func:`polynomial_from_sympy`.
    """
    domain = polynomial.domain
    if domain.is_FiniteField:
        q = int(domain.characteristic())
        if q != ring.field.characteristic:
            raise InvalidInputError(
                name,
                _short(polynomial),
                f"is a polynomial over GF({q}), but the ring is over {ring.field}",
            )
    elif not domain.is_Exact:
        raise InvalidInputError(
            name,
            _short(polynomial),
            f"has inexact coefficients (domain {domain}); use sympy.Rational(p, q)",
        )
    expression: sympy.Expr = polynomial.as_expr()
    return expression


def polynomial_text(terms: Terms, variables: Iterable[str]) -> str:
    """A polynomial written in the strict grammar of ``parse_polynomial``.

    Terms come in descending lex order of their exponent vectors.

    >>> polynomial_text({(2, 0): Fraction(-3, 2), (0, 1): Fraction(1)}, ["s", "t"])
    '-3/2*s^2 + t'
    """
    names = list(variables)
    pieces: list[str] = []
    for exponents, coefficient in sorted(terms.items(), reverse=True):
        if coefficient == 0:
            continue
        factors = [
            name if power == 1 else f"{name}^{power}"
            for name, power in zip(names, exponents, strict=True)
            if power
        ]
        magnitude = abs(coefficient)
        if magnitude != 1 or not factors:
            factors.insert(0, str(magnitude))
        body = "*".join(factors)
        if not pieces:
            pieces.append(("-" if coefficient < 0 else "") + body)
        else:
            pieces.append(("- " if coefficient < 0 else "+ ") + body)
    return " ".join(pieces) if pieces else "0"
