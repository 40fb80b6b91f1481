"""The generic fast dimension (any model's parametrization) against known dimensions."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain, product
from math import comb
from typing import Any, ClassVar

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork
from nagbridge._invariants import jacobian_rank
from nagbridge.algebra import Field, RingMap
from nagbridge.fast import fast_dimension
from nagbridge.fast._generic import GENERIC_METHOD, generic_fast_dimension
from nagbridge.models import MODELS, CustomMap, ModelOption, model_from_options, register_model


def veronese(variables: int, degree: int) -> CustomMap:
    """All monomials of ``degree`` in ``variables`` parameters: the Veronese cone."""
    names = [f"s{i}" for i in range(variables)]
    outputs = {}
    for exponents in product(range(degree + 1), repeat=variables):
        if sum(exponents) == degree:
            label = "_".join(map(str, exponents))
            outputs[f"v_{label}"] = "*".join(
                f"{name}^{e}" for name, e in zip(names, exponents, strict=True) if e
            )
    return CustomMap(tuple(names), outputs)


def segre(m: int, n: int) -> CustomMap:
    """x_i y_j: the cone over the Segre product P^(m-1) x P^(n-1)."""
    xs, ys = [f"x{i}" for i in range(m)], [f"y{j}" for j in range(n)]
    return CustomMap(
        (*xs, *ys), {f"z_{i}_{j}": f"{xs[i]}*{ys[j]}" for i in range(m) for j in range(n)}
    )


def matrix_product(rows: int, inner: int, columns: int) -> CustomMap:
    """The entries of A B with A rows x inner, B inner x columns: rank <= inner matrices."""
    a = [[f"a{i}{k}" for k in range(inner)] for i in range(rows)]
    b = [[f"b{k}{j}" for j in range(columns)] for k in range(inner)]
    outputs = {
        f"m_{i}_{j}": " + ".join(f"{a[i][k]}*{b[k][j]}" for k in range(inner))
        for i in range(rows)
        for j in range(columns)
    }
    return CustomMap((*chain.from_iterable(a), *chain.from_iterable(b)), outputs)


#: (a x + b y + c z)^2 + (d x + e y + f z)^2 as ternary quadric coefficients.
SUM_OF_TWO_SQUARES = CustomMap(
    ("a", "b", "c", "d", "e", "f"),
    {
        "xx": "a^2 + d^2",
        "yy": "b^2 + e^2",
        "zz": "c^2 + f^2",
        "xy": "2*a*b + 2*d*e",
        "xz": "2*a*c + 2*d*f",
        "yz": "2*b*c + 2*e*f",
    },
)

#: Outputs that depend on s + t only: (u, u^2, u^3) with u = s + t.
THROUGH_A_SUM = CustomMap(("s", "t"), {"p": "s + t", "q": "(s + t)^2", "r": "(s + t)^3"})


CASES = [
    # Veronese cone over v_d(P^(n-1)) has dimension n (the map is finite onto its image:
    # the d-th powers determine the point up to a d-th root of unity).
    pytest.param(veronese(2, 3), 2, id="twisted-cubic"),
    pytest.param(veronese(3, 2), 3, id="veronese-surface"),
    pytest.param(veronese(3, 4), 3, id="quartic-veronese-surface"),
    # Segre cone: rank-one m x n matrices, dimension m + n - 1 (Harris, Algebraic
    # Geometry, Example 18.15: the Segre variety has dimension (m-1) + (n-1)).
    pytest.param(segre(2, 2), 3, id="segre-2x2"),
    pytest.param(segre(2, 3), 4, id="segre-2x3"),
    # Matrices of rank <= k, m x n: dimension k (m + n - k) (Bruns-Vetter, Determinantal
    # Rings, Prop. 1.1); A B with inner size k parametrizes them.
    pytest.param(matrix_product(3, 2, 3), 8, id="determinantal-3x3-rank-2"),
    pytest.param(matrix_product(2, 1, 3), 4, id="determinantal-2x3-rank-1"),
    # Defect by hand: the symmetric matrix of the quadric is L L^T with L 3 x 2, rank <= 2,
    # so det = 0 and the dimension is at most 5; every complex symmetric matrix of rank
    # <= 2 is some L L^T (diagonalise the form), so the image is the determinantal
    # hypersurface, of dimension 5 < min(6, 6) (an Alexander-Hirschowitz exception).
    pytest.param(SUM_OF_TWO_SQUARES, 5, id="sum-of-two-squares-defect"),
    # The map factors through u = s + t and u -> (u, u^2, u^3) is injective: dimension 1.
    pytest.param(THROUGH_A_SUM, 1, id="factors-through-a-line"),
]


@pytest.mark.parametrize(("model", "expected"), CASES)
def test_known_dimensions_of_custom_maps(model, expected):
    result = fast_dimension(model, seed=7)
    assert result.method == GENERIC_METHOD
    assert result.dimension == expected
    upper = min(model.num_parameters, model.ambient_dimension)
    assert result.upper_bound == upper
    assert result.is_exact is (expected == upper)
    if result.is_exact:
        assert result.failure_probability_bound == 0
    else:
        assert 0 < result.failure_probability_bound < Fraction(1, 10**12)


@pytest.mark.parametrize(("model", "expected"), CASES)
def test_agrees_with_the_exact_rank_over_the_rationals(model, expected):
    """The exact QQ rank at a random integer point (FLINT's fmpq_mat) is the generic rank
    unless a minor vanishes there; both routes must agree."""
    ring_map = model.parametrization()
    generator = random.Random(11)
    point = [Fraction(generator.randint(-(10**6), 10**6)) for _ in range(ring_map.target.ngens)]
    assert jacobian_rank(ring_map, point) == fast_dimension(model, seed=3).dimension == expected


@pytest.mark.parametrize(
    ("widths", "r"),
    [((2, 1, 1), 3), ((2, 2, 3), 2), ((2, 1, 2), 2), ((3, 2, 1), 2), ((3, 2, 3), 1),
     ((2, 2, 2, 1), 2), ((3, 2, 2), 2), ((2, 3, 2, 2), 2)],
)  # fmt: skip
def test_agrees_with_the_network_route_on_polynomial_networks(widths, r):
    """Two routes, one answer: the network route's backward pass and the expansion."""
    network = PolynomialNetwork(widths, r)
    generic = generic_fast_dimension(network, seed=5)
    assert generic.dimension == fast_dimension(network, seed=5).dimension
    assert generic.method == GENERIC_METHOD


def test_results_serialise_with_the_model_description():
    data = fast_dimension(veronese(2, 3), seed=1).to_dict()
    json.dumps(data)
    assert data["model"]["model"] == "custom" and data["dimension"] == 2
    assert (data["num_parameters"], data["ambient_dimension"]) == (2, 4)
    assert data["is_exact"] is True and data["method"] == GENERIC_METHOD


@register_model
@dataclass(frozen=True)
class _TorusSegre:
    """(s, t, u, v) -> (s u, s v, t u, t v), with the torus (l s, l t, u / l, v / l) in
    every fibre: it declares #parameters - 1 = 3 as a proven upper bound."""

    MODEL_NAME: ClassVar[str] = "test-torus-segre"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("declare_bound", "bool", "declare the expected dimension a bound"),
    )
    declare_bound: bool = True

    @property
    def expected_dimension_is_upper_bound(self) -> bool:
        return self.declare_bound

    num_parameters = 4
    symmetry_dimension = 1
    ambient_dimension = 4
    expected_dimension = 3

    def describe(self) -> dict[str, Any]:
        return {"model": self.MODEL_NAME, "declare_bound": self.declare_bound}

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        return segre(2, 2).parametrization(field)


@pytest.fixture(autouse=True, scope="module")
def _remove_test_model() -> Iterator[None]:
    yield
    MODELS.pop("test-torus-segre", None)


def test_a_registered_model_declares_its_upper_bound():
    """The Segre cone has dimension 3 (see above): reaching the declared bound 3 makes
    the answer exact; without the declaration only min(4, 4) = 4 is proven."""
    declared = fast_dimension(model_from_options("test-torus-segre", {}), seed=1)
    assert (declared.dimension, declared.upper_bound, declared.is_exact) == (3, 3, True)
    plain = fast_dimension(model_from_options("test-torus-segre", {"declare_bound": False}))
    assert (plain.dimension, plain.upper_bound, plain.is_exact) == (3, 4, False)


def test_a_prime_dividing_a_denominator_is_refused():
    halves = CustomMap(("s",), {"a": "1/1048583*s", "b": "s^2"})
    with pytest.raises(InvalidInputError) as caught:
        fast_dimension(halves, primes=[1048583])
    assert caught.value.name == "prime"


def test_the_failure_bound_is_schwartz_zippel_over_nonzero_points():
    """Segre 2 x 2: upper bound 4, entries of degree 1: per trial 4 * 1 / (p - 1)."""
    primes = [1048583, 1048589]
    result = fast_dimension(segre(2, 2), primes=primes, trials=2, seed=0)
    assert result.dimension == 3
    expected = Fraction(4, primes[0] - 1) * Fraction(4, primes[1] - 1)
    assert result.failure_probability_bound == expected


def test_a_constant_map_has_dimension_zero():
    constant = CustomMap(("s",), {"a": "3", "b": "0"})
    result = fast_dimension(constant, seed=0)
    assert result.dimension == 0 and not result.is_exact


def test_anything_without_a_parametrization_is_refused():
    with pytest.raises(InvalidInputError) as caught:
        fast_dimension("veronese")  # type: ignore[arg-type]
    assert caught.value.name == "model"


def test_veronese_ambient_dimension_is_the_monomial_count():
    assert veronese(3, 4).ambient_dimension == comb(3 + 4 - 1, 4)
