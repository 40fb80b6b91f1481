"""A strict grammar for polynomials typed by a user; nothing is ever evaluated.

The grammar (whitespace is allowed between tokens)::

    polynomial := ["+" | "-"] term (("+" | "-") term)*
    term       := factor (("*" factor) | factor)*   -- juxtaposition is not allowed
    factor     := atom [("^" | "**") exponent]
    atom       := integer ["/" integer] | variable | "(" polynomial ")"
    exponent   := a non-negative integer, at most 10000
    variable   := one of the ring's variable names

Numbers are exact (``3/4`` is the rational three quarters); a name that is not a
variable of the ring, any other character (``;``, quotes, ``=``, ``!``), an unbalanced
parenthesis or a dangling operator is rejected with :class:`InvalidInputError` naming
the position.
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra._ring import PolynomialRing

__all__ = ["MAX_EXPONENT", "MAX_POLYNOMIAL_LENGTH", "parse_polynomial"]

MAX_EXPONENT = 10_000
MAX_POLYNOMIAL_LENGTH = 1_000_000

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+)|(?P<name>[A-Za-z][A-Za-z0-9_]*)|(?P<op>\*\*|[-+*/^()]))"
)


class _Parser:
    def __init__(self, text: str, ring: PolynomialRing) -> None:
        self.text = text
        self.ring = ring
        self.tokens: list[tuple[str, str, int]] = []
        self.position = 0
        self.variables = {
            name: sympy.Poly(symbol, *ring.symbols, domain=ring.field.domain)
            for name, symbol in zip(ring.variables, ring.symbols, strict=True)
        }
        self._tokenize()

    def fail(self, where: int, reason: str) -> InvalidInputError:
        excerpt = self.text[max(0, where - 10) : where + 10]
        return InvalidInputError(
            "polynomial", self.text if len(self.text) <= 80 else self.text[:77] + "...",
            f"{reason} at character {where + 1} (near {excerpt!r})",
        )  # fmt: skip

    def _tokenize(self) -> None:
        index = 0
        stripped_end = len(self.text.rstrip())
        while index < stripped_end:
            match = _TOKEN.match(self.text, index)
            if match is None:
                where = index + len(self.text[index:]) - len(self.text[index:].lstrip())
                raise self.fail(where, f"unexpected character {self.text[where]!r}")
            kind = match.lastgroup or ""
            self.tokens.append((kind, match.group(kind), match.start(kind)))
            index = match.end()

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise self.fail(len(self.text), "unexpected end of input")
        self.position += 1
        return token

    def constant(self, value: Fraction) -> sympy.Poly:
        return self.ring.poly({(0,) * self.ring.ngens: value})

    def polynomial(self) -> sympy.Poly:
        sign = 1
        token = self.peek()
        if token is not None and token[1] in "+-" and token[0] == "op":
            self.take()
            sign = -1 if token[1] == "-" else 1
        total = self.term() * sign
        while (token := self.peek()) is not None and token[0] == "op" and token[1] in "+-":
            self.take()
            following = self.term()
            total = total + following if token[1] == "+" else total - following
        return total

    def term(self) -> sympy.Poly:
        product = self.factor()
        while (token := self.peek()) is not None and token == ("op", "*", token[2]):
            self.take()
            product = product * self.factor()
        token = self.peek()
        if token is not None and not (token[0] == "op" and token[1] in "+-)"):
            raise self.fail(token[2], f"expected an operator before {token[1]!r}")
        return product

    def factor(self) -> sympy.Poly:
        base = self.atom()
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in ("^", "**"):
            self.take()
            kind, value, where = self.take()
            if kind != "number":
                raise self.fail(where, "an exponent must be a non-negative integer")
            if int(value) > MAX_EXPONENT:
                raise self.fail(where, f"exponent above {MAX_EXPONENT}")
            return base ** int(value)
        return base

    def atom(self) -> sympy.Poly:
        kind, value, where = self.take()
        if kind == "number":
            numerator = int(value)
            token = self.peek()
            if token is not None and token[0] == "op" and token[1] == "/":
                self.take()
                kind, denominator, where = self.take()
                if kind != "number" or int(denominator) == 0:
                    raise self.fail(where, "a denominator must be a positive integer")
                return self.constant(Fraction(numerator, int(denominator)))
            return self.constant(Fraction(numerator))
        if kind == "name":
            if value not in self.variables:
                raise self.fail(where, f"{value!r} is not a variable of the ring")
            return self.variables[value]
        if value == "(":
            inner = self.polynomial()
            kind, closing, where = self.take()
            if closing != ")":
                raise self.fail(where, "expected ')'")
            return inner
        raise self.fail(where, f"unexpected {value!r}")


def parse_polynomial(text: str, ring: PolynomialRing) -> sympy.Poly:
    """Read a polynomial of ``ring`` from text in the strict grammar of this module.

    >>> from nagbridge.algebra import PolynomialRing
    >>> R = PolynomialRing(("x", "y"))
    >>> parse_polynomial("(x + 1/2*y)^2 - x**2", R).as_expr()
    x*y + y**2/4
    """
    if not isinstance(text, str):
        raise InvalidInputError("polynomial", text, "must be a string")
    if len(text) > MAX_POLYNOMIAL_LENGTH:
        raise InvalidInputError("polynomial", text[:40] + "...", "is too long")
    parser = _Parser(text, ring)
    if not parser.tokens:
        raise InvalidInputError("polynomial", text, "is empty")
    result = parser.polynomial()
    leftover = parser.peek()
    if leftover is not None:
        raise parser.fail(leftover[2], f"unexpected {leftover[1]!r}")
    return result
