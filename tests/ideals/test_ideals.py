"""The generic ideal API against textbook answers, on Macaulay2 and on Singular.

Reference: Cox, Little and O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.
(CLO).  Every Gröbner basis below is checked by hand with Buchberger's criterion
(all S-polynomials reduce to 0, CLO Ch. 2 §6, Theorem 6), and is reduced: no term of
an element is divisible by the leading term of another (CLO Ch. 2 §7, Definition 4).
Bases are listed monic, by increasing leading monomial (the documented convention).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest
import sympy

from nagbridge import CASTimeoutError, InvalidInputError, ideals
from nagbridge.algebra import (
    Field,
    HilbertPolynomial,
    Ideal,
    MonomialOrder,
    PolynomialRing,
    RingMap,
)
from nagbridge.backends import Macaulay2Backend, SingularBackend

a, b, c, d = sympy.symbols("a b c d")
t, x, y, z, w = sympy.symbols("t x y z w")


def _basis(ideal, order, cas):
    return [g.as_expr() for g in ideals.groebner_basis(ideal, order, backend=cas).polynomials]


def _expressions(polynomials):
    return [g.as_expr() for g in polynomials]


def _twisted_cubic_cone(field="QQ"):
    """The cone over the twisted cubic (s^3 : s^2 t : s t^2 : t^3) in P^3: the 2 x 2
    minors of [[a, b, c], [b, c, d]] (CLO Ch. 1 §4, Harris, Algebraic Geometry, Ex. 1.10)."""
    ring = PolynomialRing(("a", "b", "c", "d"), Field.parse(field))
    return Ideal.from_sympy(ring, [b**2 - a * c, b * c - a * d, c**2 - b * d])


def test_twisted_cubic_groebner_bases_hilbert_polynomial_and_series(cas):
    """grevlex (a > b > c > d): the leading terms are b^2, b c, c^2 (equal degree; the
    other term of each has a larger power of the last variable present).
    S(b^2 - ac, bc - ad) = -a (c^2 - bd), S(bc - ad, c^2 - bd) = d (b^2 - ac), and
    b^2, c^2 are coprime: the three quadrics are a reduced Gröbner basis.
    lex: the leading terms are ac, ad, bd; S(ac - b^2, ad - bc) = -b (bd - c^2),
    S(ad - bc, bd - c^2) = c (ac - b^2), ac and bd coprime: the same three quadrics,
    normalised by their lex leading terms.  The coordinate ring K[s^3, s^2 t, s t^2,
    t^3] has in degree k the 3k + 1 monomials s^i t^(3k - i): P(k) = 3k + 1 and
    H(T) = sum (3k + 1) T^k = (1 + 2T)/(1 - T)^2, dimension 2 (affine cone), degree 3."""
    cubic = _twisted_cubic_cone()
    assert _basis(cubic, "grevlex", cas) == [c**2 - b * d, b * c - a * d, b**2 - a * c]
    assert _basis(cubic, "lex", cas) == [b * d - c**2, a * d - b * c, a * c - b**2]
    assert ideals.groebner_basis(cubic, "lex", backend=cas).leading_monomials() == (
        b * d,
        a * d,
        a * c,
    )
    assert ideals.hilbert_polynomial(cubic, backend=cas) == HilbertPolynomial.from_coefficients(
        [1, 3]
    )
    series = ideals.hilbert_series(cubic, backend=cas)
    assert (series.numerator, series.denominator_exponent) == ((1, 2), 2)
    assert ideals.dimension(cubic, backend=cas) == 2
    assert ideals.degree(cubic, backend=cas) == 3


def test_twisted_cubic_over_a_prime_field(cas):
    """The monomial parametrization is defined over ZZ, the same count 3k + 1 holds over
    GF(7) (the monomials s^i t^(3k-i) stay independent)."""
    cubic = _twisted_cubic_cone("GF(7)")
    assert ideals.hilbert_polynomial(cubic, backend=cas) == HilbertPolynomial.from_coefficients(
        [1, 3]
    )
    assert _basis(cubic, "grevlex", cas) == [c**2 - b * d, b * c - a * d, b**2 - a * c]


def test_every_mode_gives_the_same_basis(backend):
    """The grevlex basis of the twisted cubic cone (derived above) in session and one-shot
    mode of both CAS."""
    assert _basis(_twisted_cubic_cone(), "grevlex", backend) == [
        c**2 - b * d,
        b * c - a * d,
        b**2 - a * c,
    ]


def test_affine_twisted_cubic_in_three_orders(cas):
    """I = (y - x^2, z - x^3), x > y > z (CLO Ch. 2 §8).
    lex: g1 = x^2 - y, x^3 - z - x g1 = g2 = xy - z, S(g1, g2) = xz - y^2 = g3,
    S(g1, g3) -> 0, S(g2, g3) = y^3 - z^2 = g4, S(g2, g4) = z g3, S(g3, g4) = -y^2 g4
    after one reduction; S(g1, g4) coprime.  Basis {y^3 - z^2, xz - y^2, xy - z, x^2 - y}.
    glex: the same computation (each step's leading term is the same), degree 2
    elements first.  grevlex: the S-polynomial of g1, g2 is -y^2 + xz with leading term
    y^2 (no z), S(g2, y^2 - xz) = z g1 + 0, S(g1, y^2 - xz) coprime: basis
    {y^2 - xz, xy - z, x^2 - y}."""
    ring = PolynomialRing(("x", "y", "z"))
    cubic = Ideal.from_sympy(ring, [y - x**2, z - x**3])
    assert _basis(cubic, "lex", cas) == [y**3 - z**2, x * z - y**2, x * y - z, x**2 - y]
    assert _basis(cubic, "glex", cas) == [x * z - y**2, x * y - z, x**2 - y, y**3 - z**2]
    assert _basis(cubic, "grevlex", cas) == [y**2 - x * z, x * y - z, x**2 - y]


def test_inhomogeneous_hilbert_functions_follow_the_projective_closure(cas):
    """The affine twisted cubic has no graded quotient: refused.  Its affine Hilbert
    polynomial is that of its projective closure, the twisted cubic curve: 3t + 1
    (CLO Ch. 9 §3, Theorem 12); dimension 1, degree 3.  In grevlex in(I) = (x^2, xy, y^2)
    (basis above): S/in(I) has 1, then x z^(k-1), y z^(k-1), z^k in degree k >= 1,
    series (1 + 2T)/(1 - T); the affine series divides by (1 - T) once more."""
    cubic = Ideal.from_sympy(PolynomialRing(("x", "y", "z")), [y - x**2, z - x**3])
    with pytest.raises(InvalidInputError, match="not homogeneous"):
        ideals.hilbert_polynomial(cubic, backend=cas)
    with pytest.raises(InvalidInputError, match="not homogeneous"):
        ideals.hilbert_series(cubic, backend=cas)
    assert ideals.hilbert_polynomial(
        cubic, affine=True, backend=cas
    ) == HilbertPolynomial.from_coefficients([1, 3])
    affine = ideals.hilbert_series(cubic, affine=True, backend=cas)
    assert (affine.numerator, affine.denominator_exponent) == ((1, 2), 2)
    assert (ideals.dimension(cubic, backend=cas), ideals.degree(cubic, backend=cas)) == (1, 3)


@pytest.mark.parametrize("field", ["QQ", "GF(32003)"])
def test_complete_intersection_of_two_quadrics(cas, field):
    """Q1 = x^2 - zw, Q2 = y^2 - xw in K[x, y, z, w]: their grevlex leading terms x^2
    and y^2 are coprime, so {Q1, Q2} is a Gröbner basis (CLO Ch. 2 §9, Proposition 4),
    in(I) = (x^2, y^2) is a complete intersection and, by Macaulay's theorem, S/I has
    the series of S/in(I): (1 - T^2)^2 / (1 - T)^4 = (1 + T)^2 / (1 - T)^2.  So
    P(t) = (t + 1) + 2t + (t - 1) = 4t, degree 4 = 2 * 2 (Bézout), dimension 2."""
    ring = PolynomialRing(("x", "y", "z", "w"), Field.parse(field))
    quadrics = Ideal.from_text(ring, ["x^2 - z*w", "y^2 - x*w"])
    assert _basis(quadrics, "grevlex", cas) == [y**2 - x * w, x**2 - z * w]
    assert ideals.hilbert_polynomial(quadrics, backend=cas) == HilbertPolynomial.from_coefficients(
        [0, 4]
    )
    series = ideals.hilbert_series(quadrics, backend=cas)
    assert (series.numerator, series.denominator_exponent) == ((1, 2, 1), 2)
    assert ideals.degree(quadrics, backend=cas) == 4
    assert ideals.dimension(quadrics, backend=cas) == 2


def _standard_monomials(degree, generators):
    """Monomials x^i y^j z^k of the given degree divisible by no generator exponent."""
    return sum(
        1
        for i, j in product(range(degree + 1), repeat=2)
        if i + j <= degree
        and not any(i >= g[0] and j >= g[1] and degree - i - j >= g[2] for g in generators)
    )


def test_monomial_ideal_hilbert_function_by_counting(cas):
    """M = (x^2, xy) in K[x, y, z]: a monomial of degree k avoids M when it is y^j z^l
    (k + 1 of them) or x z^(k-1) (one, k >= 1): H(k) = k + 2 for k >= 1, H(0) = 1,
    so P(t) = t + 2, and sum H(k) T^k = 1/(1 - T)^2 + T/(1 - T) = (1 + T - T^2)/(1 - T)^2;
    dimension 2 (the plane x = 0), degree 1.  The series is also compared with a count
    of the standard monomials of each degree."""
    ring = PolynomialRing(("x", "y", "z"))
    monomial = Ideal.from_sympy(ring, [x**2, x * y])
    series = ideals.hilbert_series(monomial, backend=cas)
    assert (series.numerator, series.denominator_exponent) == ((1, 1, -1), 2)
    for k in range(8):
        assert series.value(k) == _standard_monomials(k, [(2, 0, 0), (1, 1, 0)])
    assert ideals.hilbert_polynomial(monomial, backend=cas) == HilbertPolynomial.from_coefficients(
        [2, 1]
    )
    assert (ideals.dimension(monomial, backend=cas), ideals.degree(monomial, backend=cas)) == (
        2,
        1,
    )


def test_radical_and_minimal_primes(cas):
    """(x^2, xy) = (x) n (x^2, y): its radical is (x), its only minimal prime (x).
    (xy, xz, yz) is the ideal of the three coordinate axes, radical already, with
    minimal primes (y, z), (x, z), (x, y), lines of degree 1."""
    ring = PolynomialRing(("x", "y", "z"))
    root = ideals.radical(Ideal.from_sympy(ring, [x**2, x * y]), backend=cas)
    assert _expressions(root.groebner_basis.polynomials) == [x]
    assert (root.dimension, root.degree) == (2, 1)
    (prime,) = ideals.minimal_primes(Ideal.from_sympy(ring, [x**2, x * y]), backend=cas)
    assert _expressions(prime.groebner_basis.polynomials) == [x]

    axes = Ideal.from_sympy(ring, [x * y, x * z, y * z])
    assert _expressions(ideals.radical(axes, backend=cas).groebner_basis.polynomials) == [
        y * z,
        x * z,
        x * y,
    ]
    primes = ideals.minimal_primes(axes, backend=cas)
    assert [_expressions(p.groebner_basis.polynomials) for p in primes] == [
        [z, y],
        [z, x],
        [y, x],
    ]
    assert {(p.dimension, p.degree) for p in primes} == {(1, 1)}


def test_radical_over_a_prime_field(cas):
    """rad(x^2, xy) = (x) over GF(7) too (x^2 in the ideal, and (x) is prime)."""
    ring = PolynomialRing(("x", "y"), Field(7))
    root = ideals.radical(Ideal.from_sympy(ring, [x**2, x * y]), backend=cas)
    assert _expressions(root.groebner_basis.polynomials) == [x]


def test_elimination_of_the_parameter_of_the_cusp(cas):
    """(x - t^2, y - t^3) n K[x, y]: it is the kernel of K[x, y] -> K[t], x -> t^2,
    y -> t^3 (CLO Ch. 3 §3), a height-one prime of the UFD K[x, y], hence principal,
    generated by an irreducible divisor of x^3 - y^2 (which lies in it); x^3 - y^2 is
    irreducible, so the ideal is (x^3 - y^2).  An elimination order gives it too: the
    basis elements free of t generate the elimination ideal (CLO Ch. 3 §1, Theorem 2).
    For weights(1,0,0) (ties by grevlex) the leading terms are t^2, tx, ty, x^3 and
    S(t^2 - x, tx - y) = ty - x^2, S(tx - y, ty - x^2) = x^3 - y^2,
    S(t^2 - x, ty - x^2) = x (tx - y), S(tx - y, x^3 - y^2) = y (ty - x^2),
    S(ty - x^2, x^3 - y^2) -> -x^2 (x^3 - y^2), the rest coprime: a reduced basis."""
    ring = PolynomialRing(("t", "x", "y"))
    cusp = Ideal.from_sympy(ring, [x - t**2, y - t**3])
    eliminated = ideals.eliminate(cusp, ["t"], backend=cas)
    assert eliminated.ring.variables == ("x", "y")
    assert _expressions(eliminated.generators) == [x**3 - y**2]
    assert _expressions(ideals.eliminate(cusp, [t], backend=cas).generators) == [x**3 - y**2]

    order = MonomialOrder.elimination(ring, ["t"])
    basis = ideals.groebner_basis(cusp, order, backend=cas)
    free = [g.as_expr() for g in basis.polynomials if g.degree(t) == 0]
    assert free == [x**3 - y**2]
    assert _expressions(basis.polynomials) == [x**3 - y**2, t * y - x**2, t * x - y, t**2 - x]
    assert basis.order == "weights(1,0,0)"


def test_the_readme_weight_order_on_the_twisted_cubic(cas):
    """MonomialOrder.weights((1, 2, 3, 4)) on I = (b^2 - ac, bc - ad, c^2 - bd).

    Each generator is homogeneous for the weights (1, 2, 3, 4) (degrees 4, 5, 6), so I
    is, and the weight order compares the terms of a weighted-homogeneous polynomial
    by its grevlex tie-break alone: both orders have the same initial ideal and the
    same reduced basis.  For grevlex the leading terms are b^2, bc, c^2 and
    S(b^2 - ac, bc - ad) = -a (c^2 - bd), S(bc - ad, c^2 - bd) = d (b^2 - ac), the
    third pair has coprime leading terms (CLO Ch. 2 §9, Prop. 4): a Gröbner basis, and
    reduced (no ac, ad, bd is divisible by b^2, bc, c^2).  Increasing leading
    monomials: b^2 (weight 4), bc (5), c^2 (6)."""
    ring = PolynomialRing(("a", "b", "c", "d"))
    cubic = Ideal.from_text(ring, ["b^2 - a*c", "b*c - a*d", "c^2 - b*d"])
    basis = ideals.groebner_basis(cubic, MonomialOrder.weights((1, 2, 3, 4)), backend=cas)
    assert _expressions(basis.polynomials) == [b**2 - a * c, b * c - a * d, c**2 - b * d]
    assert basis.order == "weights(1,2,3,4)"
    assert basis.leading_monomials() == (b**2, b * c, c**2)


@pytest.mark.macaulay2
@pytest.mark.singular
def test_weight_orders_agree_across_the_two_cas(m2_session, singular_session):
    """A weight order with ties broken by grevlex is {Weights => w, GRevLex} in
    Macaulay2 and (a(w), dp) in Singular: the same order, so the same reduced basis."""
    ring = PolynomialRing(("x", "y", "z"))
    for weights in ("weights(1,0,0)", "weights(0,2,1)", "weights(3,1,2)"):
        ideal = Ideal.from_sympy(ring, [y - x**2 + z, z**2 - x**3 - y, x * y * z - 1])
        first = ideals.groebner_basis(ideal, weights, backend=m2_session)
        second = ideals.groebner_basis(ideal, weights, backend=singular_session)
        assert _expressions(first.polynomials) == _expressions(second.polynomials)
        assert first.order == second.order == weights


@pytest.mark.macaulay2
@pytest.mark.singular
@pytest.mark.parametrize("order", ["lex", "grevlex", "glex"])
def test_cyclic_four_bases_agree_across_the_two_cas(m2_session, singular_session, order):
    """The cyclic 4-roots system (Björck and Fröberg 1991), a standard Gröbner benchmark:
    the reduced basis is unique for each order, so the two CAS must return it term by
    term; it has 6 elements in lex (a > b > c > d) and 7 in grevlex."""
    ring = PolynomialRing(("a", "b", "c", "d"))
    cyclic = Ideal.from_sympy(
        ring,
        [
            a + b + c + d,
            a * b + b * c + c * d + d * a,
            a * b * c + b * c * d + c * d * a + d * a * b,
            a * b * c * d - 1,
        ],
    )
    first = _basis(cyclic, order, m2_session)
    assert first == _basis(cyclic, order, singular_session)
    if order != "glex":
        assert len(first) == {"lex": 6, "grevlex": 7}[order]


def test_kernel_of_the_conic_map(cas):
    """K[a, b, c] -> K[s, t], (a, b, c) -> (s^2, st, t^2): the kernel is (b^2 - ac) (the
    conic is a prime hypersurface and b^2 - ac, irreducible, vanishes on it)."""
    one = Fraction(1)
    conic = ideals.kernel(
        RingMap(
            PolynomialRing(("a", "b", "c")),
            PolynomialRing(("s", "t")),
            ({(2, 0): one}, {(1, 1): one}, {(0, 2): one}),
        ),
        backend=cas,
    )
    assert _basis(conic, "grevlex", cas) == [b**2 - a * c]


def test_kernel_of_an_inhomogeneous_map(cas):
    """K[x, y] -> K[t], (x, y) -> (t^2, t^3): the kernel is the elimination ideal of the
    cusp test above, (x^3 - y^2)."""
    one = Fraction(1)
    cusp = ideals.kernel(
        RingMap(PolynomialRing(("x", "y")), PolynomialRing(("t",)), ({(2,): one}, {(3,): one})),
        backend=cas,
    )
    assert _basis(cusp, "grevlex", cas) == [x**3 - y**2]


@pytest.mark.parametrize(
    ("curve", "expected"),
    [
        # cusp: I + (3x^2, 2y) = (x, y) up to radical
        (y**2 - x**3, [y, x]),
        # node: partials 3x^2 + 2x, 2y; y = 0, x^2 (x + 1) = 0, x (3x + 2) = 0 => x = 0
        (y**2 - x**2 - x**3, [y, x]),
        # two lines: components (x), (y), each smooth, meeting at the origin
        (x * y, [y, x]),
    ],
)
def test_singular_locus_of_plane_curves(cas, curve, expected):
    ring = PolynomialRing(("x", "y"))
    locus = ideals.singular_locus(Ideal.from_sympy(ring, [curve]), backend=cas)
    assert _expressions(locus.groebner_basis.polynomials) == expected
    assert (locus.dimension, locus.degree) == (0, 1)


def test_singular_locus_of_smooth_and_coned_varieties(cas):
    """The circle x^2 + y^2 = 1 is smooth (the partials 2x, 2y and the equation have no
    common zero): the unit ideal, dimension -1.  The cone over the twisted cubic is
    singular exactly at its vertex (a cone over a smooth projective curve that is not a
    line): (a, b, c, d)."""
    circle = Ideal.from_sympy(PolynomialRing(("x", "y")), [x**2 + y**2 - 1])
    smooth = ideals.singular_locus(circle, backend=cas)
    assert _expressions(smooth.groebner_basis.polynomials) == [1]
    assert smooth.dimension == -1
    vertex = ideals.singular_locus(_twisted_cubic_cone(), backend=cas)
    assert _expressions(vertex.groebner_basis.polynomials) == [d, c, b, a]


def test_zero_and_unit_ideals(cas):
    """The zero ideal: S itself, dimension n, degree 1, series 1/(1 - T)^n.  The unit
    ideal: empty variety, dimension -1, degree 0, series 0."""
    ring = PolynomialRing(("x", "y"))
    zero = Ideal(ring, ())
    assert ideals.dimension(zero, backend=cas) == 2
    assert ideals.degree(zero, backend=cas) == 1
    assert ideals.groebner_basis(zero, backend=cas).polynomials == ()
    unit = Ideal.from_text(ring, ["x", "x + 1"])
    assert ideals.dimension(unit, backend=cas) == -1
    assert ideals.degree(unit, backend=cas) == 0
    assert _basis(unit, "lex", cas) == [1]
    assert ideals.minimal_primes(unit, backend=cas) == ()


class _NoCAS:
    """A backend that fails the test if any request reaches it."""

    name = "none"

    def __getattr__(self, name):
        raise AssertionError(f"a CAS request ({name}) was made for invalid input")

    def groebner_basis(self, *args):
        raise AssertionError("a CAS request was made for invalid input")

    def ideal_invariants(self, *args):
        raise AssertionError("a CAS request was made for invalid input")


def _call(function, *args, **options):
    return function(*args, backend=_NoCAS(), **options)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda ideal: _call(ideals.groebner_basis, ideal, "revlex"), "monomial order"),
        (lambda ideal: _call(ideals.groebner_basis, ideal, "weights(1,0)"), "weights"),
        (lambda ideal: _call(ideals.groebner_basis, ideal, "weights(1,-1,0)"), "monomial order"),
        (
            lambda ideal: _call(ideals.groebner_basis, ideal, MonomialOrder("weights", (1, 2))),
            "weights",
        ),
        (lambda ideal: _call(ideals.groebner_basis, ideal, 3), "monomial order"),
        (lambda ideal: _call(ideals.eliminate, ideal, ["q"]), "variable"),
        (lambda ideal: _call(ideals.eliminate, ideal, []), "variables"),
        (lambda ideal: _call(ideals.eliminate, ideal, ["x", "y", "z"]), "variables"),
        (lambda ideal: _call(ideals.hilbert_series, ideal, affine="yes"), "affine"),
        (lambda ideal: _call(ideals.dimension, ideal, timeout=-1), "timeout"),
        (lambda ideal: ideals.degree(ideal, backend="maple"), "backend"),
        (lambda ideal: _call(ideals.radical, "x^2"), "ideal"),
        (lambda ideal: _call(ideals.kernel, ideal), "ring map"),
    ],
)
def test_bad_input_is_rejected_before_any_cas(call, name):
    ideal = Ideal.from_sympy(PolynomialRing(("x", "y", "z")), [x**2 - y])
    with pytest.raises(InvalidInputError) as error:
        call(ideal)
    assert error.value.name == name


def test_generators_of_another_ring_are_rejected():
    """A polynomial of K[x, y] is not a generator of an ideal of K[x, y, z], nor one
    over GF(7) of an ideal over QQ."""
    big = PolynomialRing(("x", "y", "z"))
    small = Ideal.from_sympy(PolynomialRing(("x", "y")), [x**2 - y])
    with pytest.raises(InvalidInputError, match="not a polynomial of the ring"):
        _call(ideals.groebner_basis, Ideal(big, small.generators))
    modular = Ideal.from_sympy(PolynomialRing(("x", "y", "z"), Field(7)), [x - y])
    with pytest.raises(InvalidInputError, match="not a polynomial of the ring"):
        _call(ideals.dimension, Ideal(big, modular.generators))


@pytest.mark.parametrize(
    "generator",
    [0.5 * x, 1 / x, sympy.sqrt(x), sympy.sin(x), sympy.pi * x, x * w, "x^2"],
)
def test_non_polynomial_generators_are_rejected(generator):
    with pytest.raises(InvalidInputError) as error:
        Ideal.from_sympy(PolynomialRing(("x", "y", "z")), [generator])
    assert error.value.name == "generator 0"


@pytest.mark.slow
@pytest.mark.parametrize(
    "cls",
    [
        pytest.param(Macaulay2Backend, marks=pytest.mark.macaulay2, id="macaulay2"),
        pytest.param(SingularBackend, marks=pytest.mark.singular, id="singular"),
    ],
)
def test_a_long_basis_times_out_and_the_session_serves_on(cls):
    """The lex basis of the cyclic 7-roots system (Björck and Fröberg 1991) takes far
    longer than 1.5 s; the request is stopped, and the next one is answered."""
    names = tuple(f"x{i}" for i in range(7))
    ring = PolynomialRing(names)
    v = ring.symbols
    cyclic = [
        sum(sympy.Mul(*(v[(i + j) % 7] for j in range(k))) for i in range(7)) for k in range(1, 7)
    ]
    hard = Ideal.from_sympy(ring, [*cyclic, sympy.Mul(*v) - 1])
    with cls() as backend:
        with pytest.raises(CASTimeoutError):
            ideals.groebner_basis(hard, "lex", backend=backend, timeout=1.5)
        assert ideals.dimension(Ideal.from_sympy(ring, [v[0] * v[1]]), backend=backend) == 6
