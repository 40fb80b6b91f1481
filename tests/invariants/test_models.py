"""Singular locus, fibres and ED degree of models that are not networks (custom maps)."""

from __future__ import annotations

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork, ed_degree, fiber, singular_locus
from nagbridge._invariants import check_weights, inner_product_weights
from nagbridge.models import CustomMap, load_map

TWISTED_CUBIC = CustomMap(("s", "t"), {"a": "s^3", "b": "s^2*t", "c": "s*t^2", "d": "t^3"})
PARABOLA = CustomMap(("t",), {"x": "t", "y": "t^2"})
#: The cone b^2 = a c over a conic, parametrized by (s^2, s t, t^2).
CONIC_CONE = CustomMap(("s", "t"), {"a": "s^2", "b": "s*t", "c": "t^2"})


def test_the_example_map_file_is_the_twisted_cubic():
    assert load_map("examples/map-twisted-cubic.toml") == TWISTED_CUBIC


def test_conic_cone_is_singular_at_its_vertex_only(cas):
    """V(b^2 - a c): the partial derivatives (-c, 2b, -a) vanish only at 0, so the
    singular locus is the reduced origin: dimension 0, degree 1 (Jacobian criterion)."""
    result = singular_locus(CONIC_CONE, backend=cas)
    assert (result.neurovariety_dimension, result.codimension) == (2, 1)
    assert (result.locus.dimension, result.locus.degree) == (0, 1)
    assert result.subnetworks is None and result.model["model"] == "custom"


def test_twisted_cubic_cone_is_singular_at_its_vertex(cas):
    """The cone over a smooth curve that spans P^3 is singular exactly at its vertex
    (its tangent cone there is the whole cone, of degree 3 > 1): dimension 0."""
    result = singular_locus(TWISTED_CUBIC, backend=cas)
    assert result.codimension == 2 and result.locus.dimension == 0


def test_parabola_is_smooth(cas):
    """y = x^2: the gradient (-2x, 1) never vanishes, so the singular locus is empty."""
    result = singular_locus(PARABOLA, backend=cas)
    assert result.locus.is_empty and result.locus.dimension == -1


def test_subnetworks_need_a_network():
    with pytest.raises(InvalidInputError) as caught:
        singular_locus(CONIC_CONE, subnetworks=True, backend="singular")
    assert caught.value.name == "subnetworks"


def test_twisted_cubic_fibre_is_three_points(cas):
    """At (s, t) = (1, 2): s'^3 = 1 and s'^2 t' = 2 give t' = 2 / s'^2 = 2 s', and then
    s' t'^2 = 4 s'^3 = 4 and t'^3 = 8 hold: the fibre is {(w, 2w) : w^3 = 1}, three
    reduced points.  The Jacobian [[3s^2, 0], [2st, s^2], [t^2, 2st], [0, 3t^2]] has rank
    2 at (1, 2), the generic rank 2 = dimension: a regular point, generic fibre finite."""
    result = fiber(TWISTED_CUBIC, {"s": 1, "t": "2"}, backend=cas)
    assert (result.fiber_dimension, result.generic_fiber_dimension) == (0, 0)
    assert (result.slice_dimension, result.slice_degree, result.slice_points) == (0, 3, 3)
    assert result.jacobian_rank == 2 and result.is_regular_point
    assert result.permutation_group_order == 1
    assert result.to_dict()["slice"].startswith("no parameter fixed")


@pytest.mark.singular
def test_network_weights_by_parameter_name(singular_session):
    """(2,1,1), r = 3 with w_1_0_0 = 1, w_1_0_1 = 2, w_2_0_0 = 3 is the point
    W1 = [[1, 2]], W2 = [[3]] of tests/invariants/test_fiber.py: one point in the slice."""
    network = PolynomialNetwork((2, 1, 1), 3)
    named = {"w_1_0_0": 1, "w_1_0_1": 2, "w_2_0_0": 3}
    assert check_weights(network, named) == check_weights(network, {"W1": [[1, 2]], "W2": [[3]]})
    result = fiber(network, named, backend=singular_session)
    assert (result.slice_points, result.points_modulo_symmetries) == (1, 1)


@pytest.mark.parametrize(
    ("weights", "named"),
    [
        ({"s": 1}, "weights"),
        ({"s": 1, "t": 2, "u": 3}, "weight names"),
        ({"s": 1, "t": 0.5}, "weight t"),
        ([1, 2], "weights"),
    ],
)
def test_bad_parameter_points_are_refused_by_name(weights, named):
    with pytest.raises(InvalidInputError) as caught:
        fiber(TWISTED_CUBIC, weights, backend="none")
    assert caught.value.name == named


def test_parabola_ed_degree_is_three(cas):
    """Critical points of (x - u1)^2 + (x^2 - u2)^2 on y = x^2, parametrized by x = t:
    d/dt = 2 (t - u1) + 4 t (t^2 - u2) = 0, a cubic in t with three distinct roots for
    generic u (its discriminant is a non-zero polynomial in u): ED degree 3."""
    assert ed_degree(PARABOLA, backend=cas, seed=5).ed_degree == 3


def test_twisted_cubic_bombieri_weyl_by_coefficient_names(cas):
    """Outputs named c_0_e, coefficients of (s x + t y)^3 = sum C(3, e) s^(3-e) t^e ...:
    the same variety as the network (2,1,1), r = 3, so Bombieri-Weyl gives d = 3
    (Draisma, Horobet, Ottaviani, Sturmfels, Thomas 2016, Cor. 8.7, as in
    tests/invariants/test_ed_degree.py)."""
    binary_cubics = CustomMap(
        ("s", "t"),
        {"c_0_3_0": "s^3", "c_0_2_1": "3*s^2*t", "c_0_1_2": "3*s*t^2", "c_0_0_3": "t^3"},
    )
    assert [str(w) for w in inner_product_weights(binary_cubics, "bombieri-weyl")] == [
        "1", "1/3", "1/3", "1"
    ]  # fmt: skip
    result = ed_degree(binary_cubics, inner_product="bombieri-weyl", backend=cas, seed=3)
    assert result.ed_degree == 3


def test_bombieri_weyl_needs_coefficient_coordinates():
    with pytest.raises(InvalidInputError) as caught:
        ed_degree(TWISTED_CUBIC, inner_product="bombieri-weyl", backend="none")
    assert caught.value.name == "inner product" and "c_i_e" in caught.value.reason


def test_anything_else_is_not_a_model():
    with pytest.raises(InvalidInputError) as caught:
        singular_locus((2, 2, 3), backend="none")  # type: ignore[arg-type]
    assert caught.value.name == "model"
