"""Hilbert polynomials of graded quotients S/I."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import factorial

import sympy

__all__ = ["HilbertPolynomial"]


@dataclass(frozen=True)
class HilbertPolynomial:
    """The Hilbert polynomial P(t) of S/I: dim_K (S/I)_t = P(t) for all large t.

    Stored in the ordinary monomial basis, ``coefficients[k]`` being the coefficient
    of t^k.  For the cone over the twisted cubic, P(t) = 3t + 1:

    >>> P = HilbertPolynomial.from_coefficients([1, 3])
    >>> int(P(4)), P.degree, P.multiplicity
    (13, 1, 3)
    >>> str(P)
    '3*t + 1'
    """

    coefficients: tuple[Fraction, ...]

    @classmethod
    def from_coefficients(cls, coefficients: Sequence[Fraction | int]) -> HilbertPolynomial:
        values = [Fraction(c) for c in coefficients]
        while values and values[-1] == 0:
            values.pop()
        return cls(tuple(values))

    @property
    def degree(self) -> int:
        """Degree of P, the projective dimension (-1 for the zero polynomial)."""
        return len(self.coefficients) - 1

    @property
    def multiplicity(self) -> int:
        """The degree of the variety: (deg P)! times the leading coefficient."""
        if not self.coefficients:
            return 0
        value = self.coefficients[-1] * factorial(self.degree)
        return int(value)

    def __call__(self, t: int | Fraction) -> Fraction:
        total = Fraction(0)
        for coefficient in reversed(self.coefficients):
            total = total * t + coefficient
        return total

    def as_expr(self, t: sympy.Symbol | None = None) -> sympy.Expr:
        """P as a sympy expression in ``t`` (default: the symbol ``t``)."""
        variable = sympy.Symbol("t") if t is None else t
        return sympy.Add(
            *(
                sympy.Rational(c.numerator, c.denominator) * variable**k
                for k, c in enumerate(self.coefficients)
            )
        )

    def __str__(self) -> str:
        return str(self.as_expr())

    def _repr_latex_(self) -> str:
        return f"$P(t) = {sympy.latex(self.as_expr())}$"
