"""Polynomial rings with named variables over QQ or GF(p), and their polynomials.

Polynomials are sympy ``Poly`` objects whose generators are the ring's variables.
A polynomial crosses to and from a CAS as a list of *terms*: an exponent vector and
an exact rational coefficient, never as text to evaluate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Literal

import sympy

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra._field import Field

__all__ = ["MAX_NAME_LENGTH", "Exponents", "PolynomialRing", "Terms", "format_polynomial"]

Exponents = tuple[int, ...]
#: A polynomial as a mapping from exponent vectors to exact rational coefficients.
Terms = Mapping[Exponents, Fraction]

#: A variable is a letter, then letters or digits, then optional ``_index`` parts.
_VARIABLE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[0-9]+)*$")
#: Longest variable name accepted.  Names never reach a CAS: the backends send exponent
#: vectors and number the variables themselves (``x_0..x_(n-1)`` in Macaulay2,
#: ``nbx(1..n)`` in Singular), so a name is only a label in Python and in results.
#: A coefficient name ``c_i_e0_..._e(n-1)`` grows with the number n of input variables
#: (about 3 characters per two-digit exponent): 1024 admits some 330 inputs, while a
#: name cannot grow without bound when text is printed or parsed.
MAX_NAME_LENGTH = 1024
_MAX_NAME_LENGTH = MAX_NAME_LENGTH


def _check_variable_name(name: object) -> str:
    if not isinstance(name, str) or len(name) > _MAX_NAME_LENGTH:
        raise InvalidInputError("variable name", name, "must be a short string")
    if not _VARIABLE_NAME.match(name):
        raise InvalidInputError(
            "variable name",
            name,
            "must be a letter followed by letters or digits, with optional _index parts "
            "such as c_0_2_1",
        )
    return name


@dataclass(frozen=True, init=False)
class PolynomialRing:
    """The polynomial ring ``field[variables]`` with the standard grading.

    ``field`` is a :class:`Field` or its name, read by :meth:`Field.parse` (``"QQ"``,
    ``"GF(p)"`` for a prime p < 2^31); anything else raises
    :class:`~nagbridge.InvalidInputError` naming ``field``.

    >>> R = PolynomialRing(("x", "y"), Field(0))
    >>> R.poly({(2, 0): Fraction(1), (0, 1): Fraction(-3, 2)}).as_expr()
    x**2 - 3*y/2
    >>> PolynomialRing(("x", "y"), "GF(7)").field
    Field(characteristic=7)
    """

    variables: tuple[str, ...]
    field: Field

    def __init__(self, variables: Iterable[str], field: Field | str = "QQ") -> None:
        if isinstance(variables, str):
            raise InvalidInputError("variables", variables, "must be a list of names")
        names = tuple(variables)
        if not names:
            raise InvalidInputError("variables", names, "a ring needs a variable")
        for name in names:
            _check_variable_name(name)
        if len(set(names)) != len(names):
            raise InvalidInputError("variables", names, "names must be distinct")
        object.__setattr__(self, "variables", names)
        object.__setattr__(self, "field", Field.parse(field))

    @property
    def ngens(self) -> int:
        return len(self.variables)

    @cached_property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        return tuple(sympy.Symbol(name) for name in self.variables)

    def poly(self, terms: Terms) -> sympy.Poly:
        """The sympy polynomial with the given terms, coefficients mapped into the field."""
        coefficients = {}
        for exponents, coefficient in terms.items():
            if len(exponents) != self.ngens:
                raise InvalidInputError(
                    "exponent vector", exponents, f"expected length {self.ngens}"
                )
            coefficients[tuple(exponents)] = self.field.element(Fraction(coefficient))
        return sympy.Poly.from_dict(coefficients, *self.symbols, domain=self.field.domain)

    def terms(self, polynomial: sympy.Poly) -> dict[Exponents, Fraction]:
        """The terms of a polynomial of this ring, coefficients as exact rationals.

        Over GF(p) the coefficient is the residue in ``0 .. p-1``.
        """
        result = {}
        for exponents, coefficient in polynomial.terms():
            if self.field.is_rational:
                value = Fraction(int(coefficient.numerator), int(coefficient.denominator))
            else:
                value = Fraction(int(coefficient) % self.field.characteristic)
            result[tuple(exponents)] = value
        return result


def _cas_name(name: str, style: Literal["macaulay2", "singular"]) -> str:
    """Spell a variable for a CAS: ``c_0_2`` becomes ``c_(0,2)`` or ``c(0)(2)``."""
    base, *indices = name.split("_")
    if not indices:
        return base
    if style == "macaulay2":
        return f"{base}_{indices[0]}" if len(indices) == 1 else f"{base}_({','.join(indices)})"
    return base + "".join(f"({index})" for index in indices)


def format_polynomial(
    terms: Terms,
    variables: Iterable[str],
    style: Literal["macaulay2", "singular"],
) -> str:
    """Write a polynomial in the syntax of Macaulay2 or Singular, for export by hand.

    >>> format_polynomial({(1, 0): Fraction(1), (0, 2): Fraction(-3, 2)}, ["c_0", "y"],
    ...                   "singular")
    'c(0)-3/2*y^2'
    """
    names = [_cas_name(name, style) for name in variables]
    pieces = []
    for exponents, coefficient in sorted(terms.items(), reverse=True):
        monomial = "*".join(
            name if power == 1 else f"{name}^{power}"
            for name, power in zip(names, exponents, strict=True)
            if power
        )
        magnitude = abs(coefficient)
        if not monomial:
            body = str(magnitude)
        elif magnitude == 1:
            body = monomial
        else:
            body = f"{magnitude}*{monomial}"
        sign = "-" if coefficient < 0 else "+"
        pieces.append((sign, body))
    if not pieces:
        return "0"
    first_sign, first_body = pieces[0]
    text = ("-" if first_sign == "-" else "") + first_body
    return text + "".join(f"{sign}{body}" for sign, body in pieces[1:])


def ring_declaration(ring: PolynomialRing, style: Literal["macaulay2", "singular"]) -> str:
    """A declaration of ``ring`` in the syntax of Macaulay2 or Singular."""
    names = ", ".join(_cas_name(name, style) for name in ring.variables)
    p = ring.field.characteristic
    if style == "macaulay2":
        coefficients = "QQ" if p == 0 else f"ZZ/{p}"
        return f"R = {coefficients}[{names}]"
    return f"ring R = {p}, ({names}), dp;"
