"""The Python entry point: backend choice, the auto route and cross-checks."""

from __future__ import annotations

import dataclasses
from math import comb

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork, ResultsDisagreeError, implicitize
from nagbridge.algebra import Ideal
from nagbridge.problems import CrossCheck


def test_auto_certifies_a_filling_architecture():
    """(2,2,2,1), r=2 fills the 5 coefficients of a binary quartic (the rank of the
    Jacobian reaches the ambient dimension, which is then certified)."""
    result = implicitize(PolynomialNetwork((2, 2, 2, 1), 2), backend="auto")
    assert result.is_filling and result.implicit_ideal.is_zero
    assert (result.dimension, result.degree) == (5, 1)
    # the Hilbert polynomial of K[c_0..c_4] is C(t + 4, 4)
    assert all(result.hilbert_polynomial(t) == comb(t + 4, 4) for t in range(8))
    assert result.provenance.cas_version is None
    assert "filling" in " ".join(result.provenance.route)


@pytest.mark.singular
def test_auto_prefers_singular_for_the_symbolic_route():
    result = implicitize(PolynomialNetwork((2, 1, 1), 3), backend="auto")
    assert result.provenance.backend == "Singular"
    assert (result.dimension, result.degree) == (2, 3)


@pytest.mark.macaulay2
def test_auto_falls_back_to_macaulay2_without_singular(monkeypatch, tmp_path):
    monkeypatch.setenv("NAGBRIDGE_SINGULAR", str(tmp_path / "absent"))
    result = implicitize(PolynomialNetwork((2, 1, 1), 3), backend="auto", mode="oneshot")
    assert result.provenance.backend == "Macaulay2"


@pytest.mark.macaulay2
@pytest.mark.singular
@pytest.mark.parametrize("field", ["QQ", "GF(32003)"])
def test_both_backends_agree(field):
    result = implicitize(PolynomialNetwork((3, 2, 2), 2), backend="both", field=field)
    assert result.crosscheck is not None and result.crosscheck.agrees
    assert result.crosscheck.dimension == (8, 8)


@pytest.mark.macaulay2
def test_a_disagreement_shows_both_answers():
    """Remove one of the three quadrics of the twisted cubic from a real answer: the
    cross-check must notice that the ideals, degrees and Hilbert polynomials differ."""
    real = implicitize(PolynomialNetwork((2, 1, 1), 3), backend="macaulay2")
    ring = real.implicit_ideal.ring
    smaller = Ideal(ring, real.generators[:2])
    tampered_variety = dataclasses.replace(
        real.variety,
        ideal=smaller,
        groebner_basis=dataclasses.replace(real.groebner_basis, polynomials=smaller.generators),
        degree=4,  # a tampered degree
    )
    tampered = dataclasses.replace(
        real,
        variety=tampered_variety,
        provenance=dataclasses.replace(real.provenance, backend="Tampered"),
    )
    check = CrossCheck.compare(real, tampered)
    assert not check.agrees and not check.ideal_agrees
    assert any("degree 3 vs 4" in difference for difference in check.differences)
    error = ResultsDisagreeError(check.differences, {"a": 1, "b": 2})
    assert "degree 3 vs 4" in str(error) and error.answers == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"backend": "maple"}, "backend"),
        ({"mode": "forever"}, "mode"),
        ({"field": "GF(4)"}, "field"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": "10"}, "timeout"),
        ({"gauge_fixed": "yes"}, "gauge_fixed"),
    ],
)
def test_bad_options(options, named):
    with pytest.raises(InvalidInputError) as caught:
        implicitize(PolynomialNetwork((2, 1, 1), 3), **options)
    assert caught.value.name == named


@pytest.mark.singular
def test_auto_does_not_trust_characteristic_zero_facts_over_small_primes():
    """Over GF(2), (a x + b y)^2 = a^2 x^2 + b^2 y^2: sums of two squares of binary linear
    forms have no x y term, so (2,2,1), r=2 spans only the plane c_0_1_1 = 0 (dimension 2),
    although over QQ it fills its 3-dimensional space."""
    result = implicitize(PolynomialNetwork((2, 2, 1), 2), backend="auto", field="GF(2)")
    assert result.dimension == 2 and not result.is_filling
    assert [str(g.as_expr()) for g in result.generators] == ["c_0_1_1"]


@pytest.mark.parametrize("timeout", [float("inf"), 1e308, float("nan")])
def test_unbounded_timeouts_are_rejected(timeout):
    with pytest.raises(InvalidInputError):
        implicitize(PolynomialNetwork((2, 1, 1), 3), timeout=timeout)
