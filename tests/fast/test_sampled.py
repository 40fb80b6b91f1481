"""The sampled-Jacobian route of the fast dimension (models with ``sample_jacobian``).

Sources: HMK 2025 = Henry, Marchetti, Kohn, *Geometry of lightning self-attention:
identifiability and dimension* (ICLR 2025), dimension l (a (2d - a) + d^2) - (l - 1) d^2 - l
for d_i = d, a_i = a (the formula quoted in the LightningAttention docstring); the
expansion route (:data:`GENERIC_METHOD`), which ranks the Jacobian of the expanded
parametrization, is the independent reference on small cases.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pytest

from nagbridge import InvalidInputError, LightningAttention
from nagbridge.fast import fast_dimension
from nagbridge.fast._generic import (
    GENERIC_METHOD,
    MAX_EXPANSION_ENTRIES,
    SAMPLED_METHOD,
    ParametrizationArrays,
    check_expansion_size,
)
from nagbridge.fast._modular import rank_mod


def _hmk(dim: int, rank: int, layers: int) -> int:
    return layers * (rank * (2 * dim - rank) + dim**2) - (layers - 1) * dim**2 - layers


def _expansion_route_rank(model: LightningAttention, seed: int) -> int:
    """Rank mod p of the expanded parametrization's Jacobian at a random point."""
    prime = 2147483647
    arrays = ParametrizationArrays.from_ring_map(model.parametrization())
    rng = np.random.default_rng(seed)
    point = rng.integers(1, prime, size=arrays.num_parameters, dtype=np.int64)
    jacobian = arrays.scaled_jacobian(point, arrays.coefficients_mod(prime), prime)
    return rank_mod(jacobian, prime)


@pytest.mark.parametrize(
    ("dim", "rank", "layers", "tokens"),
    [
        (2, 1, 1, 2),
        (2, 2, 1, 2),
        ((3, 2), 2, 1, 2),
        ((2, 1), 1, 1, 3),
        (2, 2, 1, 1),  # t = 1: only the symmetric part of K^T Q is seen (docstring): 6
        (2, 1, 2, 2),
        ((2, 1, 2), 1, 2, 2),
    ],
)
def test_sampled_route_equals_the_expansion_route(dim, rank, layers, tokens):
    model = LightningAttention(dim, rank, layers, tokens)
    result = fast_dimension(model, seed=3)
    assert result.method == SAMPLED_METHOD
    assert result.dimension == _expansion_route_rank(model, seed=5)


@pytest.mark.parametrize(
    ("dim", "rank", "layers", "tokens"),
    [(2, 1, 1, 2), (3, 2, 1, 3), (2, 1, 2, 2), (3, 2, 2, 2), (2, 1, 3, 2), (3, 3, 2, 2)],
)
def test_sampled_route_meets_hmk_where_proved(dim, rank, layers, tokens):
    model = LightningAttention(dim, rank, layers, tokens)
    assert model.expected_dimension_proved
    result = fast_dimension(model, seed=1)
    assert result.dimension == _hmk(dim, rank, layers)
    assert result.is_exact  # the proved expected dimension is the upper bound it reaches


def test_the_reported_deep_cases_finish_in_seconds():
    """d = 2, a = 1, l = 3 (t = 2): HMK 3 (3 + 4) - 2 * 4 - 3 = 10, proved.

    d = 3, a = 2, l = 2, t = 1 (not covered by HMK): with one token x, layer 1 gives
    y = q(x) V_1 x, q(x) = x^T K_1^T Q_1 x, and layer 2 gives
    f = (y^T M_2 y) V_2 y = q^3 r A x with r = x^T V_1^T M_2 V_1 x, A = V_2 V_1.  The
    symmetric part of a rank-2 3 x 3 matrix is a generic symmetric matrix (det(S + N) = 0
    has antisymmetric solutions N over C), so q and r are arbitrary quadrics (6 + 6) and
    A is arbitrary (9).  The gcd of the entries of f is q^3 r (the rows of A x are
    coprime), which by unique factorisation fixes q and r up to scalars: the fibres are
    the 2-dimensional scalings, and the dimension is 21 - 2 = 19."""
    started = time.perf_counter()
    deep = fast_dimension(LightningAttention(2, 1, 3, 2), seed=0)
    one_token = fast_dimension(LightningAttention(3, 2, 2, 1), seed=0)
    assert time.perf_counter() - started < 30
    assert (deep.dimension, deep.is_exact) == (10, True)
    assert one_token.dimension == 19


def test_the_failure_bound_uses_the_models_entry_degree():
    """One layer: deg_w = 3, deg_X = 3, so an entry has degree 3 - 1 + 3 + 1 = 6."""
    assert LightningAttention(2, 1, 1, 2).jacobian_entry_degree == 6
    # two layers: deg_w = 3 * 3 + 3 = 12, deg_X = 9: 12 - 1 + 9 + 1 = 21
    assert LightningAttention(2, 1, 2, 2).jacobian_entry_degree == 21


@dataclass(frozen=True)
class _Huge:
    """A model that only claims a huge coefficient space (no parametrization is built)."""

    MODEL_NAME: ClassVar[str] = "huge"
    width: int = 7
    ambient_dimension: int = MAX_EXPANSION_ENTRIES
    num_parameters: int = 2
    expected_dimension: int = 2

    def describe(self) -> dict[str, Any]:
        return {"model": self.MODEL_NAME, "width": self.width}

    def parametrization(self, field: object = "QQ", gauge_fixed: bool = False) -> Any:
        raise AssertionError("the size guard must refuse before expanding")


def test_the_expansion_fallback_refuses_a_huge_parametrization_naming_the_option():
    with pytest.raises(InvalidInputError) as caught:
        fast_dimension(_Huge())  # type: ignore[arg-type]
    assert caught.value.name == "width"
    check_expansion_size(_Huge(ambient_dimension=10))  # small: accepted


def test_the_generic_method_remains_for_models_without_sampling():
    from nagbridge.models import CustomMap

    cubic = CustomMap(("s", "t"), {"a": "s^3", "b": "s^2*t", "c": "s*t^2", "d": "t^3"})
    assert fast_dimension(cubic, seed=0).method == GENERIC_METHOD
