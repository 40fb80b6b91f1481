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
@pytest.mark.parametrize("mode", ["session", "oneshot"])
def test_json_output_of_the_cubic_hypersurface(mode):
    completed = run_cli(
        "implicitize", "--widths", "2,2,3", "--activation-degree", "2", "--mode", mode, "--json"
    )
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data.keys() >= REQUIRED_KEYS
    assert data["model"] == {"model": "polynomial", "widths": [2, 2, 3], "activation_degree": 2}
    assert data["backend"] == "Macaulay2" and data["field"] == "QQ"
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
def spy_m2(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A fake M2 that only records that it was started: bad input must never reach it."""
    record = tmp_path / "started"
    fake = tmp_path / "M2"
    fake.write_text(f"#!/bin/sh\ntouch {record}\nexit 1\n")
    fake.chmod(0o755)
    env = dict(os.environ, NAGBRIDGE_M2=str(fake))
    return env, record


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--widths", "2,0,3", "--activation-degree", "2"], "0"),
        (["--widths", "-1,2,3", "--activation-degree", "2"], "-1"),
        (["--widths", "2,x,3", "--activation-degree", "2"], "'x'"),
        (["--widths", "2", "--activation-degree", "2"], "(2,)"),
        (["--widths", "2,3", "--activation-degree", "2"], "(2, 3)"),
        (["--widths", "2,2,3", "--activation-degree", "1.5"], "'1.5'"),
        (["--widths", "2,2,3", "--activation-degree", "-2"], "-2"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--field", "RR"], "'RR'"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--field", "GF(32004)"], "32004"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--field", "GF(p)"], "GF(p)"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--backend", "maple"], "maple"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--mode", "batch"], "batch"),
        (["--widths", "2,2,3", "--activation-degree", "2", "--timeout", "-1"], "-1"),
    ],
)
def test_bad_input_exits_2_without_starting_a_cas(spy_m2, arguments, named):
    env, record = spy_m2
    completed = run_cli("implicitize", *arguments, env=env)
    assert completed.returncode == 2
    message = completed.stderr.strip()
    assert len(message.splitlines()) == 1 and named in message
    assert completed.stdout == ""
    assert not record.exists()


def test_missing_cas_is_reported_with_how_to_install(tmp_path: Path):
    env = dict(os.environ, NAGBRIDGE_M2=str(tmp_path / "no-such-M2"))
    completed = run_cli("implicitize", "--widths", "2,1,1", "--activation-degree", "3", env=env)
    assert completed.returncode == 3
    assert "Macaulay2 not found" in completed.stderr


def test_doctor_lists_both_systems():
    completed = run_cli("doctor")
    assert "Macaulay2" in completed.stdout and "Singular" in completed.stdout
