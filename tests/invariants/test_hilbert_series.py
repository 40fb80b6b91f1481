"""Hilbert series h(t)/(1-t)^k of neurovarieties, from each real CAS, against hand values."""

from __future__ import annotations

from fractions import Fraction

import sympy

from nagbridge import PolynomialNetwork, implicitize
from nagbridge.algebra import HilbertSeries


def test_twisted_cubic_series(backend):
    """(2,1,1), r=3 is the cone over the twisted cubic, P^1 embedded by O(3).

    Its coordinate ring is the Veronese subring sum_t K[u,v]_{3t}, so dim (S/I)_t = 3t + 1
    for every t >= 0, and sum_t (3t + 1) t^t = (1 + 2t)/(1 - t)^2 (expand the right side:
    the coefficient of t^n is (n + 1) + 2n).
    """
    result = implicitize(PolynomialNetwork((2, 1, 1), 3), backend=backend)
    assert result.hilbert_series == HilbertSeries((1, 2), 2)
    assert result.to_dict()["hilbert_series"] == {
        "numerator": ["1", "2"],
        "denominator_exponent": 2,
    }
    assert [result.hilbert_series.value(n) for n in range(6)] == [3 * n + 1 for n in range(6)]


def test_cubic_hypersurface_series(backend):
    """(2,2,3), r=2 is the determinant cubic in 9 coordinates (tests/backends).

    For a hypersurface f of degree 3 in n = 9 variables, 0 -> S(-3) -> S -> S/(f) -> 0
    gives H(t) = (1 - t^3)/(1 - t)^9 = (1 + t + t^2)/(1 - t)^8.
    """
    result = implicitize(PolynomialNetwork((2, 2, 3), 2), backend=backend)
    assert result.hilbert_series == HilbertSeries((1, 1, 1), 8)
    assert result.hilbert_series.hilbert_polynomial() == result.hilbert_polynomial


def test_zero_ideal_series(backend):
    """(2,2,1), r=2 fills the 3 binary quadrics (a quadric is a sum of two squares).

    The implicit ideal is 0, and the Hilbert series of K[c_1, c_2, c_3] is 1/(1 - t)^3.
    """
    result = implicitize(PolynomialNetwork((2, 2, 1), 2), backend=backend)
    assert result.implicit_ideal.is_zero
    assert result.hilbert_series == HilbertSeries((1,), 3)


def test_zero_ideal_series_without_cas():
    """The auto route answers a filling architecture without a CAS; the series is 1/(1-t)^n."""
    result = implicitize(PolynomialNetwork((2, 2, 1), 2), backend="auto")
    assert result.provenance.backend == "nagbridge"
    assert result.to_dict()["hilbert_series"] == {"numerator": ["1"], "denominator_exponent": 3}


def test_series_object_prints_and_agrees_with_the_polynomial():
    """(1 + t + t^2)/(1 - t)^8 expands to dim_t = C(t+8, 8) - C(t+5, 8) (the cubic above)."""
    series = HilbertSeries.from_coefficients([1, 1, 1, 0], 8)
    assert series.numerator == (1, 1, 1)
    assert str(series) == "(t**2 + t + 1)/(1 - t)**8"
    assert series._repr_latex_() == r"$H(t) = \frac{t^{2} + t + 1}{(1 - t)^{8}}$"
    t = sympy.Symbol("t")
    assert sympy.simplify(series.as_expr(t) - (1 - t**3) / (1 - t) ** 9) == 0
    for n in range(8):
        expected = sympy.binomial(n + 8, 8) - (sympy.binomial(n + 5, 8) if n >= 3 else 0)
        assert series.value(n) == expected
    polynomial = series.hilbert_polynomial()
    assert all(polynomial(n) == Fraction(series.value(n)) for n in range(3, 10))
    assert series.degree == 3 and series.dimension == 8
