"""Invariants of a neurovariety beyond its ideal: singular locus, fibres, ED degree.

Each problem is plain data with a canonical form and a stable hash, like
:class:`~nagbridge.problems.ImplicitizationProblem`; each result says what it counts.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from nagbridge.algebra import GroebnerBasis, Ideal, RingMap

__all__ = [
    "INNER_PRODUCTS",
    "EDDegreeProblem",
    "EDDegreeResult",
    "FiberProblem",
    "FiberResult",
    "SingularLocusProblem",
    "SingularLocusResult",
    "SubnetworkCheck",
    "VarietyComparison",
    "VarietySummary",
]

#: The inner products on coefficient space that :class:`EDDegreeProblem` knows.
INNER_PRODUCTS = ("euclidean", "bombieri-weyl")


def _terms_data(ideal: Ideal) -> list[list[list[Any]]]:
    return [
        sorted([list(exponents), str(c)] for exponents, c in ideal.ring.terms(g).items())
        for g in ideal.generators
    ]


def _digest(canonical: dict[str, Any]) -> str:
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class VarietySummary:
    """An ideal J reported by a CAS, with the Krull dimension and degree of S/J.

    The degree of a zero-dimensional J is dim_K S/J (points counted with
    multiplicity); the unit ideal (the empty variety) has dimension -1 and degree 0.
    """

    ideal: Ideal
    groebner_basis: GroebnerBasis
    dimension: int
    degree: int

    @property
    def is_empty(self) -> bool:
        """Whether V(J) is empty: J is the unit ideal (dimension -1)."""
        return self.dimension < 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the generators as text, their degrees, dimension and degree."""
        return {
            "generators": [str(p.as_expr()) for p in self.ideal.generators],
            "generator_degrees": self.ideal.generator_degrees,
            "dimension": self.dimension,
            "degree": self.degree,
        }


@dataclass(frozen=True)
class SingularLocusProblem:
    """The singular locus of the irreducible variety V(``ideal``) of ``codimension``.

    By the Jacobian criterion (Eisenbud, *Commutative Algebra*, Cor. 16.20) it is
    V(I + I_c(Jac I)), the c x c minors of the Jacobian matrix, c the codimension,
    for a prime ideal I over a perfect field.  With ``components`` the CAS also
    returns its minimal primes (irreducible components).
    """

    ideal: Ideal
    codimension: int
    components: bool = False
    model: dict[str, Any] = field(default_factory=dict)

    def canonical(self) -> dict[str, Any]:
        """A plain-data form that determines the problem, stable across runs."""
        return {
            "problem": "singular-locus",
            "model": self.model,
            "field": str(self.ideal.ring.field),
            "variables": list(self.ideal.ring.variables),
            "generators": _terms_data(self.ideal),
            "codimension": self.codimension,
            "components": self.components,
        }

    def digest(self) -> str:
        """SHA-256 of the canonical form: the key of caches and batch stores."""
        return _digest(self.canonical())


@dataclass(frozen=True)
class VarietyComparison:
    """V(A) against the union V(B_1) u ... u V(B_k), decided on radicals.

    ``first_in_union``: V(A) lies in the union (B_1 ... B_k lies in rad A);
    ``union_in_first``: the union lies in V(A) (A lies in rad of the intersection).
    """

    union: VarietySummary
    first_in_union: bool
    union_in_first: bool

    @property
    def equal(self) -> bool:
        """Whether V(A) equals the union: both containments hold."""
        return self.first_in_union and self.union_in_first


@dataclass(frozen=True)
class SubnetworkCheck:
    """Is the singular locus the union of the neurovarieties of narrower networks?

    ``architectures`` are the widths obtained by decreasing one hidden width by one
    (a hidden width 0 gives the zero function, the origin); ``comparison`` compares
    the singular locus (first) with the union of their neurovarieties.
    """

    architectures: tuple[tuple[int, ...], ...]
    comparison: VarietyComparison

    @property
    def equal(self) -> bool:
        """Whether the singular locus is the union of the narrower neurovarieties."""
        return self.comparison.equal

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the narrower architectures, their union, both containments."""
        return {
            "architectures": [list(widths) for widths in self.architectures],
            "union": self.comparison.union.to_dict(),
            "singular_locus_in_union": self.comparison.first_in_union,
            "union_in_singular_locus": self.comparison.union_in_first,
            "equal": self.equal,
        }


@dataclass(frozen=True)
class SingularLocusResult:
    """The singular locus of a neurovariety (affine cone in coefficient space).

    ``locus`` is the reduced singular locus: the radical of I + I_c(Jac I), with the
    dimension and degree of that reduced set; ``scheme_degree`` the degree of the
    (in general non-radical) scheme I + I_c(Jac I) itself, points counted with
    multiplicity; ``components`` its minimal primes when
    asked; ``subnetworks`` the comparison with narrower architectures when asked.
    """

    model: dict[str, Any]
    neurovariety_dimension: int
    ambient_dimension: int
    locus: VarietySummary
    components: tuple[VarietySummary, ...] | None
    subnetworks: SubnetworkCheck | None
    backend: str
    cas_version: str | None
    seconds: float
    scheme_degree: int | None = None

    @property
    def codimension(self) -> int:
        """Codimension c of the neurovariety: ambient dimension minus its dimension."""
        return self.ambient_dimension - self.neurovariety_dimension

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``, with the convention (affine cone, Jacobian)."""
        return {
            "model": self.model,
            "backend": self.backend,
            "cas_version": self.cas_version,
            "convention": "affine cone in coefficient space; singular locus "
            "V(I + minors of size codim of Jac I), reported reduced (its radical); "
            "scheme_degree is the degree of I + minors itself",
            "neurovariety_dimension": self.neurovariety_dimension,
            "ambient_dimension": self.ambient_dimension,
            "codimension": self.codimension,
            "singular_locus": self.locus.to_dict(),
            "scheme_degree": self.scheme_degree,
            "components": (
                None if self.components is None else [c.to_dict() for c in self.components]
            ),
            "subnetworks": None if self.subnetworks is None else self.subnetworks.to_dict(),
            "seconds": round(self.seconds, 6),
        }


@dataclass(frozen=True)
class FiberProblem:
    """The fibre {w' : phi(w') = phi(w)} of the parametrization phi through weights w.

    ``ring_map`` is the full parametrization (no weight fixed), ``values`` the
    coordinates phi(w), and ``gauge`` the indices (0-based, in the weight ring) of
    the slice w'_j = 1 in which the fibre's points are counted.
    """

    ring_map: RingMap
    values: tuple[Fraction, ...]
    gauge: tuple[int, ...]
    model: dict[str, Any] = field(default_factory=dict)

    def canonical(self) -> dict[str, Any]:
        """A plain-data form of the problem, stable across runs.

        It records the model, field, values phi(w) and gauge, not the ring map itself: the
        model determines the map.
        """
        return {
            "problem": "fiber",
            "model": self.model,
            "field": str(self.ring_map.source.field),
            "values": [str(v) for v in self.values],
            "gauge": list(self.gauge),
        }

    def digest(self) -> str:
        """SHA-256 of the canonical form: the key of caches and batch stores."""
        return _digest(self.canonical())


@dataclass(frozen=True)
class FiberResult:
    """The fibre of a parametrization through given parameters, and identifiability.

    Described here for a polynomial network; for another model the slice is the one
    its gauge fixing defines (``slice_description``), and ``counted`` says what
    ``slice_points`` counts.

    - ``fiber_dimension``: dimension of the fibre {w' : f(w') = f(w)} in weight space,
      over the algebraic closure of QQ (computed by the CAS).
    - ``generic_fiber_dimension``: #parameters minus the dimension of the
      neurovariety (fibre dimension theorem), with the dimension from the fast route.
    - ``slice_dimension``, ``slice_degree``, ``slice_points``: the same fibre cut by
      the gauge slice (one incoming weight per hidden neuron equal to 1).  The
      rescaling torus (C^*)^h, h = sum of hidden widths, meets the slice in exactly
      one point per orbit whose fixed weights are non-zero (the r-th roots of unity
      that rescale a neuron are elements of this torus, so they are not counted
      again), so ``slice_points`` counts the torus orbits of the fibre through
      points with non-zero fixed weights: distinct complex points (degree of the
      radical); ``slice_degree`` counts them with multiplicity.
    - ``permutation_group_order``: prod d_i! over hidden layers; the permutations of
      hidden neurons act on these orbits, freely for generic weights, and
      ``points_modulo_symmetries`` is slice_points / that order when it divides.
    - ``jacobian_rank`` at w (exact over QQ) and ``generic_rank`` (the dimension):
      w is a regular point when they agree.
    """

    model: dict[str, Any]
    num_parameters: int
    generic_rank: int
    generic_rank_certified: bool
    jacobian_rank: int
    fiber_dimension: int
    slice_dimension: int
    slice_degree: int | None
    slice_points: int | None
    permutation_group_order: int
    backend: str
    cas_version: str | None
    seconds: float
    slice_description: str = "one incoming weight per hidden neuron (w_l_k_0, l < L) set to 1"
    counted: str = (
        "distinct complex points of the fibre in the slice = torus orbits "
        "of the fibre with non-zero fixed weights"
    )

    @property
    def generic_fiber_dimension(self) -> int:
        """#parameters minus the generic rank: the dimension of a generic fibre."""
        return self.num_parameters - self.generic_rank

    @property
    def is_finite_in_slice(self) -> bool:
        """Whether the fibre meets the gauge slice in finitely many points."""
        return self.slice_dimension == 0

    @property
    def is_regular_point(self) -> bool:
        """Whether the Jacobian rank at w is the generic rank (w is a regular point)."""
        return self.jacobian_rank == self.generic_rank

    @property
    def points_modulo_symmetries(self) -> int | None:
        """``slice_points`` / ``permutation_group_order``.

        None when ``slice_points`` is unknown or the order does not divide it.
        """
        if self.slice_points is None or self.slice_points % self.permutation_group_order:
            return None
        return self.slice_points // self.permutation_group_order

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``: every count, the slice and what is counted."""
        return {
            "model": self.model,
            "backend": self.backend,
            "cas_version": self.cas_version,
            "field": "QQ",
            "num_parameters": self.num_parameters,
            "generic_rank": self.generic_rank,
            "generic_rank_certified": self.generic_rank_certified,
            "generic_fiber_dimension": self.generic_fiber_dimension,
            "fiber_dimension": self.fiber_dimension,
            "slice": self.slice_description,
            "slice_dimension": self.slice_dimension,
            "is_finite_in_slice": self.is_finite_in_slice,
            "slice_degree": self.slice_degree,
            "slice_points": self.slice_points,
            "counted": self.counted,
            "permutation_group_order": self.permutation_group_order,
            "points_modulo_symmetries": self.points_modulo_symmetries,
            "jacobian_rank": self.jacobian_rank,
            "is_regular_point": self.is_regular_point,
            "seconds": round(self.seconds, 6),
        }


@dataclass(frozen=True)
class EDDegreeProblem:
    """Critical points of sum_i weights_i (x_i - data_i)^2 on the smooth part of V(I).

    ``ideal`` is prime of ``codimension`` c; the count is the degree of
    (I + I_{c+1}[weights (data - x); Jac I]) : (I + I_c(Jac I))^oo, after Draisma,
    Horobet, Ottaviani, Sturmfels and Thomas, *The Euclidean distance degree of an
    algebraic variety*, Found. Comput. Math. 16 (2016), eq. (2.1).  ``weights`` are
    positive integers proportional to the inner product's diagonal.

    Two reductions make this affordable (rank-one 3 x 3 matrices, nine quadrics and
    c = 4, took minutes with all minors and now take seconds), and neither changes the
    count for generic data.  The critical points for generic data are generic points
    of V(I): the ED correspondence is irreducible of dimension n and finite over the
    data space (ibid., Thm. 4.1), so they avoid any fixed proper closed subset of
    V(I).  Hence, with B = R Jac I for the random c x s integer matrix
    R = :attr:`projection` (Jac I itself when s <= c) and a random n x c matrix
    C = :attr:`mixing`:

    - at a smooth point the rows of Jac I span the c-dimensional normal space, and so
      do the rows of B unless g = det(B C) vanishes, a proper closed condition
      containing the singular locus (where rank Jac I < c); saturating by g alone
      replaces saturating by the c-minors;
    - where g != 0, the matrix A = [weights (data - x); B] has rank <= c if and only
      if the n bordered determinants det [A C | A_j] vanish (each is g times the j-th
      entry of the Schur complement), which replaces its C(n, c+1) (c+1)-minors.
    """

    ideal: Ideal
    codimension: int
    data: tuple[int, ...]
    weights: tuple[int, ...]
    inner_product: str = "euclidean"
    model: dict[str, Any] = field(default_factory=dict)

    @property
    def projection(self) -> tuple[tuple[int, ...], ...]:
        """The c x s matrix R (empty when s <= c), drawn reproducibly from the data."""
        num_generators = len(self.ideal.generators)
        if num_generators <= self.codimension:
            return ()
        return self._random_matrix("projection", self.codimension, num_generators)

    @property
    def mixing(self) -> tuple[tuple[int, ...], ...]:
        """The n x c matrix C, drawn reproducibly from the data."""
        return self._random_matrix("mixing", self.ideal.ring.ngens, self.codimension)

    def _random_matrix(self, name: str, rows: int, columns: int) -> tuple[tuple[int, ...], ...]:
        draw = random.Random(repr((name, self.data, self.weights)))
        return tuple(tuple(draw.randint(-100, 100) for _ in range(columns)) for _ in range(rows))

    def canonical(self) -> dict[str, Any]:
        """A plain-data form that determines the problem, stable across runs."""
        return {
            "problem": "ed-degree",
            "model": self.model,
            "field": str(self.ideal.ring.field),
            "variables": list(self.ideal.ring.variables),
            "generators": _terms_data(self.ideal),
            "codimension": self.codimension,
            "data": list(self.data),
            "weights": list(self.weights),
            "inner_product": self.inner_product,
        }

    def digest(self) -> str:
        """SHA-256 of the canonical form: the key of caches and batch stores."""
        return _digest(self.canonical())


@dataclass(frozen=True)
class EDDegreeResult:
    """The ED degree of a neurovariety for random data, and how it was counted."""

    model: dict[str, Any]
    inner_product: str
    ed_degree: int
    data: tuple[int, ...]
    weights: tuple[Fraction, ...]
    field: str
    backend: str
    cas_version: str | None
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``, with the convention (weights, coordinates)."""
        return {
            "model": self.model,
            "backend": self.backend,
            "cas_version": self.cas_version,
            "field": self.field,
            "inner_product": self.inner_product,
            "inner_product_weights": [str(w) for w in self.weights],
            "convention": "critical points of sum_e weight_e (c_e - u_e)^2 on the smooth "
            "part of the affine cone, coordinates c_e = monomial coefficients; "
            "euclidean: weight 1, bombieri-weyl: weight 1/multinomial(e)",
            "data": list(self.data),
            "ed_degree": self.ed_degree,
            "seconds": round(self.seconds, 6),
        }
