"""The command line, run as a user runs it: a subprocess with real Macaulay2 behind it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REQUIRED_KEYS = {
    "model",
    "backend",
    "cas_version",
    "field",
    "num_parameters",
    "ambient_dimension",
    "expected_dimension",
    "dimension",
    "degree",
    "is_filling",
    "defect",
    "generators",
    "generator_degrees",
    "hilbert_polynomial",
    "seconds",
}


def run_cli(
    *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nagbridge", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


@pytest.mark.macaulay2
@pytest.mark.singular
@pytest.mark.parametrize("backend", ["macaulay2", "singular"])
@pytest.mark.parametrize("mode", ["session", "oneshot"])
def test_json_output_of_the_cubic_hypersurface(mode, backend):
    completed = run_cli(
        "implicitize", "--widths", "2,2,3", "--activation-degree", "2", "--mode", mode,
        "--backend", backend, "--json",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data.keys() >= REQUIRED_KEYS
    assert data["model"] == {"model": "polynomial", "widths": [2, 2, 3], "activation_degree": 2}
    assert data["backend"].lower() == backend and data["field"] == "QQ"
    # one cubic (the 3 x 3 determinant) in 9 coordinates; see tests/backends.
    assert (data["dimension"], data["degree"], data["generator_degrees"]) == (8, 3, [3])
    assert (data["num_parameters"], data["ambient_dimension"]) == (10, 9)
    assert data["expected_dimension"] == 8 and data["defect"] == 0
    assert data["is_filling"] is False
    assert data["hilbert_polynomial"][0] == "1"  # dim (S/I)_0 = 1


@pytest.mark.macaulay2
def test_prime_field_and_human_output():
    completed = run_cli(
        "implicitize", "--widths", "2,1,1", "--activation-degree", "3", "--field", "GF(32003)"
    )
    assert completed.returncode == 0, completed.stderr
    assert "dimension 2" in completed.stdout and "degree 3" in completed.stdout
    assert "GF(32003)" in completed.stdout


@pytest.fixture
def spy_cas(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """Fake CAS executables that only record that they were started: bad input must never
    reach a CAS."""
    record = tmp_path / "started"
    env = dict(os.environ)
    for program, variable in (("M2", "NAGBRIDGE_M2"), ("Singular", "NAGBRIDGE_SINGULAR")):
        fake = tmp_path / program
        fake.write_text(f"#!/bin/sh\ntouch {record}\nexit 1\n")
        fake.chmod(0o755)
        env[variable] = str(fake)
    return env, record


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--widths", "2,0,3", "--activation-degree", "2"], "0"),
        (["--widths", "-1,2,3", "--activation-degree", "2"], "width -1"),
        (["--widths", "2,x,3", "--activation-degree", "2"], "--widths 2,x,3: x"),
        (["--widths", "2", "--activation-degree", "2"], "invalid --widths 2:"),
        (["--widths", "2,3", "--activation-degree", "2"], "invalid --widths 2,3:"),
        (["--widths", "2,2,3", "--activation-degree", "1.5"], "--activation-degree 1.5:"),
        (["--widths", "2,2,3", "--activation-degree", "-2"], "-2"),
        (
            ["--widths", "2,2,3", "--activation-degree", "2", "--field", "RR"],
            "invalid --field RR:",
        ),
        (["--widths", "2,2,3", "--activation-degree", "2", "--field", "GF(32004)"], "32004"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--field", "GF(p)"], "GF(p)"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--backend", "maple"], "maple"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--mode", "batch"], "batch"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--timeout", "-1"], "-1"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--timeout", "inf"], "inf"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--method", "kernel"], "kernel"),
        (
            [
                "--widths",
                "2,2,3",
                "--activation-degree",
                "2",
                "--backend",
                "singular",
                "--method",
                "magic",
            ],
            "magic",
        ),
    ],
)
def test_bad_input_exits_2_without_starting_a_cas(spy_cas, arguments, named):
    env, record = spy_cas
    completed = run_cli("implicitize", *arguments, env=env)
    assert completed.returncode == 2
    message = completed.stderr.strip()
    assert len(message.splitlines()) == 1 and named in message
    assert completed.stdout == ""
    assert not record.exists()


def test_missing_cas_is_reported_with_how_to_install(tmp_path: Path):
    env = dict(os.environ, NAGBRIDGE_M2=str(tmp_path / "no-such-M2"))
    completed = run_cli(
        "implicitize", "--widths", "2,1,1", "--activation-degree", "3", "--backend", "macaulay2",
        env=env,
    )  # fmt: skip
    assert completed.returncode == 3
    assert "Macaulay2 not found" in completed.stderr


def test_doctor_lists_both_systems():
    completed = run_cli("doctor")
    assert "Macaulay2" in completed.stdout and "Singular" in completed.stdout


@pytest.mark.macaulay2
@pytest.mark.singular
def test_singular_and_macaulay2_give_the_same_keys_and_crosscheck_agrees():
    """(3,2,1), r=2: ternary quadrics of rank <= 2, one cubic (a determinant); 5-dim."""
    arguments = ["--widths", "3,2,1", "--activation-degree", "2", "--json"]
    answers = {}
    for backend in ("macaulay2", "singular"):
        completed = run_cli("implicitize", *arguments, "--backend", backend)
        assert completed.returncode == 0, completed.stderr
        answers[backend] = json.loads(completed.stdout)
    assert answers["macaulay2"].keys() == answers["singular"].keys()

    both = run_cli("implicitize", *arguments, "--backend", "both")
    assert both.returncode == 0, both.stderr
    check = json.loads(both.stdout)["crosscheck"]
    assert check["agrees"] is True and check["backends"] == ["Macaulay2", "Singular"]
    assert check["dimension"] == [5, 5] and check["degree"] == [3, 3]
    crosscheck = run_cli("crosscheck", *arguments)
    assert json.loads(crosscheck.stdout)["crosscheck"]["agrees"] is True


def test_auto_answers_a_filling_architecture_without_a_groebner_basis(spy_cas):
    """(2,2,2,1), r=2: sums of two squares of binary quadrics fill the 5-dimensional space
    of binary quartics (expected dimension min(10 - 4, 5) = 5, certified by the fast
    dimension); no CAS is started at all."""
    env, record = spy_cas
    completed = run_cli(
        "implicitize", "--widths", "2,2,2,1", "--activation-degree", "2", "--json", env=env
    )
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["dimension"] == 5 and data["is_filling"] and data["generators"] == []
    assert data["degree"] == 1 and any("fast dimension" in step for step in data["route"])
    assert not record.exists()


@pytest.mark.parametrize(
    ("widths", "r", "dimension"),
    [
        ("2,1,1", "3", 2),  # twisted cubic cone
        ("3,2,1", "2", 5),  # quadrics of rank <= 2 (Alexander-Hirschowitz exception)
    ],
)
def test_dimension_command(widths, r, dimension):
    completed = run_cli("dimension", "--widths", widths, "--activation-degree", r, "--json")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["dimension"] == dimension
    for key in ("expected_dimension", "ambient_dimension", "defect", "is_filling", "method",
                "primes", "trials", "failure_probability_bound", "seconds"):  # fmt: skip
        assert key in data


@pytest.mark.parametrize(
    "arguments",
    [
        ["--widths", "2,0,1", "--activation-degree", "2"],
        ["--widths", "2,2,1", "--activation-degree", "2", "--trials", "0"],
        ["--widths", "2,2,1", "--activation-degree", "2", "--seed", "x"],
    ],
)
def test_dimension_bad_input(arguments):
    completed = run_cli("dimension", *arguments)
    assert completed.returncode == 2 and completed.stderr.startswith("nagbridge: error:")


@pytest.mark.singular
def test_a_closed_pipe_is_not_a_traceback():
    """`nagbridge implicitize ... | head -1`: the reader leaves early; no traceback."""
    pipeline = subprocess.run(
        f"{sys.executable} -m nagbridge implicitize --widths 2,1,1 --activation-degree 3 "
        "--backend singular | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in pipeline.stderr


@pytest.mark.singular
def test_a_timeout_with_json_prints_an_error_object():
    """Shallow (3, 5, 4): sums of five 4th powers of ternary forms, the Alexander-Hirschowitz
    exception: a hypersurface of 14 dimensions in the 15 ternary quartics, cut out by the
    degree-6 Clebsch invariant (Alexander and Hirschowitz 1995).  Eliminating 15 weights
    down to a sextic in 15 coefficients takes far longer than 3 s: the timeout (exit 1)
    must still print one JSON object naming the error and the model."""
    completed = run_cli(
        "implicitize", "--model", "shallow", "--input-dim", "3", "--width", "5",
        "--activation-degree", "4", "--timeout", "3", "--json",
    )  # fmt: skip
    assert completed.returncode == 1, completed.stderr
    data = json.loads(completed.stdout)
    assert data["error"]["type"] == "CASTimeoutError"
    assert data["error"]["message"] in completed.stderr
    assert data["model"] == {"model": "shallow", "input_dim": 3, "width": 5,
                             "activation_degree": 4}  # fmt: skip
    assert len(completed.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("arguments", "kind"),
    [
        (["dimension", "--widths", "2,2,1", "--activation-degree", "2", "--trials", "0"],
         "InvalidInputError"),
        (["implicitize", "--widths", "2,0,1", "--activation-degree", "2"], "InvalidInputError"),
        (["singular-locus", "--widths", "2,1,1", "--activation-degree", "2", "--mode", "x"],
         "InvalidInputError"),
        (["fiber", "--widths", "2,1,1", "--activation-degree", "2"], "UsageError"),
    ],
)  # fmt: skip
def test_invalid_input_with_json_prints_an_error_object(arguments, kind):
    """Invalid input exits 2 before any CAS starts, and with --json prints an object too."""
    completed = run_cli(*arguments, "--json")
    assert completed.returncode == 2, completed.stderr
    data = json.loads(completed.stdout)
    assert data["error"]["type"] == kind and data["error"]["message"]
