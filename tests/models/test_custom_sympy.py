"""Custom maps from sympy expressions and networks given by weights, inputs and outputs."""

from __future__ import annotations

import pytest
import sympy

from nagbridge import InvalidInputError, PolynomialNetwork, ideals, implicitize
from nagbridge.models import CustomMap, model_from_options
from tests.conftest import BACKEND_PARAMETERS


@pytest.fixture(params=BACKEND_PARAMETERS)
def backend(request: pytest.FixtureRequest):
    return request.getfixturevalue(request.param)


def _same_neurovariety(custom, network, backend):
    """Equal dimension, degree, Hilbert polynomial and ideal: the reduced grevlex bases
    of the two implicit ideals agree (a reduced basis is unique, CLO Ch. 2 §7, Thm 5)."""
    assert (custom.dimension, custom.degree) == (network.dimension, network.degree)
    assert custom.hilbert_polynomial == network.hilbert_polynomial
    first = ideals.groebner_basis(custom.implicit_ideal, backend=backend)
    second = ideals.groebner_basis(network.implicit_ideal, backend=backend)
    assert [g.as_expr() for g in first.polynomials] == [g.as_expr() for g in second.polynomials]


def _network_212_outputs():
    """f(x) = W2 (W1 x)^2 for widths (2, 1, 2), r = 2, written out by hand with the
    weight names of PolynomialNetwork (w_l_i_j, row i and column j of W_l)."""
    w110, w111, w200, w210 = sympy.symbols("w_1_0_0 w_1_0_1 w_2_0_0 w_2_1_0")
    x0, x1 = sympy.symbols("x_0 x_1")
    hidden = (w110 * x0 + w111 * x1) ** 2
    return [w110, w111, w200, w210], [x0, x1], [w200 * hidden, w210 * hidden]


def test_from_network_restates_a_polynomial_network_exactly():
    """The coefficients of f_i = w_2_i_0 (w_1_0_0 x_0 + w_1_0_1 x_1)^2 on x_0^2, x_0 x_1,
    x_1^2 are the images of the built-in parametrization (no gauge fixing): same names,
    same order (output by output, monomials in descending lex order), same terms."""
    weights, inputs, outputs = _network_212_outputs()
    custom = CustomMap.from_network(weights, inputs, outputs)
    network = PolynomialNetwork((2, 1, 2), 2)
    assert tuple(custom.outputs) == network.coefficient_names
    assert custom.parametrization() == network.parametrization(gauge_fixed=False)


def test_text_and_sympy_forms_of_a_network_agree():
    """The same (2, 1, 2) network typed in the strict grammar: (w x_0 + v x_1)^2 has
    coefficients w^2, 2 w v, v^2, times the output weight."""
    typed = CustomMap(
        ("w_1_0_0", "w_1_0_1", "w_2_0_0", "w_2_1_0"),
        {
            f"c_{i}_{e}": f"w_2_{i}_0*{monomial}"
            for i in range(2)
            for e, monomial in [
                ("2_0", "w_1_0_0^2"),
                ("1_1", "2*w_1_0_0*w_1_0_1"),
                ("0_2", "w_1_0_1^2"),
            ]
        },
    )
    assert (
        typed.parametrization()
        == CustomMap.from_network(*_network_212_outputs()).parametrization()
    )


def test_from_network_gives_the_built_in_answers(backend):
    """PolynomialNetwork((2, 2, 3), 2) restated through sympy: f = W2 (W1 x)^2."""
    network = PolynomialNetwork((2, 2, 3), 2)
    symbols = {name: sympy.Symbol(name) for name in network.weight_names()}
    x0, x1 = sympy.symbols("x_0 x_1")
    hidden = [(symbols[f"w_1_{k}_0"] * x0 + symbols[f"w_1_{k}_1"] * x1) ** 2 for k in range(2)]
    outputs = [sum(symbols[f"w_2_{i}_{k}"] * hidden[k] for k in range(2)) for i in range(3)]
    custom = CustomMap.from_network(list(symbols.values()), [x0, x1], outputs)
    assert tuple(custom.outputs) == network.coefficient_names
    _same_neurovariety(
        implicitize(custom, backend=backend), implicitize(network, backend=backend), backend
    )


def test_from_sympy_restates_a_network(backend):
    """(2,1,1), r = 3: f = a (u x + v y)^3 has coefficients a u^3, 3 a u^2 v, 3 a u v^2,
    a v^3 on x^3, x^2 y, x y^2, y^3; the twisted cubic cone, as for the network."""
    a, u, v = sympy.symbols("a u v")
    custom = CustomMap.from_sympy(
        [a, u, v],
        {
            "c_0_3_0": a * u**3,
            "c_0_2_1": 3 * a * u**2 * v,
            "c_0_1_2": 3 * a * u * v**2,
            "c_0_0_3": a * v**3,
        },
    )
    _same_neurovariety(
        implicitize(custom, backend=backend),
        implicitize(PolynomialNetwork((2, 1, 1), 3), backend=backend),
        backend,
    )


def test_from_sympy_is_exact_and_round_trips_through_plain_options():
    """Rational coefficients stay exact, symbols with assumptions stand for the parameter
    of their name, and describe() rebuilds the same map through the model registry."""
    s = sympy.Symbol("s", positive=True)
    t = sympy.Symbol("t")
    custom = CustomMap.from_sympy([s, t], [sympy.Rational(2, 3) * s**2 - t, (s + t) ** 2])
    assert custom.outputs == {"y_0": "2/3*s^2 - t", "y_1": "s^2 + 2*s*t + t^2"}
    options = {k: v for k, v in custom.describe().items() if k != "model"}
    assert model_from_options("custom", options) == custom


@pytest.mark.parametrize(
    ("outputs", "name"),
    [
        ({"a": 0.5 * sympy.Symbol("s")}, "outputs.a"),
        ({"a": 1 / sympy.Symbol("s")}, "outputs.a"),
        ({"a": sympy.sqrt(sympy.Symbol("s"))}, "outputs.a"),
        ({"a": sympy.exp(sympy.Symbol("s"))}, "outputs.a"),
        ({"a": sympy.pi * sympy.Symbol("s")}, "outputs.a"),
        ({"a": sympy.Symbol("s") * sympy.Symbol("q")}, "outputs.a"),
        ({"a": "s^2"}, "outputs.a"),
        ({"a": [sympy.Symbol("s")]}, "outputs.a"),
        ("s^2", "outputs"),
        ({}, "outputs"),
        ({"s": sympy.Symbol("s") ** 2}, "outputs"),
    ],
)
def test_from_sympy_rejects_what_is_not_an_exact_polynomial(outputs, name):
    with pytest.raises(InvalidInputError) as error:
        CustomMap.from_sympy([sympy.Symbol("s")], outputs)
    assert error.value.name == name


@pytest.mark.parametrize(
    ("weights", "inputs", "outputs", "name"),
    [
        (["a"], ["a"], [sympy.Symbol("a")], "inputs"),
        ([sympy.Symbol("a")], [sympy.Symbol("x")], [], "outputs"),
        ([sympy.Symbol("a")], [sympy.Symbol("x")], [0 * sympy.Symbol("x")], "outputs"),
        ([sympy.Symbol("a")], [sympy.Symbol("x")], [sympy.Symbol("a") * 0.5], "outputs[0]"),
        ([sympy.Symbol("a")], [sympy.Symbol("x")], [sympy.Symbol("b")], "outputs[0]"),
        ([sympy.Integer(2)], [sympy.Symbol("x")], [sympy.Symbol("x")], "weights"),
        ("a", [sympy.Symbol("x")], [sympy.Symbol("x")], "weights"),
    ],
)
def test_from_network_rejects_bad_input(weights, inputs, outputs, name):
    with pytest.raises(InvalidInputError) as error:
        CustomMap.from_network(weights, inputs, outputs)
    assert error.value.name == name
