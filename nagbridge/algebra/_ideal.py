"""Ideals, Gröbner bases and the invariants of a graded quotient S/I."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import sympy

from nagbridge.algebra._hilbert import HilbertPolynomial, HilbertSeries
from nagbridge.algebra._ring import PolynomialRing, format_polynomial, ring_declaration

__all__ = ["GroebnerBasis", "Ideal", "VarietyInfo"]


def _export(
    ring: PolynomialRing,
    polynomials: tuple[sympy.Poly, ...],
    style: Literal["macaulay2", "singular"],
) -> str:
    generators = ", ".join(
        format_polynomial(ring.terms(p), ring.variables, style) for p in polynomials
    )
    if style == "macaulay2":
        return f"{ring_declaration(ring, style)}\nI = ideal({generators or '0_R'})"
    return f"{ring_declaration(ring, style)}\nideal I = {generators or '0'};"


@dataclass(frozen=True)
class Ideal:
    """An ideal of a polynomial ring, given by generators (sympy ``Poly`` objects)."""

    ring: PolynomialRing
    generators: tuple[sympy.Poly, ...]

    @property
    def is_zero(self) -> bool:
        return all(p.is_zero for p in self.generators)

    @property
    def generator_degrees(self) -> list[int]:
        return [int(p.total_degree()) for p in self.generators]

    @cached_property
    def _sympy_basis(self) -> sympy.GroebnerBasis:
        """sympy's reduced Gröbner basis (grevlex), computed once per ideal."""
        return sympy.groebner(
            [p.as_expr() for p in self.generators],
            *self.ring.symbols,
            order="grevlex",
            domain=self.ring.field.domain,
        )

    def contains(self, polynomial: sympy.Poly | sympy.Expr) -> bool:
        """Ideal membership, decided by sympy's own Gröbner basis (no CAS needed)."""
        if self.is_zero:
            return bool(sympy.Poly(polynomial, *self.ring.symbols).is_zero)
        member = sympy.Poly(polynomial, *self.ring.symbols).as_expr()
        return bool(self._sympy_basis.contains(member))

    def to_macaulay2(self) -> str:
        """Macaulay2 code that rebuilds this ideal, to continue by hand."""
        return _export(self.ring, self.generators, "macaulay2")

    def to_singular(self) -> str:
        """Singular code that rebuilds this ideal, to continue by hand."""
        return _export(self.ring, self.generators, "singular")

    def __str__(self) -> str:
        if self.is_zero:
            return "Ideal(0)"
        return "Ideal(" + ", ".join(str(p.as_expr()) for p in self.generators) + ")"

    def _repr_latex_(self) -> str:
        body = ", ".join(sympy.latex(p.as_expr()) for p in self.generators) or "0"
        return rf"$\left\langle {body} \right\rangle$"


@dataclass(frozen=True)
class GroebnerBasis:
    """A Gröbner basis of an ideal for the monomial order ``order`` (CAS naming)."""

    ring: PolynomialRing
    polynomials: tuple[sympy.Poly, ...]
    order: str = "grevlex"

    def __len__(self) -> int:
        return len(self.polynomials)

    def to_ideal(self) -> Ideal:
        return Ideal(self.ring, self.polynomials)

    def reduces_to_zero(self, polynomial: sympy.Poly) -> bool:
        """True if ``polynomial`` has remainder 0 on division by this basis (sympy).

        A zero remainder proves membership in the ideal for any generating set; for a
        Gröbner basis of ``order`` a non-zero remainder proves non-membership.
        """
        if polynomial.is_zero:
            return True
        if not self.polynomials:
            return False
        _, remainder = sympy.reduced(
            polynomial.as_expr(),
            [p.as_expr() for p in self.polynomials],
            *self.ring.symbols,
            order=self.order,
            domain=self.ring.field.domain,
        )
        return bool(sympy.Poly(remainder, *self.ring.symbols).is_zero)


@dataclass(frozen=True)
class VarietyInfo:
    """What a CAS reports about the affine variety V(I) in Spec of the ring.

    ``dimension`` is always the Krull dimension of S/I (the affine dimension).  The
    graded data depend on whether I is homogeneous in the standard grading of S
    (:attr:`is_homogeneous`):

    - homogeneous I: ``degree``, ``hilbert_polynomial`` and ``hilbert_series``
      h(t)/(1-t)^k are those of the graded ring S/I, so k = ``dimension`` and P has
      degree ``dimension`` - 1 (the projective variety of the cone V(I));
    - otherwise they are those of the projective closure of V(I) in P^n, the graded
      ring S[h]/I^h with I^h the homogenization of I by a new variable h.  Its
      Hilbert function in degree s is the affine Hilbert function
      dim S_(<=s) / I_(<=s), so k = ``dimension`` + 1, P has degree ``dimension``,
      and ``degree`` is the degree of the affine variety V(I) (Cox, Little and
      O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed., Thm. 8.4.4 and
      Ch. 9, Section 3).  Both CAS follow this convention.

    ``hilbert_series`` is None when the CAS did not report it; for the zero ideal it
    is always 1/(1-t)^n, n = #variables.
    """

    ideal: Ideal
    groebner_basis: GroebnerBasis
    dimension: int
    degree: int
    hilbert_polynomial: HilbertPolynomial
    warnings: tuple[str, ...] = field(default=())
    hilbert_series: HilbertSeries | None = None

    @property
    def is_homogeneous(self) -> bool:
        """Whether I is homogeneous in the standard grading (its reduced basis is)."""
        return all(
            len({sum(monomial) for monomial in polynomial.monoms()}) <= 1
            for polynomial in self.groebner_basis.polynomials
        )

    def __post_init__(self) -> None:
        if self.hilbert_series is None and self.ideal.is_zero:
            object.__setattr__(
                self, "hilbert_series", HilbertSeries.polynomial_ring(self.ideal.ring.ngens)
            )
