"""Sweeps over the other models of the registry, through real Singular processes.

Expected values, from the models' own sources (see their docstrings):

- linear (d0, h, dL): d_L x d_0 matrices of rank <= rho = min widths, dimension
  rho (d0 + dL - rho) (Bruns and Vetter, *Determinantal Rings*, Prop. 1.1); degree
  prod_{i=0}^{n-rho-1} (m+i)! i! / ((rho+i)! (m-rho+i)!) for m x n matrices, n <= m
  (Harris, *Algebraic Geometry*, Example 19.10): 3 for rank <= 2 among 3 x 3 matrices,
  1 when the rank bound is min(m, n) (the space fills), 6 for rank <= 1 among 3 x 3
  (the Segre P^2 x P^2, Harris Example 18.15: C(4, 2) = 6).
- conv with filters (k1, k2) and strides (1, 1): fills C^(k1 + k2 - 1) (Kohn, Merkh,
  Montúfar, Trager 2022), dimension k1 + k2 - 1, degree 1; with stride s1 >= k1 the
  layers do not overlap and the variety is the cone over the Segre variety
  P^(k1-1) x P^(k2-1), of dimension k1 + k2 - 1 and degree C(k1 + k2 - 2, k1 - 1).
"""

from __future__ import annotations

from math import comb
from pathlib import Path

import pytest

from nagbridge.batch import ResultStore, parse_spec, run_batch

pytestmark = [pytest.mark.singular]

SPEC = """
[[sweep]]
model = "linear"
widths = {grid = [3, {from = 1, to = 3}, 3]}
compute = ["implicitize", "dimension"]
backend = "singular"
timeout = 60

[[sweep]]
model = "conv"
filters = [[2, 2], [2, 3], [3, 2]]
strides = [[1, 1], [3, 1]]
compute = ["implicitize", "dimension"]
backend = "singular"
timeout = 60
"""


def expected(model: dict[str, object]) -> tuple[int, int]:
    """Dimension and degree from the module docstring."""
    if model["model"] == "linear":
        rank = min(model["widths"])  # type: ignore[type-var]
        return rank * (3 + 3 - rank), {1: 6, 2: 3, 3: 1}[rank]
    k1, k2 = model["filters"]  # type: ignore[misc]
    if model["strides"][0] == 1:  # type: ignore[index]
        return k1 + k2 - 1, 1
    return k1 + k2 - 1, comb(k1 + k2 - 2, k1 - 1)


def test_linear_and_convolutional_sweeps(tmp_path: Path) -> None:
    spec = parse_spec(SPEC)
    assert len(spec.jobs) == 2 * 3 + 2 * 6
    with ResultStore(tmp_path / "models.db") as store:
        report = run_batch(spec, store, workers=2)
        assert report.counts == {"done": len(spec.jobs)}
        rows = list(store.rows())
    for row in rows:
        model = row["problem"]["model"]
        dimension, degree = expected(model)
        assert row["result"]["dimension"] == dimension, row["label"]
        if row["invariant"] == "implicitize":
            assert row["result"]["degree"] == degree, row["label"]
        else:
            assert row["result"]["is_exact"], row["label"]
