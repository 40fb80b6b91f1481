"""Macaulay2 and Singular give the same implicit ideals, as sympy decides.

Both CAS are asked for the same neurovariety; their generators are compared by mutual
containment with :meth:`Ideal.contains`, which computes its own Gröbner basis in
sympy, so neither CAS vouches for the other.
"""

from __future__ import annotations

import pytest

from nagbridge import PolynomialNetwork, implicitize

pytestmark = [pytest.mark.macaulay2, pytest.mark.singular]

#: (3,2,2) has 20 cubic generators in 12 coordinates: 40 sympy membership tests
#: (about 10 s) per field and gauge choice.
CASES = [
    pytest.param((3, 2, 2), 2, marks=pytest.mark.slow, id="322-r2"),
    pytest.param((2, 2, 3), 2, id="223-r2"),
    pytest.param((3, 2, 1), 2, id="321-r2"),
    pytest.param((2, 1, 1), 3, id="211-r3"),
]


@pytest.mark.parametrize("field", ["QQ", "GF(32003)"])
@pytest.mark.parametrize("gauge_fixed", [True, False], ids=["gauge-fixed", "gauge-free"])
@pytest.mark.parametrize(("widths", "r"), CASES)
def test_both_cas_give_the_same_ideal(m2_session, singular_session, widths, r, gauge_fixed, field):
    network = PolynomialNetwork(widths, r)
    by_m2 = implicitize(network, backend=m2_session, field=field, gauge_fixed=gauge_fixed)
    by_singular = implicitize(
        network, backend=singular_session, field=field, gauge_fixed=gauge_fixed
    )
    m2_ideal, singular_ideal = by_m2.implicit_ideal, by_singular.implicit_ideal

    assert singular_ideal.ring == m2_ideal.ring
    assert all(m2_ideal.contains(g) for g in singular_ideal.generators)
    assert all(singular_ideal.contains(g) for g in m2_ideal.generators)
    assert (by_singular.dimension, by_singular.degree) == (by_m2.dimension, by_m2.degree)
    assert by_singular.hilbert_polynomial == by_m2.hilbert_polynomial
    assert by_singular.implicit_ideal.generator_degrees == by_m2.implicit_ideal.generator_degrees
