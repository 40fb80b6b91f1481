"""Fibres of the parametrization and regular points, against hand computations."""

from __future__ import annotations

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork, fiber
from nagbridge._invariants import check_weights
from nagbridge.models import LinearNetwork


def test_twisted_cubic_fibre(cas):
    """(2,1,1), r = 3, f = a (u x + v y)^3 with (u, v, a) = (1, 2, 3).

    The fibre is the torus orbit (t u, t v, t^-3 a): dimension 1 = 3 parameters - 2.
    In the slice u = 1, a = c30 and v = c21 / (3 c30) are determined: one point.  The
    Jacobian of (a u^3, 3 a u^2 v, 3 a u v^2, a v^3) has rank 2 wherever a != 0 and
    (u, v) != 0: a regular point.
    """
    result = fiber(PolynomialNetwork((2, 1, 1), 3), {"W1": [[1, 2]], "W2": [[3]]}, backend=cas)
    assert result.generic_fiber_dimension == 1 and result.fiber_dimension == 1
    assert (result.slice_dimension, result.slice_degree, result.slice_points) == (0, 1, 1)
    assert result.points_modulo_symmetries == 1
    assert result.jacobian_rank == 2 and result.is_regular_point


def test_cubic_hypersurface_generic_fibre(cas):
    """(2,2,3), r = 2: f_i = a_i1 l_1^2 + a_i2 l_2^2, l_k = x + v_k y in the slice.

    The three outputs span the pencil <l_1^2, l_2^2>; a pencil of binary quadrics with
    distinct l_k contains exactly two squares (its discriminant is a quadratic), so
    {l_1, l_2} is determined and W2 then too: 2 points (the two orderings), 2! = 2
    permutations, 1 point modulo symmetries.  Fibre dimension 10 - 8 = 2 (the torus).
    """
    weights = {"W1": [[1, 2], [1, -1]], "W2": [[1, 2], [3, 1], [0, 5]]}
    result = fiber(PolynomialNetwork((2, 2, 3), 2), weights, backend=cas)
    assert (result.generic_fiber_dimension, result.fiber_dimension) == (2, 2)
    assert (result.slice_points, result.permutation_group_order) == (2, 2)
    assert result.points_modulo_symmetries == 1
    assert result.is_regular_point


def test_equal_neurons_are_a_singular_fibre(cas):
    """(2,2,3), r = 2 with l_1 = l_2 = x + 2y: f_i = (a_i1 + a_i2) l^2.

    In the slice the fibre contains {l_1 = l_2 = l, a_1 + a_2 = s} (3 free entries) and
    {l_1 = l, a_2 = 0 ...} of dimension 1, so it has dimension 3 (5 with the torus).  The
    tangent space of a 5-dimensional fibre lies in the kernel of the differential, so
    the Jacobian rank is at most 10 - 5 = 5 < 8: not a regular point.
    """
    weights = {"W1": [[1, 2], [1, 2]], "W2": [[1, 2], [3, 1], [0, 5]]}
    result = fiber(PolynomialNetwork((2, 2, 3), 2), weights, backend=cas)
    assert (result.fiber_dimension, result.slice_dimension) == (5, 3)
    assert not result.is_finite_in_slice and result.slice_points is None
    assert result.jacobian_rank <= 5 and not result.is_regular_point


@pytest.mark.parametrize(
    ("weights", "named"),
    [
        ({"W1": [[1, 2]], "W2": [[1, 2], [3, 1], [0, 5]]}, "W1"),
        ({"W1": [[1, 2], [1, 2]], "W2": [[1, 2], [3, 1]]}, "W2"),
        ({"W1": [[1, 2], [1, 2]]}, "weight matrices"),
        ({"W1": [[1, 2.5], [1, 2]], "W2": [[1, 2], [3, 1], [0, 5]]}, "2.5"),
        ({"W1": [[1, "x"], [1, 2]], "W2": [[1, 2], [3, 1], [0, 5]]}, "'x'"),
    ],
)
def test_bad_weights_are_rejected_before_any_cas(weights, named):
    with pytest.raises(InvalidInputError, match=named):
        fiber(PolynomialNetwork((2, 2, 3), 2), weights, backend="no such cas")


def test_linear_network_takes_weight_matrices(cas):
    """LinearNetwork (2,1,2) at W1 = [[1, 2]], W2 = [[1], [3]]: M = W2 W1 = [[1, 2], [3, 6]].

    By hand: W2 W1 = M of rank one forces W1 = t (1, 2) and W2 = (1, 3)^T / t for a
    t != 0, the GL(1) orbit: a fibre of dimension 1, the generic fibre dimension
    4 - dim{rank <= 1 matrices} = 4 - 3 = 1.  The gauge slice w_1_0_0 = 1 fixes t = 1:
    one point.  The Jacobian of (w1, w2, a, b) -> (a w1, a w2, b w1, b w2) has rank 3
    there (the orbit direction is its kernel): a regular point.  The matrices are the
    same point as the names {w_1_0_0: 1, w_1_0_1: 2, w_2_0_0: 1, w_2_1_0: 3}.
    """
    model = LinearNetwork((2, 1, 2))
    matrices = {"W1": [[1, 2]], "W2": [[1], [3]]}
    names = {"w_1_0_0": 1, "w_1_0_1": 2, "w_2_0_0": 1, "w_2_1_0": 3}
    assert check_weights(model, matrices) == check_weights(model, names)
    result = fiber(model, matrices, backend=cas)
    assert (result.generic_fiber_dimension, result.fiber_dimension) == (1, 1)
    assert (result.slice_dimension, result.slice_points) == (0, 1)
    assert (result.jacobian_rank, result.is_regular_point) == (3, True)


def test_linear_network_weight_matrices_of_the_wrong_shape():
    """W1 of LinearNetwork (2,1,2) is 1 x 2: a 2 x 1 matrix is refused before any CAS."""
    with pytest.raises(InvalidInputError, match="shape of W1"):
        check_weights(LinearNetwork((2, 1, 2)), {"W1": [[1], [2]], "W2": [[1], [3]]})
