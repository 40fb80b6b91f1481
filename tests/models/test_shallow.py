"""Shallow networks (d0, k, 1): Alexander-Hirschowitz dimensions (no CAS)."""

from __future__ import annotations

from math import comb

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork, ShallowNetwork
from nagbridge.models import model_from_options


@pytest.mark.parametrize(
    ("n", "r", "k", "true_dimension"),
    [
        # Alexander-Hirschowitz (J. Algebraic Geom. 4, 1995), see Brambilla-Ottaviani
        # (J. Pure Appl. Algebra 212, 2008), Thm. 1.1: the exceptions with r >= 3, each
        # of dimension one less than min(k n, C(n + r - 1, r)).
        (3, 4, 5, 14),
        (4, 4, 9, 34),
        (5, 3, 7, 34),
        (5, 4, 14, 69),
    ],
)
def test_exceptional_cases(n, r, k, true_dimension):
    model = ShallowNetwork(n, k, r)
    assert model.generic_dimension == min(k * n, comb(n + r - 1, r)) == true_dimension + 1
    assert model.expected_dimension == true_dimension
    assert model.is_defective


@pytest.mark.parametrize(("n", "k"), [(3, 2), (4, 2), (4, 3), (6, 4)])
def test_quadrics_of_bounded_rank_are_defective(n, k):
    # r = 2: sums of k squares of linear forms are the quadrics of rank <= k, i.e.
    # symmetric matrices A^T D A with A of size k x n; A is determined up to the
    # k(k-1)/2-dimensional orthogonal group of D, so the dimension is k n - C(k, 2),
    # less than k n for 2 <= k < n (the r = 2 exception of Alexander-Hirschowitz).
    model = ShallowNetwork(n, k, 2)
    assert model.expected_dimension == k * n - comb(k, 2)
    assert model.is_defective


@pytest.mark.parametrize(
    ("n", "k", "r"), [(3, 3, 3), (3, 4, 4), (2, 5, 6), (3, 2, 2 + 1), (3, 1, 2)]
)
def test_non_defective_cases_have_the_parameter_count(n, k, r):
    model = ShallowNetwork(n, k, r)
    assert model.expected_dimension == min(k * n, comb(n + r - 1, r))
    assert not model.is_defective


def test_same_variety_as_the_polynomial_network():
    model = ShallowNetwork(3, 2, 3)
    network = PolynomialNetwork((3, 2, 1), 3)
    assert model.parametrization() == network.parametrization()
    assert model.num_parameters == network.num_parameters
    assert model.ambient_dimension == network.ambient_dimension
    assert model.symmetry_dimension == network.symmetry_dimension


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"input_dim": 0, "width": 2, "activation_degree": 2}, "input_dim"),
        ({"input_dim": 3, "width": -1, "activation_degree": 2}, "width"),
        ({"input_dim": 3, "width": 2, "activation_degree": 0}, "activation_degree"),
        ({"input_dim": 3, "width": [2], "activation_degree": 2}, "width"),
        ({"input_dim": 3, "activation_degree": 2}, "width"),
    ],
)
def test_bad_options_are_named(options, named):
    with pytest.raises(InvalidInputError) as caught:
        model_from_options("shallow", options)
    assert caught.value.name == named
