"""ED degrees of neurovarieties against Eckart-Young and the Veronese formula."""

from __future__ import annotations

from math import comb

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork, ed_degree


@pytest.mark.parametrize(
    ("widths", "m", "n", "rank"),
    [((3, 1, 2), 2, 3, 1), ((3, 2, 3), 3, 3, 2), ((2, 1, 3), 3, 2, 1)],
)
def test_linear_networks_eckart_young(cas, widths, m, n, rank):
    """r = 1: the d_L x d_0 matrices of rank <= min(widths); the Euclidean ED degree is
    C(min(m, n), rank) (Eckart-Young; Draisma, Horobet, Ottaviani, Sturmfels, Thomas,
    Found. Comput. Math. 16 (2016), Example 2.3).  For degree-1 forms every multinomial
    is 1, so Bombieri-Weyl gives the same count."""
    network = PolynomialNetwork(widths, 1)
    for inner_product in ("euclidean", "bombieri-weyl"):
        result = ed_degree(network, inner_product=inner_product, backend=cas, seed=7)
        assert result.ed_degree == comb(min(m, n), rank)


@pytest.mark.slow
def test_rank_one_3x3_matrices(cas):
    """(3,1,3), r = 1: rank-one 3 x 3 matrices, nine quadrics of codimension 4, the case
    the full (c+1)-minors formulation could not finish; Eckart-Young gives C(3, 1) = 3."""
    result = ed_degree(PolynomialNetwork((3, 1, 3), 1), backend=cas, seed=5)
    assert result.ed_degree == comb(3, 1)


def test_twisted_cubic_bombieri_weyl(cas):
    """(2,1,1), r = 3: the cone over the rational normal curve of degree d = 3.

    With the Bombieri-Weyl product (weight 1/C(3, e) on c_e) it is the Veronese in
    orthogonally invariant coordinates, whose ED degree is ((d-1)^n - 1)/(d - 2) for P^(n-1),
    n = 2: d = 3 (Draisma et al. 2016, Cor. 8.7).
    """
    result = ed_degree(
        PolynomialNetwork((2, 1, 1), 3), inner_product="bombieri-weyl", backend=cas, seed=3
    )
    assert result.ed_degree == 3
    assert result.to_dict()["inner_product_weights"] == ["1", "1/3", "1/3", "1"]


@pytest.mark.macaulay2
@pytest.mark.singular
def test_twisted_cubic_euclidean_both_cas_agree(m2_session, singular_session):
    """In our monomial coefficients the Euclidean product weighs the plain Veronese
    coordinates a u^(3-e) v^e by C(3, e)^2, not a form we can cite a closed value for:
    the check is that Macaulay2 and Singular count the same number of critical points."""
    network = PolynomialNetwork((2, 1, 1), 3)
    counts = {
        ed_degree(network, backend=b, seed=11).ed_degree for b in (m2_session, singular_session)
    }
    assert len(counts) == 1


def test_unknown_inner_product_is_rejected():
    with pytest.raises(InvalidInputError, match="hermitian"):
        ed_degree(PolynomialNetwork((3, 1, 2), 1), inner_product="hermitian", backend="none")
