"""The wire format: JSON documents written by the CAS-side libraries, read strictly.

Polynomials are lists of terms ``[coefficient, [e_0, ..., e_(n-1)]]`` with the
coefficient an exact integer or rational written as a string ("-3", "5/2").  Nothing
here evaluates text: numbers are matched by regular expressions and converted with
``int`` and ``Fraction``.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

from nagbridge._exceptions import ProtocolError
from nagbridge.algebra import (
    Exponents,
    GroebnerBasis,
    HilbertPolynomial,
    HilbertSeries,
    Ideal,
    PolynomialRing,
)
from nagbridge.problems import VarietyComparison, VarietySummary

__all__ = ["WireReader"]

_RATIONAL = re.compile(r"^\s*(-?\d+)\s*(?:/\s*(\d+))?\s*$")


class WireReader:
    """Reads one JSON answer of ``cas``, raising :class:`ProtocolError` on anything odd."""

    def __init__(self, cas: str, document: dict[str, Any]) -> None:
        self.cas = cas
        self.document = document

    @classmethod
    def from_file(cls, cas: str, path: Path, transcript: str = "") -> WireReader:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ProtocolError(cas, f"no result file {path}: {error}", transcript) from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ProtocolError(cas, f"result is not JSON ({error})", text[:2000]) from None
        if not isinstance(document, dict):
            raise ProtocolError(cas, "result is not a JSON object", text[:2000])
        return cls(cas, document)

    def fail(self, reason: str) -> ProtocolError:
        return ProtocolError(self.cas, reason, json.dumps(self.document)[:2000])

    def field(self, key: str) -> Any:
        if key not in self.document:
            raise self.fail(f"missing key {key!r}")
        return self.document[key]

    def integer(self, key: str) -> int:
        value = self.field(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{key!r} is not an integer: {value!r}")
        return value

    def string(self, key: str) -> str:
        value = self.field(key)
        if not isinstance(value, str):
            raise self.fail(f"{key!r} is not a string: {value!r}")
        return value

    def rational(self, text: object) -> Fraction:
        match = _RATIONAL.match(text) if isinstance(text, str) else None
        if match is None:
            raise self.fail(f"coefficient {text!r} is not an exact rational")
        numerator, denominator = match.groups()
        if denominator is not None and int(denominator) == 0:
            raise self.fail(f"coefficient {text!r} has a zero denominator")
        return Fraction(int(numerator), int(denominator or 1))

    def terms(self, raw: object, length: int) -> dict[Exponents, Fraction]:
        """A polynomial's term list, exponent vectors checked against ``length``."""
        if not isinstance(raw, list):
            raise self.fail(f"polynomial is not a term list: {raw!r}")
        terms: dict[Exponents, Fraction] = {}
        for term in raw:
            if not (isinstance(term, list) and len(term) == 2 and isinstance(term[1], list)):
                raise self.fail(f"malformed term {term!r}")
            coefficient, exponents = term
            if len(exponents) != length or not all(
                isinstance(e, int) and not isinstance(e, bool) and e >= 0 for e in exponents
            ):
                raise self.fail(f"malformed exponent vector {exponents!r}")
            key = tuple(exponents)
            terms[key] = terms.get(key, Fraction(0)) + self.rational(coefficient)
        return terms

    def polynomials(self, key: str, ring: PolynomialRing) -> tuple[sympy.Poly, ...]:
        raw = self.field(key)
        if not isinstance(raw, list):
            raise self.fail(f"{key!r} is not a list of polynomials")
        polynomials = (ring.poly(self.terms(item, ring.ngens)) for item in raw)
        return tuple(p for p in polynomials if not p.is_zero)

    def hilbert_polynomial(self, key: str) -> HilbertPolynomial:
        """A univariate polynomial given as a term list, as a Hilbert polynomial."""
        terms = self.terms(self.field(key), 1)
        degree = max((exponents[0] for exponents in terms), default=-1)
        coefficients = [terms.get((k,), Fraction(0)) for k in range(degree + 1)]
        return HilbertPolynomial.from_coefficients(coefficients)

    def hilbert_series(self, key: str) -> HilbertSeries:
        """A Hilbert series {"numerator": term list in one variable, "denominator_exponent"}."""
        raw = self.field(key)
        if not isinstance(raw, dict):
            raise self.fail(f"{key!r} is not a Hilbert series object")
        exponent = WireReader(self.cas, raw).integer("denominator_exponent")
        if exponent < 0:
            raise self.fail(f"{key!r} has a negative denominator exponent {exponent}")
        terms = self.terms(WireReader(self.cas, raw).field("numerator"), 1)
        degree = max((exponents[0] for exponents in terms), default=-1)
        numerator = []
        for k in range(degree + 1):
            value = terms.get((k,), Fraction(0))
            if value.denominator != 1:
                raise self.fail(f"{key!r} has a non-integer numerator coefficient {value}")
            numerator.append(int(value))
        return HilbertSeries.from_coefficients(numerator, exponent)

    def boolean(self, key: str) -> bool:
        value = self.field(key)
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} is not a boolean: {value!r}")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self.field(key) is None else self.integer(key)

    def nested(self, key: str) -> WireReader:
        """The JSON object under ``key``, read with the same strictness."""
        raw = self.field(key)
        if not isinstance(raw, dict):
            raise self.fail(f"{key!r} is not a JSON object")
        return WireReader(self.cas, raw)

    def variety_summary(self, ring: PolynomialRing) -> VarietySummary:
        """An ideal with its reduced Gröbner basis, dimension and degree (this object)."""
        return VarietySummary(
            ideal=Ideal(ring, self.polynomials("generators", ring)),
            groebner_basis=GroebnerBasis(ring, self.polynomials("groebner_basis", ring)),
            dimension=self.integer("dimension"),
            degree=self.integer("degree"),
        )

    def summaries(self, key: str, ring: PolynomialRing) -> tuple[VarietySummary, ...]:
        raw = self.field(key)
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            raise self.fail(f"{key!r} is not a list of JSON objects")
        return tuple(WireReader(self.cas, item).variety_summary(ring) for item in raw)

    def comparison(self, ring: PolynomialRing) -> VarietyComparison:
        return VarietyComparison(
            union=self.nested("union").variety_summary(ring),
            first_in_union=self.boolean("first_in_union"),
            union_in_first=self.boolean("union_in_first"),
        )

    # -- the answers of the invariant procedures (same keys in both CAS libraries) -----

    def singular_locus_answer(
        self, ring: PolynomialRing, with_components: bool
    ) -> tuple[VarietySummary, tuple[VarietySummary, ...] | None, str]:
        """The singular locus, its minimal primes if asked for, and the CAS version."""
        components = self.summaries("components", ring) if with_components else None
        return self.nested("locus").variety_summary(ring), components, self.string("cas_version")

    def fiber_answer(self) -> tuple[int, int, int | None, int | None, str]:
        """Fibre dimension; slice dimension, degree and points; the CAS version."""
        return (
            self.integer("dimension"),
            self.integer("slice_dimension"),
            self.optional_integer("slice_degree"),
            self.optional_integer("slice_points"),
            self.string("cas_version"),
        )

    def ideal_invariants_answer(self) -> tuple[bool, int, HilbertSeries]:
        """Homogeneity, Krull dimension, Hilbert series of the initial ideal (issue 5)."""
        return (
            self.boolean("homogeneous"),
            self.integer("dimension"),
            self.hilbert_series("hilbert_series"),
        )

    def ed_degree_answer(self) -> tuple[int, int | None, str]:
        """Dimension of the critical scheme, its degree when finite, the CAS version."""
        return (
            self.integer("dimension"),
            self.optional_integer("ed_degree"),
            self.string("cas_version"),
        )
