"""Implicitization problems as plain data: canonical form and hash, no CAS needed."""

from __future__ import annotations

import json

from nagbridge import ImplicitizationProblem, PolynomialNetwork


def test_problem_hash_is_stable():
    network = PolynomialNetwork((2, 2, 3), 2)
    first = ImplicitizationProblem.from_model(network, "QQ")
    second = ImplicitizationProblem.from_model(PolynomialNetwork([2, 2, 3], 2), "QQ")
    assert first.digest() == second.digest()
    assert first.digest() != ImplicitizationProblem.from_model(network, "GF(7)").digest()
    json.dumps(first.canonical())
