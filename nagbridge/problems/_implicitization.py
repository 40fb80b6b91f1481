"""Implicitization: the ideal of the closure of the image of a polynomial map."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

import sympy

from nagbridge.algebra import (
    Field,
    GroebnerBasis,
    HilbertPolynomial,
    HilbertSeries,
    Ideal,
    RingMap,
    VarietyInfo,
)

__all__ = [
    "CrossCheck",
    "ImplicitizationProblem",
    "ImplicitizationResult",
    "Model",
    "Provenance",
]


class Model(Protocol):
    """What the pipeline needs of an architecture.

    Every command (implicitize, fast dimension, singular locus, fibre, ED degree, the
    CLI) works from these members alone.  Optional attributes, read with ``getattr``
    where present: ``expected_dimension_is_upper_bound`` (true when the model proves
    that ``expected_dimension`` bounds the dimension, which lets the fast dimension
    certify an exact answer; ``expected_dimension_proved``, true when it is a theorem,
    does the same), ``permutation_group_order`` (a finite group acting on the
    fibres, counted by :func:`~nagbridge.fiber`), ``check_expandable()`` (refuse a
    parametrization too large to expand), ``expected_degree`` (shown in results) and
    ``sample_jacobian(prime, num_points, rng)`` with ``jacobian_entry_degree`` (rows
    d(lambda . f(x))/dw mod p at random points, which the fast dimension uses instead
    of expanding the parametrization).  ``parametrization(gauge_fixed=True)`` may
    drop parameters that a symmetry lets one set to 1; the fibre's gauge slice is
    those parameters set to 1.
    """

    @property
    def num_parameters(self) -> int:
        """Number of parameters (weights, biases): the full parametrization's variables."""

    @property
    def symmetry_dimension(self) -> int:
        """Dimension of the group of parameter changes the model claims keep the function."""

    @property
    def ambient_dimension(self) -> int:
        """Number of coordinates of the coefficient space (variables of the source ring)."""

    @property
    def expected_dimension(self) -> int:
        """The predicted affine dimension of the neurovariety.

        A proven upper bound, or a theorem, only when the optional attributes above say so.
        """

    def describe(self) -> dict[str, Any]:
        """The model as plain data (its name and options), echoed in every result."""

    def parametrization(self, field: Field | str = ..., gauge_fixed: bool = ...) -> RingMap:
        """The ring map phi: coefficient ring -> parameter ring over ``field``.

        Its kernel is the ideal of the neurovariety; ``gauge_fixed`` may set parameters to 1.
        """


@dataclass(frozen=True)
class ImplicitizationProblem:
    """Compute ker(phi) for the ring map phi = ``ring_map`` and the invariants of S/ker.

    ``model`` is the plain-data description of where the map came from (echoed in
    results); ``gauge_fixed`` records that symmetries were fixed before elimination.
    """

    ring_map: RingMap
    model: dict[str, Any] = field(default_factory=dict)
    gauge_fixed: bool = False

    @classmethod
    def from_model(
        cls, model: Model, field: Field | str = "QQ", gauge_fixed: bool = True
    ) -> ImplicitizationProblem:
        """The problem for ``model``'s parametrization over ``field``.

        Symmetries are gauge-fixed by default (``gauge_fixed=True``), which does not change
        the closure of the image (see the models' ``parametrization``).
        """
        return cls(
            model.parametrization(Field.parse(field), gauge_fixed), model.describe(), gauge_fixed
        )

    @property
    def field(self) -> Field:
        """The coefficient field: that of the map's source, the coefficient ring."""
        return self.ring_map.source.field

    @property
    def source_degree(self) -> int:
        """Common degree of the images (0 if they are not all homogeneous of one degree)."""
        return self.ring_map.common_image_degree() or 0

    def canonical(self) -> dict[str, Any]:
        """A plain-data form that determines the problem, stable across runs."""
        return {
            "problem": "implicitize",
            "model": self.model,
            "field": str(self.field),
            "gauge_fixed": self.gauge_fixed,
            "source": list(self.ring_map.source.variables),
            "target": list(self.ring_map.target.variables),
            "images": [
                sorted(
                    [list(exponents), str(coefficient)] for exponents, coefficient in image.items()
                )
                for image in self.ring_map.images
            ],
        }

    def digest(self) -> str:
        """SHA-256 of the canonical form: the key of caches and batch stores."""
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Provenance:
    """Which CAS, version, executable, mode and method produced a result."""

    backend: str
    cas_version: str | None
    executable: str | None
    mode: str
    method: str
    route: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrossCheck:
    """How the answers of two backends to one problem compare.

    Ideal equality is decided by mutual containment: every generator of one ideal
    reduces to 0 modulo the other's Gröbner basis (division done by sympy, in the
    degree reverse lexicographic order both CAS use).
    """

    backends: tuple[str, str]
    dimension: tuple[int, int]
    degree: tuple[int, int]
    hilbert_polynomial_agrees: bool
    ideal_agrees: bool
    seconds: tuple[float, float]

    @classmethod
    def compare(cls, first: ImplicitizationResult, second: ImplicitizationResult) -> CrossCheck:
        """Compare two backends' results for one problem (first, second order kept)."""
        left, right = first.variety, second.variety
        contained = all(
            right.groebner_basis.reduces_to_zero(g) for g in left.ideal.generators
        ) and all(left.groebner_basis.reduces_to_zero(g) for g in right.ideal.generators)
        return cls(
            backends=(first.provenance.backend, second.provenance.backend),
            dimension=(left.dimension, right.dimension),
            degree=(left.degree, right.degree),
            hilbert_polynomial_agrees=left.hilbert_polynomial == right.hilbert_polynomial,
            ideal_agrees=contained,
            seconds=(first.seconds, second.seconds),
        )

    @property
    def differences(self) -> list[str]:
        """One readable line per invariant on which the two backends disagree."""
        found = []
        names = " vs ".join(self.backends)
        if self.dimension[0] != self.dimension[1]:
            found.append(f"dimension {self.dimension[0]} vs {self.dimension[1]} ({names})")
        if self.degree[0] != self.degree[1]:
            found.append(f"degree {self.degree[0]} vs {self.degree[1]} ({names})")
        if not self.hilbert_polynomial_agrees:
            found.append(f"Hilbert polynomials differ ({names})")
        if not self.ideal_agrees:
            found.append(f"the ideals differ ({names})")
        return found

    @property
    def agrees(self) -> bool:
        """Whether dimension, degree, Hilbert polynomial and ideal all agree."""
        return not self.differences

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` (times rounded to microseconds)."""
        return {
            "backends": list(self.backends),
            "agrees": self.agrees,
            "dimension": list(self.dimension),
            "degree": list(self.degree),
            "hilbert_polynomial_agrees": self.hilbert_polynomial_agrees,
            "ideal_agrees": self.ideal_agrees,
            "seconds": [round(s, 6) for s in self.seconds],
        }


@dataclass(frozen=True)
class ImplicitizationResult:
    """The neurovariety of a model: its ideal and invariants, with the model's combinatorics.

    ``dimension`` is the affine dimension of the neurovariety (Krull dimension of
    S/I), ``degree`` its degree, ``hilbert_polynomial`` P(t) = dim (S/I)_t for large t
    in the standard grading of the coefficient ring S when I is homogeneous.  When I
    is not homogeneous (biases, a general activation, a custom map with mixed
    degrees), degree, Hilbert polynomial and Hilbert series are those of the
    projective closure of the variety: of S[h]/I^h, I^h the homogenization, whose
    Hilbert function in degree s is dim S_(<=s)/I_(<=s) (see
    :class:`~nagbridge.algebra.VarietyInfo`; ``is_homogeneous`` says which).  For
    the affine twisted cubic shifted by a constant, (s, s^2, s^3 + 1), that is
    dimension 1, degree 3, P(t) = 3t + 1 and series (1 + 2t)/(1 - t)^2.  ``defect`` is the expected
    dimension minus the dimension; the model is *filling* when the neurovariety is
    the whole coefficient space.
    """

    model: Model
    variety: VarietyInfo
    provenance: Provenance
    seconds: float
    crosscheck: CrossCheck | None = None

    @property
    def implicit_ideal(self) -> Ideal:
        """The ideal I = ker(phi) of the neurovariety in the coefficient ring S."""
        return self.variety.ideal

    @property
    def groebner_basis(self) -> GroebnerBasis:
        """A Gröbner basis of I, as the CAS computed it (degree reverse lexicographic)."""
        return self.variety.groebner_basis

    @property
    def generators(self) -> tuple[sympy.Poly, ...]:
        """Generators of I as the CAS reported them, polynomials in the coefficients."""
        return self.variety.ideal.generators

    @property
    def field(self) -> Field:
        """The coefficient field K of S = K[coefficients]: QQ or GF(p)."""
        return self.variety.ideal.ring.field

    @property
    def dimension(self) -> int:
        """Krull dimension of S/I: the affine dimension of the neurovariety."""
        return self.variety.dimension

    @property
    def degree(self) -> int:
        """Degree of S/I (of the projective closure when I is not homogeneous)."""
        return self.variety.degree

    @property
    def hilbert_polynomial(self) -> HilbertPolynomial:
        """Hilbert polynomial of S/I (of the projective closure if I is inhomogeneous)."""
        return self.variety.hilbert_polynomial

    @property
    def is_homogeneous(self) -> bool:
        """Whether the implicit ideal is homogeneous (else graded data are the closure's)."""
        return self.variety.is_homogeneous

    @property
    def hilbert_series(self) -> HilbertSeries | None:
        """h(t)/(1-t)^k of S/I, standard grading (None if the CAS did not report it)."""
        return self.variety.hilbert_series

    @property
    def ambient_dimension(self) -> int:
        """Dimension of the coefficient space: the model's number of coordinates."""
        return self.model.ambient_dimension

    @property
    def expected_dimension(self) -> int:
        """The model's expected affine dimension of the neurovariety."""
        return self.model.expected_dimension

    @property
    def expected_degree(self) -> int | None:
        """The model's expected degree, where it has one (a theorem it cites), else None.

        Read from the model's optional ``expected_degree`` attribute; compare it with
        :attr:`degree` (for an inhomogeneous ideal that is the projective closure's).
        """
        value = getattr(self.model, "expected_degree", None)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def is_filling(self) -> bool:
        """Whether the neurovariety is the whole coefficient space (dimension = ambient)."""
        return self.dimension == self.ambient_dimension

    @property
    def defect(self) -> int:
        """The expected dimension minus the computed dimension."""
        return self.expected_dimension - self.dimension

    @property
    def warnings(self) -> tuple[str, ...]:
        """Warnings the CAS printed during the computation, from its transcript."""
        return self.variety.warnings

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``: exact numbers as strings, polynomials as text."""
        return {
            "model": self.model.describe(),
            "backend": self.provenance.backend,
            "cas_version": self.provenance.cas_version,
            "executable": self.provenance.executable,
            "mode": self.provenance.mode,
            "method": self.provenance.method,
            "route": list(self.provenance.route),
            "field": str(self.field),
            "num_parameters": self.model.num_parameters,
            "symmetry_dimension": self.model.symmetry_dimension,
            "ambient_dimension": self.ambient_dimension,
            "expected_dimension": self.expected_dimension,
            "dimension": self.dimension,
            "degree": self.degree,
            "expected_degree": self.expected_degree,
            "is_filling": self.is_filling,
            "defect": self.defect,
            "generators": [str(p.as_expr()) for p in self.generators],
            "generator_degrees": self.implicit_ideal.generator_degrees,
            "groebner_basis": [str(p.as_expr()) for p in self.groebner_basis.polynomials],
            "hilbert_polynomial": [str(c) for c in self.hilbert_polynomial.coefficients],
            "hilbert_series": (
                None if self.hilbert_series is None else self.hilbert_series.to_dict()
            ),
            "warnings": list(self.warnings),
            "seconds": round(self.seconds, 6),
            **({"crosscheck": self.crosscheck.to_dict()} if self.crosscheck else {}),
        }

    def summary(self) -> str:
        """A few readable lines about the neurovariety."""
        description = self.model.describe()
        head = ", ".join(f"{key}={value}" for key, value in description.items())
        status = "filling" if self.is_filling else f"defect {self.defect}"
        expected_degree = (
            "" if self.expected_degree is None else f" (expected {self.expected_degree})"
        )
        lines = [
            f"neurovariety of {head} over {self.field}",
            f"  dimension {self.dimension} in an ambient space of dimension "
            f"{self.ambient_dimension} (expected {self.expected_dimension}; {status})",
            f"  degree {self.degree}{expected_degree}; "
            f"Hilbert polynomial P(t) = {self.hilbert_polynomial}",
        ]
        if self.implicit_ideal.is_zero:
            lines.append("  implicit ideal: zero (no equations)")
        else:
            degrees = self.implicit_ideal.generator_degrees
            lines.append(
                f"  implicit ideal: {len(degrees)} generator(s) of degree(s) "
                + ", ".join(map(str, degrees))
            )
            lines.extend(f"    {p.as_expr()}" for p in self.generators[:10])
            if len(self.generators) > 10:
                lines.append(f"    ... and {len(self.generators) - 10} more")
        version = f" {self.provenance.cas_version}" if self.provenance.cas_version else ""
        lines.append(
            f"  computed by {self.provenance.backend}{version} "
            f"({self.provenance.mode}, {self.provenance.method}) in {self.seconds:.3f} s"
        )
        lines.extend(f"  route: {step}" for step in self.provenance.route)
        if self.crosscheck is not None:
            check = self.crosscheck
            lines.append(
                f"  cross-check {' vs '.join(check.backends)}: "
                + ("agree" if check.agrees else "DISAGREE: " + "; ".join(check.differences))
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
