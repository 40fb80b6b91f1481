"""A strict grammar for polynomials typed by a user; nothing is ever evaluated.

The grammar (whitespace is allowed between tokens)::

    polynomial := ["+" | "-"] term (("+" | "-") term)*
    term       := factor (("*" factor) | factor)*   -- juxtaposition is not allowed
    factor     := atom [("^" | "**") exponent]
    atom       := integer ["/" integer] | variable | "(" polynomial ")"
    exponent   := a non-negative integer, at most 10000
    variable   := one of the ring's variable names

Numbers are exact (``3/4`` is the rational three quarters; over GF(p) a denominator
must be prime to p); a name that is not a variable of the ring, any other character
(``;``, quotes, ``=``, ``!``), an unbalanced parenthesis or a dangling operator is
rejected with :class:`InvalidInputError` naming the position.

Limits, each refused with its own reason: at most ``MAX_POLYNOMIAL_LENGTH`` characters,
parentheses nested at most ``MAX_NESTING`` levels deep, exponents at most
``MAX_EXPONENT``, every intermediate result of total degree at most ``MAX_DEGREE``
and a result of at most ``MAX_DENSE_SIZE`` coefficient slots in sympy's dense
representation (:func:`dense_size`).
Reading is linear in the length of the text apart from the products and powers it
asks for: sums are collected term by term and added once, and the arithmetic is
python-flint's sparse multivariate polynomials (``fmpq_mpoly``, ``nmod_mpoly``).
"""

from __future__ import annotations

import re
from typing import Any

import flint
import sympy

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra._ring import PolynomialRing

__all__ = [
    "MAX_DEGREE",
    "MAX_DENSE_SIZE",
    "MAX_EXPONENT",
    "MAX_NESTING",
    "MAX_POLYNOMIAL_LENGTH",
    "parse_polynomial",
]

MAX_EXPONENT = 10_000
MAX_POLYNOMIAL_LENGTH = 1_000_000
#: Deepest nesting of parentheses accepted (each level costs three Python frames).
MAX_NESTING = 200
#: Largest total degree of the polynomial or of any product or power inside it.
MAX_DEGREE = 100_000
#: Most coefficient slots of the result in sympy's recursive dense representation
#: (``(x + y)^4000`` needs 8 million and takes seconds to build).
MAX_DENSE_SIZE = 10_000_000

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+)|(?P<name>[A-Za-z][A-Za-z0-9_]*)|(?P<op>\*\*|[-+*/^()]))"
)
#: Longest integer literal: Python refuses to read longer decimal strings anyway.
_MAX_DIGITS = 4000


def _context(ring: PolynomialRing) -> Any:
    """The python-flint context of sparse polynomials over the ring's field."""
    names = tuple(ring.variables)
    if ring.field.is_rational:
        return flint.fmpq_mpoly_ctx.get(names)
    return flint.nmod_mpoly_ctx.get(names, modulus=ring.field.characteristic)


def dense_size(monomials: list[tuple[int, ...]]) -> int:
    """The number of coefficient slots sympy's recursive dense ``Poly`` gives these monomials.

    The representation is a list indexed by the exponent of the first variable (up to
    its largest), each entry the representation of its coefficient in the remaining
    variables; the count walks the trie of exponent vectors, O(#monomials * #variables).

    >>> dense_size([(3, 0), (0, 2)])  # [[1], [], [], [1, 0, 0]]: 4 + 1 + 3 slots
    8
    """
    if not monomials:
        return 1
    width = len(monomials[0])
    size = 0
    groups: list[list[tuple[int, ...]]] = [monomials]
    for level in range(width):
        following: list[list[tuple[int, ...]]] = []
        for group in groups:
            size += max(m[level] for m in group) + 1
            if level + 1 < width:
                by_exponent: dict[int, list[tuple[int, ...]]] = {}
                for m in group:
                    by_exponent.setdefault(m[level], []).append(m)
                following.extend(by_exponent.values())
        groups = following
    return size


def _sum(terms: list[Any]) -> Any:
    """The sum of ``terms``, added pairwise so that n terms cost O(n log n)."""
    while len(terms) > 1:
        paired = [terms[i] + terms[i + 1] for i in range(0, len(terms) - 1, 2)]
        if len(terms) % 2:
            paired.append(terms[-1])
        terms = paired
    return terms[0]


class _Parser:
    def __init__(self, text: str, ring: PolynomialRing) -> None:
        self.text = text
        self.ring = ring
        self.tokens: list[tuple[str, str, int]] = []
        self.position = 0
        self.depth = 0
        self.context = _context(ring)
        self.variables = dict(zip(ring.variables, self.context.gens(), strict=True))
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
                where = index
                while self.text[where].isspace():
                    where += 1
                raise self.fail(where, f"unexpected character {self.text[where]!r}")
            kind = match.lastgroup or ""
            if kind == "number" and len(match.group(kind)) > _MAX_DIGITS:
                raise self.fail(match.start(kind), f"an integer longer than {_MAX_DIGITS} digits")
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

    def check_degree(self, value: Any, where: int) -> Any:
        if not value.is_zero() and value.total_degree() > MAX_DEGREE:
            raise self.fail(where, f"a product of total degree above {MAX_DEGREE}")
        return value

    def constant(self, numerator: int, denominator: int, where: int) -> Any:
        p = self.ring.field.characteristic
        if p == 0:
            return self.context.constant(flint.fmpq(numerator, denominator))
        if denominator % p == 0:
            raise self.fail(where, f"a denominator divisible by {p} (it vanishes in GF({p}))")
        return self.context.constant(numerator * pow(denominator, -1, p) % p)

    def polynomial(self) -> Any:
        negative = False
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in "+-":
            self.take()
            negative = token[1] == "-"
        terms = []
        while True:
            term = self.term()
            terms.append(-term if negative else term)
            token = self.peek()
            if token is None or token[0] != "op" or token[1] not in "+-":
                return _sum(terms)
            self.take()
            negative = token[1] == "-"

    def term(self) -> Any:
        product = self.power(self.atom())
        while (token := self.peek()) is not None and token == ("op", "*", token[2]):
            self.take()
            product = self.check_degree(product * self.power(self.atom()), token[2])
        token = self.peek()
        if token is not None and not (token[0] == "op" and token[1] in "+-)"):
            raise self.fail(token[2], f"expected an operator before {token[1]!r}")
        return product

    def power(self, base: Any) -> Any:
        """``base`` raised to the exponent that follows, if one does (the factor rule)."""
        token = self.peek()
        if token is None or token[0] != "op" or token[1] not in ("^", "**"):
            return base
        self.take()
        kind, value, where = self.take()
        if kind != "number":
            raise self.fail(where, "an exponent must be a non-negative integer")
        exponent = int(value)
        if exponent > MAX_EXPONENT:
            raise self.fail(where, f"exponent above {MAX_EXPONENT}")
        if not base.is_zero() and base.total_degree() * exponent > MAX_DEGREE:
            raise self.fail(where, f"a power of total degree above {MAX_DEGREE}")
        return base**exponent

    def atom(self) -> Any:
        kind, value, where = self.take()
        if kind == "number":
            token = self.peek()
            if token is not None and token[0] == "op" and token[1] == "/":
                self.take()
                kind, denominator, where = self.take()
                if kind != "number" or int(denominator) == 0:
                    raise self.fail(where, "a denominator must be a positive integer")
                return self.constant(int(value), int(denominator), where)
            return self.constant(int(value), 1, where)
        if kind == "name":
            if value not in self.variables:
                raise self.fail(where, f"{value!r} is not a variable of the ring")
            return self.variables[value]
        if value == "(":
            if self.depth >= MAX_NESTING:
                raise self.fail(
                    where, f"parentheses nested too deeply (more than {MAX_NESTING} levels)"
                )
            self.depth += 1
            inner = self.polynomial()
            self.depth -= 1
            kind, closing, where = self.take()
            if closing != ")":
                raise self.fail(where, "expected ')'")
            return inner
        raise self.fail(where, f"unexpected {value!r}")

    def to_sympy(self, value: Any) -> sympy.Poly:
        """The sympy polynomial of the ring equal to the flint polynomial ``value``."""
        domain = self.ring.field.domain
        size = dense_size(list(value.monoms()))
        if size > MAX_DENSE_SIZE:
            raise InvalidInputError(
                "polynomial",
                self.text if len(self.text) <= 80 else self.text[:77] + "...",
                f"its expansion needs {size} coefficient slots in sympy's dense "
                f"representation, more than {MAX_DENSE_SIZE}",
            )
        if self.ring.field.is_rational:
            coefficients = {
                exponents: domain(int(c.p), int(c.q)) for exponents, c in value.to_dict().items()
            }
        else:
            coefficients = {exponents: domain(int(c)) for exponents, c in value.to_dict().items()}
        return sympy.Poly.from_dict(coefficients, *self.ring.symbols, domain=domain)


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
    return parser.to_sympy(result)
