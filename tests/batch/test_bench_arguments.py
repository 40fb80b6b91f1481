"""The benchmark scripts refuse bad arguments at once, before measuring anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["-m", "bench.batch", "--problems", "0"], "must be at least 1, not 0"),
        (["-m", "bench.batch", "--problems", "-3"], "must be at least 1, not -3"),
        (["-m", "bench.batch", "--baseline-sample", "-1"], "must be at least 0"),
        (["-m", "bench", "--json", "/nonexistent-nagbridge/x.json"], "does not exist"),
    ],
)
def test_bad_arguments_exit_2_with_one_message(arguments: list[str], said: str) -> None:
    completed = subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2, completed.stderr
    assert said in completed.stderr and "Traceback" not in completed.stderr
