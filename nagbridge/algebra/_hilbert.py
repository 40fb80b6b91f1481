"""Hilbert polynomials and Hilbert series of graded quotients S/I."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import comb, factorial

import sympy

__all__ = ["HilbertPolynomial", "HilbertSeries"]


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

    def __repr__(self) -> str:
        return f"HilbertPolynomial({self.as_expr()})"

    def _repr_latex_(self) -> str:
        return f"$P(t) = {sympy.latex(self.as_expr())}$"


@dataclass(frozen=True)
class HilbertSeries:
    """The Hilbert series of S/I as a rational function h(t) / (1 - t)^k.

    sum_t dim_K (S/I)_t * t^t = h(t) / (1 - t)^k for the standard grading of S, in
    lowest terms: ``denominator_exponent`` k is the Krull dimension of S/I and
    ``numerator[i]`` is the integer coefficient of t^i in h (the h-vector), so that
    h(1) is the degree of S/I (Bruns and Herzog, *Cohen-Macaulay Rings*, 4.1.4 and
    4.1.6).  For the cone over the twisted cubic, h(t) = 1 + 2t and k = 2:

    >>> H = HilbertSeries.from_coefficients([1, 2], 2)
    >>> str(H), H.degree, H.dimension
    ('(2*t + 1)/(1 - t)**2', 3, 2)
    >>> str(H.hilbert_polynomial())
    '3*t + 1'
    >>> H.value(4)
    13
    """

    numerator: tuple[int, ...]
    denominator_exponent: int

    @classmethod
    def from_coefficients(
        cls, numerator: Sequence[int], denominator_exponent: int
    ) -> HilbertSeries:
        """The series with numerator coefficients ``numerator`` (lowest degree first)."""
        values = [int(c) for c in numerator]
        while values and values[-1] == 0:
            values.pop()
        return cls(tuple(values), int(denominator_exponent))

    @classmethod
    def polynomial_ring(cls, num_variables: int) -> HilbertSeries:
        """The series 1 / (1 - t)^n of K[x_1, ..., x_n] (the zero ideal)."""
        return cls((1,), num_variables)

    @property
    def dimension(self) -> int:
        """The Krull dimension of S/I, the order of the pole at t = 1."""
        return self.denominator_exponent

    @property
    def degree(self) -> int:
        """The degree (multiplicity) of S/I: h(1)."""
        return sum(self.numerator)

    def value(self, t: int) -> int:
        """dim_K (S/I)_t, the coefficient of t^t in the expansion of the series."""
        k = self.denominator_exponent
        if k == 0:
            return self.numerator[t] if 0 <= t < len(self.numerator) else 0
        return sum(h * comb(t - i + k - 1, k - 1) for i, h in enumerate(self.numerator) if i <= t)

    def hilbert_polynomial(self) -> HilbertPolynomial:
        """The Hilbert polynomial sum_i h_i C(t - i + k - 1, k - 1), valid for t >= deg h."""
        k = self.denominator_exponent
        if k == 0 or not self.numerator:
            return HilbertPolynomial.from_coefficients([])
        t = sympy.Symbol("t")
        total = sympy.Integer(0)
        for i, h in enumerate(self.numerator):
            binomial = sympy.Integer(1)
            for j in range(1, k):
                binomial *= (t - i + j) / sympy.Integer(j)
            total += h * binomial
        coefficients = sympy.Poly(sympy.expand(total), t).all_coeffs()[::-1]
        return HilbertPolynomial.from_coefficients(
            [Fraction(int(c.p), int(c.q)) for c in coefficients]
        )

    def numerator_expr(self, t: sympy.Symbol | None = None) -> sympy.Expr:
        """h(t) as a sympy expression."""
        variable = sympy.Symbol("t") if t is None else t
        return sympy.Add(*(sympy.Integer(c) * variable**i for i, c in enumerate(self.numerator)))

    def as_expr(self, t: sympy.Symbol | None = None) -> sympy.Expr:
        """h(t) / (1 - t)^k as a sympy expression in ``t`` (default: the symbol ``t``)."""
        variable = sympy.Symbol("t") if t is None else t
        denominator = (1 - variable) ** self.denominator_exponent
        return self.numerator_expr(variable) / denominator

    def to_dict(self) -> dict[str, object]:
        """Plain data: numerator coefficients as strings, lowest degree first, and k."""
        return {
            "numerator": [str(c) for c in self.numerator],
            "denominator_exponent": self.denominator_exponent,
        }

    def __str__(self) -> str:
        t = sympy.Symbol("t")
        numerator = self.numerator_expr(t)
        if self.denominator_exponent == 0:
            return str(numerator)
        power = "" if self.denominator_exponent == 1 else f"**{self.denominator_exponent}"
        body = str(numerator)
        if len(self.numerator) > 1 and sum(1 for c in self.numerator if c) > 1:
            body = f"({body})"
        return f"{body}/(1 - t){power}"

    def _repr_latex_(self) -> str:
        t = sympy.Symbol("t")
        numerator = sympy.latex(self.numerator_expr(t))
        k = self.denominator_exponent
        if k == 0:
            return f"$H(t) = {numerator}$"
        power = "" if k == 1 else f"^{{{k}}}"
        return rf"$H(t) = \frac{{{numerator}}}{{(1 - t){power}}}$"
