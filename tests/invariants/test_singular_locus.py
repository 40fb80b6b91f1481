"""Singular loci of neurovarieties against closed forms (determinantal varieties, cones)."""

from __future__ import annotations

from math import comb

from nagbridge import PolynomialNetwork, singular_locus
from nagbridge.models import ShallowNetwork, model_from_options


def determinantal_degree(m: int, n: int, rank: int) -> int:
    """Degree of the m x n matrices of rank <= rank: prod_{i<n-rank} C(m+i, rank)/C(rank+i, rank).

    Harris, *Algebraic Geometry: A First Course*, Example 19.10.
    """
    numerator, denominator = 1, 1
    for i in range(n - rank):
        numerator *= comb(m + i, rank)
        denominator *= comb(rank + i, rank)
    return numerator // denominator


def test_linear_network_3_2_3(cas):
    """r = 1, widths (3,2,3): the 3 x 3 matrices of rank <= 2, the determinant hypersurface.

    Its singular locus is the rank <= 1 locus (Bruns and Vetter, *Determinantal Rings*,
    Thm. 2.6), of dimension 1 * (3 + 3 - 1) = 5 and degree 6 (Segre P^2 x P^2), one
    irreducible component; it is the neurovariety of the narrower network (3,1,3).
    """
    result = singular_locus(PolynomialNetwork((3, 2, 3), 1), backend=cas, components=True)
    assert result.codimension == 1
    assert (result.locus.dimension, result.locus.degree) == (5, determinantal_degree(3, 3, 1))
    assert determinantal_degree(3, 3, 1) == 6
    assert [(c.dimension, c.degree) for c in result.components] == [(5, 6)]
    assert result.subnetworks.architectures == ((3, 1, 3),)
    assert result.subnetworks.equal


def test_linear_network_3_1_2(cas):
    """r = 1, widths (3,1,2): 2 x 3 matrices of rank <= 1, singular exactly at 0 (rank 0).

    The narrower network (3,0,2) computes the zero function: the origin.
    """
    result = singular_locus(PolynomialNetwork((3, 1, 2), 1), backend=cas, components=True)
    assert result.neurovariety_dimension == 1 * (3 + 2 - 1)
    assert result.locus.dimension == 0
    assert [(c.dimension, c.degree) for c in result.components] == [(0, 1)]
    assert result.subnetworks.equal


def test_twisted_cubic_cone(cas):
    """(2,1,1), r = 3: the cone over the smooth twisted cubic is singular only at its vertex.

    Dimension 0; the reduced locus is the origin (one component of degree 1), which is
    the neurovariety of (2,0,1): equal.
    """
    result = singular_locus(PolynomialNetwork((2, 1, 1), 3), backend=cas, components=True)
    assert result.locus.dimension == 0
    assert [(c.dimension, c.degree) for c in result.components] == [(0, 1)]
    assert result.subnetworks.equal


def test_cubic_hypersurface_is_not_its_subnetworks(cas):
    """(2,2,3), r = 2: the 3 x 3 determinant in the coefficients of three binary quadrics.

    Singular locus: rank <= 1, dimension 5, degree 6 (as above).  The subnetwork (2,1,3)
    gives the outputs a_i l^2: rank-1 matrices whose row is a square, of dimension
    3 + 1 = 4 (a vector a and a point l of P^1).  So the union of subnetworks lies in the
    singular locus but is strictly smaller: not equal.
    """
    result = singular_locus(PolynomialNetwork((2, 2, 3), 2), backend=cas)
    assert (result.locus.dimension, result.locus.degree) == (5, 6)
    check = result.subnetworks
    assert check.comparison.union.dimension == 4
    assert check.comparison.union_in_first and not check.comparison.first_in_union
    assert not check.equal
    assert result.to_dict()["subnetworks"]["equal"] is False


def test_filling_network_is_smooth(cas):
    """(2,2,1), r = 2 fills the plane of binary quadrics (codimension 0): no singular point."""
    result = singular_locus(PolynomialNetwork((2, 2, 1), 2), backend=cas, subnetworks=False)
    assert result.codimension == 0
    assert result.locus.is_empty and result.locus.dimension == -1


def test_reduced_locus_of_segre_veronese_cone(cas):
    """(2,1,2), r = 2: outputs w (a x + b y)^2, the cone over P^1 x v_2(P^1) in P^5.

    P^1 x v_2(P^1) is smooth (a Segre product of smooth varieties) and not a linear space,
    so the affine cone is singular exactly at its vertex (the tangent cone at the vertex
    is the whole cone; Harris, *Algebraic Geometry: A First Course*, Lecture 20).  The
    ideal I + minors is homogeneous of dimension 0, so its radical is the maximal ideal
    of the origin: the reduced locus is one point, degree 1 (the scheme I + minors may
    have a larger degree, its multiplicity at the vertex).
    The narrower network (2,0,2) is the origin: equal.
    """
    result = singular_locus(PolynomialNetwork((2, 1, 2), 2), backend=cas)
    assert (result.locus.dimension, result.locus.degree) == (0, 1)
    assert result.scheme_degree is not None and result.scheme_degree >= 1
    assert result.to_dict()["singular_locus"]["degree"] == 1
    assert result.subnetworks.equal


def test_reduced_locus_of_polyconv_is_the_origin(cas):
    """Polynomial convolution, filters (2,2), strides (2,1), r = 2: locus of dimension 0.

    The variety is a cone (the outputs are homogeneous in the filter weights), so I +
    minors is homogeneous; when its dimension is 0, V(I + minors) is the vertex alone
    and its radical is the maximal ideal of the origin, of degree 1 (Nullstellensatz).
    Both CAS must agree on dimension 0 and the reduced degree 1.
    """
    model = model_from_options(
        "polyconv", {"filters": (2, 2), "activation_degree": 2, "strides": (2, 1)}
    )
    result = singular_locus(model, backend=cas)
    assert (result.locus.dimension, result.locus.degree) == (0, 1)
    assert result.scheme_degree is not None and result.scheme_degree >= result.locus.degree


def test_shallow_network_is_compared_with_its_subnetworks(cas):
    """Shallow (d0, k, r) = (3, 2, 2): ternary quadrics of rank <= 2, det of a sym. 3 x 3.

    Its singular locus is the rank <= 1 symmetric matrices (the squares of linear forms;
    symmetric determinantal varieties, Harris, *Algebraic Geometry*, Lecture 22), the
    cone over the Veronese surface v_2(P^2): dimension 3, degree 2^2 = 4 (deg v_d(P^n) =
    d^n, ibid. Lecture 18).  The scheme I + minors is radical here: the partial
    derivatives of det are its 2 x 2 cofactors, which generate the prime ideal of the
    rank <= 1 locus, so its degree is 4 too.  That is the variety of the narrower
    network (3, 1, 1): the comparison runs for shallow networks, which are
    PolynomialNetwork((3, 2, 1), 2).
    """
    result = singular_locus(ShallowNetwork(3, 2, 2), backend=cas)
    assert (result.locus.dimension, result.locus.degree) == (3, 4)
    assert result.scheme_degree == 4
    assert result.subnetworks.architectures == ((3, 1, 1),)
    assert result.subnetworks.equal
