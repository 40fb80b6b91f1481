"""The generic ideal API: ideals a user builds, computed on Macaulay2 or Singular.

Every function takes an :class:`~nagbridge.algebra.Ideal` (or a
:class:`~nagbridge.algebra.RingMap`) over QQ or GF(p), checks it, sends its
generators to one CAS as term lists, and reads the answer back as exact objects.
``backend`` is ``"macaulay2"``, ``"singular"``, ``"auto"`` (Singular when installed,
else Macaulay2) or a backend object; ``mode`` is ``"session"`` (one persistent
process, shared) or ``"oneshot"``; ``timeout`` is in seconds.

Conventions.  S = K[x_0, ..., x_(n-1)] with the standard grading, variables ordered
as listed in the ring.  Dimensions are Krull dimensions of S/I, so the affine
dimension of V(I) over the algebraic closure (-1 for the unit ideal, the empty
variety).  Gröbner bases are *reduced* and *monic* (leading coefficient 1 for the
chosen order) and listed by increasing leading monomial: a reduced Gröbner basis is
unique for its order (Cox, Little, O'Shea, *Ideals, Varieties, and Algorithms*,
4th ed., Ch. 2 §7, Theorem 5), so the answers of the two CAS compare term by term.

Hilbert functions.  For a homogeneous I, :func:`hilbert_series` and
:func:`hilbert_polynomial` are those of the graded ring S/I.  An inhomogeneous I has
no graded quotient: both refuse it with :class:`~nagbridge.InvalidInputError`
unless ``affine=True``, which gives the *affine* Hilbert function
t -> dim_K S_(<=t) / I_(<=t) (ibid., Ch. 9 §3, Definition 1); it equals the
Hilbert function of the projective closure S[x_n]/I^h (ibid., Ch. 9 §3, Theorem 12)
and is computed from the degree-reverse-lexicographic initial ideal, which has the
same affine Hilbert function (ibid., Ch. 9 §3, Proposition 4).  :func:`degree` is
the degree of S/I for a homogeneous I and the degree of the projective closure of
V(I) (counted with multiplicity) otherwise, the leading coefficient of the affine
Hilbert polynomial times (dim)!; for a zero-dimensional I it is dim_K S/I.

>>> from nagbridge.algebra import Ideal, PolynomialRing
>>> R = PolynomialRing(("x", "y", "z"))
>>> I = Ideal.from_text(R, ["x^2", "x*y"])
>>> str(hilbert_polynomial(I, backend="singular"))
't + 2'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Protocol

import sympy

from nagbridge._api import MAX_TIMEOUT, get_backend
from nagbridge._exceptions import CASNotFoundError, InvalidInputError, ProtocolError
from nagbridge.algebra import (
    GroebnerBasis,
    HilbertPolynomial,
    HilbertSeries,
    Ideal,
    MonomialOrder,
    PolynomialRing,
    RingMap,
)
from nagbridge.algebra._order import check_variables
from nagbridge.problems import VarietySummary

__all__ = [
    "IDEAL_BACKENDS",
    "IdealBackend",
    "degree",
    "dimension",
    "eliminate",
    "groebner_basis",
    "hilbert_polynomial",
    "hilbert_series",
    "kernel",
    "minimal_primes",
    "radical",
    "singular_locus",
]

#: What ``backend=`` accepts besides a backend object.
IDEAL_BACKENDS = ("auto", "macaulay2", "singular")


class IdealBackend(Protocol):
    """What a CAS adapter offers the ideal API (both adapters implement it)."""

    name: ClassVar[str]

    def groebner_basis(
        self, ideal: Ideal, order: MonomialOrder, timeout: float | None = None
    ) -> tuple[sympy.Poly, ...]: ...

    def ideal_invariants(
        self, ideal: Ideal, timeout: float | None = None
    ) -> tuple[bool, int, HilbertSeries]: ...

    def eliminate(
        self, ideal: Ideal, indices: list[int], timeout: float | None = None
    ) -> tuple[sympy.Poly, ...]: ...

    def radical(self, ideal: Ideal, timeout: float | None = None) -> VarietySummary: ...

    def minimal_primes(
        self, ideal: Ideal, timeout: float | None = None
    ) -> tuple[VarietySummary, ...]: ...

    def ideal_singular_locus(
        self, ideal: Ideal, timeout: float | None = None
    ) -> VarietySummary: ...

    def kernel(
        self, ring_map: RingMap, timeout: float | None = None
    ) -> tuple[sympy.Poly, ...]: ...


# -- checks ---------------------------------------------------------------------------


def _adapter(backend: object, mode: str) -> IdealBackend:
    if not isinstance(backend, str):
        if not all(hasattr(backend, name) for name in ("groebner_basis", "ideal_invariants")):
            raise InvalidInputError(
                "backend", backend, f"expected one of {', '.join(IDEAL_BACKENDS)}"
            )
        return backend  # type: ignore[return-value]  # duck-typed adapter, checked above
    choice = backend.lower()
    if choice not in IDEAL_BACKENDS:
        raise InvalidInputError("backend", backend, f"expected one of {', '.join(IDEAL_BACKENDS)}")
    if choice != "auto":
        return get_backend(choice, mode)  # type: ignore[return-value]  # both adapters
    try:
        return get_backend("singular", mode)  # type: ignore[return-value]
    except CASNotFoundError:
        return get_backend("macaulay2", mode)  # type: ignore[return-value]


def _check_timeout(timeout: object) -> float | None:
    if timeout is None:
        return None
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise InvalidInputError(
            "timeout", timeout, f"must be a positive number of seconds, at most {MAX_TIMEOUT:g}"
        )
    return float(timeout)


def _check_ideal(ideal: object) -> Ideal:
    """Refuse anything but an Ideal whose generators are polynomials of its own ring."""
    if not isinstance(ideal, Ideal):
        raise InvalidInputError(
            "ideal", ideal, "expected a nagbridge Ideal (Ideal.from_text or Ideal.from_sympy)"
        )
    ring = ideal.ring
    for generator in ideal.generators:
        if (
            not isinstance(generator, sympy.Poly)
            or tuple(generator.gens) != ring.symbols
            or generator.get_domain() != ring.field.domain
        ):
            where = (
                f"{tuple(generator.gens)} over {generator.get_domain()}"
                if isinstance(generator, sympy.Poly)
                else type(generator).__name__
            )
            raise InvalidInputError(
                "ideal generator",
                str(generator),
                f"is not a polynomial of the ring {ring.field}[{', '.join(ring.variables)}] "
                f"(it lives in {where})",
            )
    return ideal


def _bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidInputError(name, value, "must be True or False")
    return value


# -- normal forms of answers ------------------------------------------------------------


def _monic_sorted(
    ring: PolynomialRing, polynomials: Iterable[sympy.Poly], order: MonomialOrder
) -> tuple[sympy.Poly, ...]:
    """Each polynomial divided by its leading coefficient, by increasing leading monomial."""
    key = order.key()
    normalised = []
    for polynomial in polynomials:
        if polynomial.is_zero:
            continue
        terms = ring.terms(polynomial)
        lead = order.leading_exponents(list(terms))
        scale = terms[lead]
        monic = ring.poly({exponents: c / scale for exponents, c in terms.items()})
        normalised.append((key(lead), monic))
    normalised.sort(key=lambda pair: pair[0])
    return tuple(monic for _, monic in normalised)


def _summary(ring: PolynomialRing, summary: VarietySummary) -> VarietySummary:
    grevlex = MonomialOrder()
    return VarietySummary(
        ideal=Ideal(ring, _monic_sorted(ring, summary.ideal.generators, grevlex)),
        groebner_basis=GroebnerBasis(
            ring, _monic_sorted(ring, summary.groebner_basis.polynomials, grevlex)
        ),
        dimension=summary.dimension,
        degree=summary.degree,
    )


def _summary_key(summary: VarietySummary) -> tuple[object, ...]:
    ring = summary.ideal.ring
    return (
        -summary.dimension,
        [sorted(ring.terms(p).items()) for p in summary.groebner_basis.polynomials],
    )


# -- the API --------------------------------------------------------------------------


def groebner_basis(
    ideal: Ideal,
    order: str | MonomialOrder = "grevlex",
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> GroebnerBasis:
    """The reduced Gröbner basis of ``ideal`` for the monomial ``order``, monic, sorted.

    ``order`` is ``"grevlex"``, ``"lex"``, ``"glex"``, ``"weights(w_0,...)"`` or a
    :class:`~nagbridge.algebra.MonomialOrder` (see there for the definitions and the
    orders of each CAS, e.g. :meth:`~nagbridge.algebra.MonomialOrder.elimination`).
    The polynomials are listed by increasing leading monomial.

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> R = PolynomialRing(("x", "y", "z"))
    >>> cubic = Ideal.from_text(R, ["y - x^2", "z - x^3"])
    >>> [str(g.as_expr()) for g in groebner_basis(cubic, "lex", backend="singular").polynomials]
    ['y**3 - z**2', 'x*z - y**2', 'x*y - z', 'x**2 - y']
    """
    ideal = _check_ideal(ideal)
    monomial_order = MonomialOrder.parse(order)
    monomial_order.check_ring(ideal.ring)
    limit = _check_timeout(timeout)
    adapter = _adapter(backend, mode)
    if ideal.is_zero:
        return GroebnerBasis(ideal.ring, (), str(monomial_order))
    basis = adapter.groebner_basis(ideal, monomial_order, limit)
    return GroebnerBasis(
        ideal.ring, _monic_sorted(ideal.ring, basis, monomial_order), str(monomial_order)
    )


def eliminate(
    ideal: Ideal,
    variables: Iterable[str | sympy.Symbol],
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> Ideal:
    """The elimination ideal I ∩ K[remaining variables], in the ring of the remaining ones.

    ``variables`` (names or sympy symbols of the ring's variables) are eliminated; the
    answer is an ideal of the polynomial ring of the other variables (in their order),
    generated by its reduced degree-reverse-lexicographic Gröbner basis.
    Geometrically, V of the answer is the Zariski closure of the projection of V(I)
    forgetting ``variables`` (Closure Theorem, Cox, Little, O'Shea, Ch. 3 §2,
    Theorem 3).

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> R = PolynomialRing(("t", "x", "y"))
    >>> cusp = eliminate(Ideal.from_text(R, ["x - t^2", "y - t^3"]), ["t"], backend="singular")
    >>> str(cusp), cusp.ring.variables
    ('Ideal(x**3 - y**2)', ('x', 'y'))
    """
    ideal = _check_ideal(ideal)
    ring = ideal.ring
    chosen = check_variables(ring, variables)
    if len(chosen) == ring.ngens:
        raise InvalidInputError(
            "variables", sorted(chosen), "cannot eliminate every variable of the ring"
        )
    limit = _check_timeout(timeout)
    adapter = _adapter(backend, mode)
    kept = [i for i, name in enumerate(ring.variables) if name not in chosen]
    smaller = PolynomialRing(tuple(ring.variables[i] for i in kept), ring.field)
    if ideal.is_zero:
        return Ideal(smaller, ())
    indices = [i for i, name in enumerate(ring.variables) if name in chosen]
    basis = adapter.eliminate(ideal, indices, limit)
    restricted = []
    for polynomial in basis:
        terms = ring.terms(polynomial)
        if any(exponents[i] for exponents in terms for i in indices):
            raise ProtocolError(
                adapter.name, "the elimination ideal has an eliminated variable", str(polynomial)
            )
        restricted.append(smaller.poly({tuple(e[i] for i in kept): c for e, c in terms.items()}))
    return Ideal(smaller, _monic_sorted(smaller, restricted, MonomialOrder()))


def kernel(
    ring_map: RingMap,
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> Ideal:
    """The kernel of the ring map phi: source -> target, an ideal of ``ring_map.source``.

    ker(phi) is the ideal of the Zariski closure of the image of the polynomial map
    target-space -> source-space given by the images (Cox, Little, O'Shea, Ch. 3 §3,
    Theorem 1), for any images, homogeneous or not: Macaulay2's ``kernel`` of the
    ring map, Singular's ``eliminate`` of the parameters from the graph ideal
    (x_i - phi_i(t)).  The answer is generated by its reduced degrevlex Gröbner basis
    (monic, by increasing leading monomial).  :func:`~nagbridge.implicitize` does the
    same for a model, with the invariants of the quotient and faster routes.

    >>> from fractions import Fraction
    >>> from nagbridge.algebra import PolynomialRing, RingMap
    >>> one = Fraction(1)
    >>> conic = RingMap(PolynomialRing(("a", "b", "c")), PolynomialRing(("s", "t")),
    ...                 ({(2, 0): one}, {(1, 1): one}, {(0, 2): one}))
    >>> str(kernel(conic, backend="singular"))
    'Ideal(-a*c + b**2)'
    """
    if not isinstance(ring_map, RingMap):
        raise InvalidInputError("ring map", ring_map, "expected a nagbridge RingMap")
    if ring_map.source.field != ring_map.target.field:
        raise InvalidInputError(
            "ring map",
            f"{ring_map.source.field} -> {ring_map.target.field}",
            "source and target need the same coefficient field",
        )
    limit = _check_timeout(timeout)
    adapter = _adapter(backend, mode)
    source = ring_map.source
    return Ideal(source, _monic_sorted(source, adapter.kernel(ring_map, limit), MonomialOrder()))


def _invariants(
    ideal: Ideal, backend: str | IdealBackend, mode: str, timeout: float | None
) -> tuple[bool, int, HilbertSeries]:
    ideal = _check_ideal(ideal)
    limit = _check_timeout(timeout)
    adapter = _adapter(backend, mode)
    if ideal.is_zero:
        return True, ideal.ring.ngens, HilbertSeries.polynomial_ring(ideal.ring.ngens)
    return adapter.ideal_invariants(ideal, limit)


def hilbert_series(
    ideal: Ideal,
    *,
    affine: bool = False,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> HilbertSeries:
    """The Hilbert series h(t)/(1-t)^k of S/I, in lowest terms (standard grading).

    For a homogeneous I, sum_t dim_K (S/I)_t t^t.  With ``affine``, the series
    sum_t dim_K S_(<=t)/I_(<=t) t^t of the affine Hilbert function, for any I; an
    inhomogeneous I without ``affine`` raises :class:`~nagbridge.InvalidInputError`
    (see the module's conventions).

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> R = PolynomialRing(("x", "y", "z", "w"))
    >>> str(hilbert_series(Ideal.from_text(R, ["x^2 - z*w", "y^2 - x*w"]), backend="singular"))
    '(t**2 + 2*t + 1)/(1 - t)**2'
    """
    affine = _bool("affine", affine)
    homogeneous, _, series = _invariants(ideal, backend, mode, timeout)
    if affine:
        if not series.numerator:
            return series
        return HilbertSeries(series.numerator, series.denominator_exponent + 1)
    if not homogeneous:
        raise InvalidInputError(
            "ideal",
            str(ideal),
            "is not homogeneous, so S/I has no graded Hilbert series; pass affine=True "
            "for the affine Hilbert function (that of the projective closure)",
        )
    return series


def hilbert_polynomial(
    ideal: Ideal,
    *,
    affine: bool = False,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> HilbertPolynomial:
    """The Hilbert polynomial P(t) = dim_K (S/I)_t for large t (homogeneous I).

    With ``affine``, the affine Hilbert polynomial dim_K S_(<=t)/I_(<=t) for large t,
    which is the Hilbert polynomial of the projective closure (see the module's
    conventions); an inhomogeneous I without ``affine`` raises
    :class:`~nagbridge.InvalidInputError`.

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> R = PolynomialRing(("x", "y", "z"))
    >>> str(hilbert_polynomial(Ideal.from_text(R, ["y - x^2", "z - x^3"]), affine=True,
    ...                        backend="singular"))
    '3*t + 1'
    """
    series = hilbert_series(ideal, affine=affine, backend=backend, mode=mode, timeout=timeout)
    return series.hilbert_polynomial()


def dimension(
    ideal: Ideal,
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> int:
    """The Krull dimension of S/I: the affine dimension of V(I) (-1 if I = S).

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> dimension(Ideal.from_text(PolynomialRing(("x", "y")), ["x*y"]), backend="singular")
    1
    """
    return _invariants(ideal, backend, mode, timeout)[1]


def degree(
    ideal: Ideal,
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> int:
    """The degree of S/I (of the projective closure when I is inhomogeneous); 0 if I = S.

    It is h(1) for the Hilbert series h(t)/(1-t)^k of the degree-reverse-lexicographic
    initial ideal (Bruns and Herzog, *Cohen-Macaulay Rings*, 4.1.6; see the module's
    conventions).

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> degree(Ideal.from_text(PolynomialRing(("x", "y")), ["y^2 - x^3"]), backend="singular")
    3
    """
    return _invariants(ideal, backend, mode, timeout)[2].degree


def radical(
    ideal: Ideal,
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> VarietySummary:
    """The radical of I, with the dimension and degree of S/rad(I).

    rad(I) is the ideal of all polynomials vanishing on V(I) over the algebraic
    closure (Nullstellensatz).  Macaulay2's ``radical`` and Singular's primdec.lib
    ``radical``; the Gröbner basis is reduced for degrevlex.

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> R = PolynomialRing(("x", "y"))
    >>> str(radical(Ideal.from_text(R, ["x^2", "x*y"]), backend="singular").ideal)
    'Ideal(x)'
    """
    ideal = _check_ideal(ideal)
    limit = _check_timeout(timeout)
    adapter = _adapter(backend, mode)
    return _summary(ideal.ring, adapter.radical(ideal, limit))


def minimal_primes(
    ideal: Ideal,
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> tuple[VarietySummary, ...]:
    """The minimal primes of I (the irreducible components of V(I) over the field).

    Over QQ they are the components irreducible over QQ (x^2 - 2 stays prime).  Listed
    by decreasing dimension, then by their reduced degrevlex Gröbner bases; the unit
    ideal has none.  Macaulay2's ``minimalPrimes``, Singular's ``minAssGTZ``
    (Gianni, Trager, Zacharias 1988).

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> R = PolynomialRing(("x", "y", "z"))
    >>> axes = minimal_primes(Ideal.from_text(R, ["x*y", "x*z", "y*z"]), backend="singular")
    >>> [str(p.ideal) for p in axes]
    ['Ideal(z, y)', 'Ideal(z, x)', 'Ideal(y, x)']
    """
    ideal = _check_ideal(ideal)
    limit = _check_timeout(timeout)
    adapter = _adapter(backend, mode)
    primes = [_summary(ideal.ring, p) for p in adapter.minimal_primes(ideal, limit)]
    return tuple(sorted(primes, key=_summary_key))


def singular_locus(
    ideal: Ideal,
    *,
    backend: str | IdealBackend = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> VarietySummary:
    """The singular locus of the affine variety V(I), as a radical ideal.

    V(I) carries its reduced structure (the singular locus of the scheme of a
    non-radical I is not meant).  With P_1, ..., P_k the minimal primes of I, a point
    is singular when it lies on two components (a regular local ring is a domain:
    Eisenbud, *Commutative Algebra*, Cor. 10.14) or is singular on its only component
    V(P_i), which by the Jacobian criterion (ibid., Cor. 16.20; the fields QQ and
    GF(p) are perfect) is V(P_i + c x c minors of Jac(P_i)), c = codim P_i.  So the
    answer is rad(∩_i (P_i + I_c(Jac P_i)) ∩ ∩_(i<j) (P_i + P_j)); the unit ideal
    when V(I) is smooth.

    >>> from nagbridge.algebra import Ideal, PolynomialRing
    >>> R = PolynomialRing(("x", "y"))
    >>> str(singular_locus(Ideal.from_text(R, ["y^2 - x^3"]), backend="singular").ideal)
    'Ideal(y, x)'
    """
    ideal = _check_ideal(ideal)
    limit = _check_timeout(timeout)
    adapter = _adapter(backend, mode)
    return _summary(ideal.ring, adapter.ideal_singular_locus(ideal, limit))
