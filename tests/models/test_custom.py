"""Custom polynomial maps: parsed strictly, then through the same pipeline as the networks."""

from __future__ import annotations

import pytest
import sympy

from nagbridge import InvalidInputError, PolynomialNetwork, implicitize
from nagbridge.models import CustomMap, map_from_data
from tests.conftest import BACKEND_PARAMETERS


@pytest.fixture(params=BACKEND_PARAMETERS)
def backend(request: pytest.FixtureRequest):
    return request.getfixturevalue(request.param)


def test_reserved_cas_words_as_variable_names(backend):
    """The conic (s^2, s t, t^2) has the single equation ring^2 = sort * degree when its
    coordinates are called sort, ring and degree -- names that are keywords or built-in
    functions in Macaulay2 and Singular.  They never reach the CAS (it sees exponents)."""
    conic = CustomMap(("s", "t"), {"sort": "s^2", "ring": "s*t", "degree": "t^2"})
    result = implicitize(conic, backend=backend)
    sort, ring, degree = sympy.symbols("sort ring degree")
    (generator,) = result.generators
    assert sympy.div(generator.as_expr(), ring**2 - sort * degree)[1] == 0
    assert (result.dimension, result.degree) == (2, 2)


def test_restating_a_network_gives_its_answers(backend):
    """(2,1,1), r=3 written out by hand: f = a (u x + v y)^3 has coefficients
    (a u^3, 3 a u^2 v, 3 a u v^2, a v^3) on x^3, x^2 y, x y^2, y^3."""
    restated = CustomMap(
        ("a", "u", "v"),
        {"c_0_3_0": "a*u^3", "c_0_2_1": "3*a*u^2*v", "c_0_1_2": "3*a*u*v^2", "c_0_0_3": "a*v^3"},
    )
    custom = implicitize(restated, backend=backend)
    network = implicitize(PolynomialNetwork((2, 1, 1), 3), backend=backend)
    assert (custom.dimension, custom.degree) == (network.dimension, network.degree)
    assert custom.hilbert_polynomial == network.hilbert_polynomial
    assert all(network.implicit_ideal.contains(g.as_expr()) for g in custom.generators)
    assert all(custom.implicit_ideal.contains(g.as_expr()) for g in network.generators)


@pytest.mark.parametrize(
    ("parameters", "outputs"),
    [
        (("s",), {"a": "s^2; exit 0"}),
        (("s",), {"a": 's^2 + "x"'}),
        (("s",), {"a": "s^2 }"}),
        (("s",), {"a": "t^2"}),
        (("s",), {"a b": "s"}),
        (("s t",), {"a": "s"}),
        (("s",), {"s": "s^2"}),
        (("s",), {}),
        ("s", {"a": "s"}),
    ],
)
def test_hostile_or_malformed_maps_are_rejected_before_any_cas(parameters, outputs):
    with pytest.raises(InvalidInputError):
        CustomMap(parameters, outputs)


def test_a_bad_output_is_named_with_the_position_of_the_bad_character():
    """``s^2;quit``: the ';' is character 4; the error names outputs.a, in a map file
    too, not the model."""
    with pytest.raises(InvalidInputError) as caught:
        CustomMap(("s", "t"), {"a": "s^2;quit", "b": "s*t"})
    assert caught.value.name == "outputs.a"
    assert "unexpected character ';' at character 4" in caught.value.reason
    with pytest.raises(InvalidInputError) as caught:
        map_from_data({"parameters": ["s", "t"], "outputs": {"b": "s*t", "a": "s^2;quit"}})
    assert caught.value.name == "outputs.a in map" and "character 4" in caught.value.reason
