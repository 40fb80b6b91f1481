"""The invariant commands as a user runs them, and their refusals of bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run_cli


@pytest.mark.singular
def test_singular_locus_json():
    """(3,2,3), r = 1: rank <= 1 locus of 3 x 3 matrices, dim 5 (see test_singular_locus)."""
    completed = run_cli(
        "singular-locus", "--widths", "3,2,3", "--activation-degree", "1",
        "--backend", "singular", "--components", "--json",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["singular_locus"]["dimension"] == 5 and data["subnetworks"]["equal"] is True


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param("singular", marks=pytest.mark.singular),
        pytest.param("macaulay2", marks=pytest.mark.macaulay2),
    ],
)
@pytest.mark.parametrize(
    "model",
    [
        ("--model", "polyconv", "--filters", "2,2", "--activation-degree", "2",
         "--strides", "2,1"),
        ("--model", "polynomial", "--widths", "2,1,2", "--activation-degree", "2"),
    ],
)  # fmt: skip
def test_singular_locus_json_reports_the_reduced_locus(backend, model):
    """Both cones are singular only at the vertex (see test_singular_locus): the reduced
    locus of a homogeneous ideal of dimension 0 is the origin, degree 1; the scheme
    I + minors keeps its own degree under ``scheme_degree``."""
    completed = run_cli("singular-locus", *model, "--backend", backend, "--json")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert (data["singular_locus"]["dimension"], data["singular_locus"]["degree"]) == (0, 1)
    assert data["scheme_degree"] >= 1


@pytest.mark.singular
def test_fiber_json(tmp_path: Path):
    """(2,1,1), r = 3 at (u, v, a) = (1, 2, 3): one point in the slice (see test_fiber)."""
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"W1": [[1, 2]], "W2": [["3"]]}))
    completed = run_cli(
        "fiber", "--widths", "2,1,1", "--activation-degree", "3", "--weights", str(path),
        "--backend", "singular", "--json",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert (data["slice_points"], data["is_regular_point"]) == (1, True)


@pytest.mark.singular
def test_ed_degree_json():
    """(3,1,2), r = 1: Eckart-Young, C(2, 1) = 2."""
    completed = run_cli(
        "ed-degree", "--widths", "3,1,2", "--activation-degree", "1", "--backend", "singular",
        "--json",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert (data["ed_degree"], data["inner_product"]) == (2, "euclidean")


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (("ed-degree", "--widths", "3,1,2", "--activation-degree", "1",
          "--inner-product", "hermitian"), "hermitian"),
        (("singular-locus", "--widths", "3,x,2", "--activation-degree", "1"), "--widths 3,x,2: x"),
        (("singular-locus", "--widths", "3,0,2", "--activation-degree", "1"), "width 0"),
        (("ed-degree", "--widths", "3,1,2", "--activation-degree", "1", "--backend", "maple"),
         "maple"),
        (("fiber", "--widths", "2,2,3", "--activation-degree", "2", "--weights",
          "/nonexistent/w.json"), "invalid --weights /nonexistent/w.json:"),
    ],
)  # fmt: skip
def test_bad_input_exits_2(arguments, named):
    completed = run_cli(*arguments)
    assert completed.returncode == 2
    assert named in completed.stderr and len(completed.stderr.strip().splitlines()) == 1


def test_wrong_weight_shape_exits_2(tmp_path: Path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"W1": [[1, 2]], "W2": [[1, 2], [3, 1], [0, 5]]}))
    completed = run_cli(
        "fiber", "--widths", "2,2,3", "--activation-degree", "2", "--weights", str(path)
    )
    assert completed.returncode == 2
    assert "W1" in completed.stderr and "1 x 2" in completed.stderr
