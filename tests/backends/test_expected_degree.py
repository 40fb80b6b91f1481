"""The model's expected degree in implicitization results (JSON and summary), on each CAS.

Sources: Harris, *Algebraic Geometry* (GTM 133), Example 19.10 (degree of the
determinantal variety) and Example 18.15 (degree of a Segre variety).
"""

from __future__ import annotations

import json

from nagbridge import LightningAttention, LinearNetwork, implicitize
from nagbridge.models import LinearConvNetwork


def test_linear_network_expected_degree_is_shown_and_met(backend):
    """Widths (3, 2, 3): 3 x 3 matrices of rank <= 2, the hypersurface det = 0, of
    degree prod_(i=0)^(0) C(3 + i, 2) / C(2 + i, 2) = 3 (Harris 19.10)."""
    result = implicitize(LinearNetwork((3, 2, 3)), backend=backend)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["expected_degree"] == 3 == data["degree"] == result.degree
    assert "degree 3 (expected 3)" in result.summary()


def test_conv_expected_degree_is_shown_and_met(backend):
    """Filters 2, 2, 2 with strides 2, 2, 1 do not overlap: the Segre variety
    P^1 x P^1 x P^1, of degree 3! / (1! 1! 1!) = 6 (Harris 18.15)."""
    result = implicitize(LinearConvNetwork((2, 2, 2), (2, 2, 1)), backend=backend)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["expected_degree"] == 6 == data["degree"] == result.degree
    assert "degree 6 (expected 6)" in result.summary()


def test_no_expected_degree_is_null(backend):
    """One token: the model states no degree (its docstring), so JSON has null and the
    summary shows none.  d = 1, t = 1: the single output m v x^3 fills the line."""
    model = LightningAttention(1, 1, 1, 1)
    assert model.expected_degree is None
    result = implicitize(model, backend=backend)
    assert result.to_dict()["expected_degree"] is None
    assert "(expected" not in result.summary().splitlines()[2]
