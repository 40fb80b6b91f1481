"""The README's Python examples run as written (on the real CAS they name or default to)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 3


@pytest.mark.macaulay2
@pytest.mark.singular
@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_a_python_example_runs(number):
    exec(compile(BLOCKS[number], f"README.md, Python example {number + 1}", "exec"), {})
