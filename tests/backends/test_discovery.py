"""Finding CAS executables: explicit path, environment variable, PATH, passagemath wheels."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from nagbridge import CASNotFoundError
from nagbridge.backends import find_executable
from nagbridge.backends._discovery import wheel_executable


def make_program(folder: Path, name: str, answer: str) -> Path:
    """A real executable shell script that prints ``answer``."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text(f"#!/bin/sh\necho {answer}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return program


def make_wheel_install(site: Path, distribution: str, program: str) -> Path:
    """A site-packages folder holding ``distribution`` with ``sage_wheels/bin/<program>``.

    The same layout pip leaves for the passagemath wheels: a dist-info folder with
    metadata, and the executable beside it under ``sage_wheels/bin/``.
    """
    dist_info = site / f"{distribution.replace('-', '_')}-10.8.11.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 10.8.11\n", encoding="utf-8"
    )
    (dist_info / "RECORD").write_text(f"sage_wheels/bin/{program},,\n", encoding="utf-8")
    return make_program(site / "sage_wheels" / "bin", program, f"wheel {program}")


@pytest.fixture
def empty_path(tmp_path, monkeypatch):
    """PATH holding one empty folder, and neither nagbridge variable set."""
    folder = tmp_path / "empty-bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv("NAGBRIDGE_M2", raising=False)
    monkeypatch.delenv("NAGBRIDGE_SINGULAR", raising=False)
    return folder


def test_the_order_is_argument_variable_path_wheel(tmp_path, monkeypatch, empty_path):
    site = tmp_path / "site-packages"
    wheel = make_wheel_install(site, "passagemath-macaulay2", "M2")
    monkeypatch.syspath_prepend(str(site))
    assert find_executable("Macaulay2", "M2", "NAGBRIDGE_M2") == str(wheel)

    on_path = make_program(empty_path, "M2", "path")
    assert find_executable("Macaulay2", "M2", "NAGBRIDGE_M2") == str(on_path)

    in_variable = make_program(tmp_path / "variable", "M2", "variable")
    monkeypatch.setenv("NAGBRIDGE_M2", str(in_variable))
    assert find_executable("Macaulay2", "M2", "NAGBRIDGE_M2") == str(in_variable)

    explicit = make_program(tmp_path / "explicit", "my-M2", "explicit")
    assert find_executable("Macaulay2", "M2", "NAGBRIDGE_M2", str(explicit)) == str(explicit)


def test_a_wheel_is_found_for_singular_too(tmp_path, monkeypatch, empty_path):
    site = tmp_path / "site-packages"
    wheel = make_wheel_install(site, "passagemath-singular", "Singular")
    monkeypatch.syspath_prepend(str(site))
    found = find_executable("Singular", "Singular", "NAGBRIDGE_SINGULAR")
    assert found == str(wheel) == wheel_executable("Singular")
    completed = subprocess.run([found], capture_output=True, text=True, check=True)
    assert completed.stdout == "wheel Singular\n"


def test_a_wrong_variable_is_reported_not_passed_over(tmp_path, monkeypatch, empty_path):
    make_program(empty_path, "M2", "path")
    not_executable = tmp_path / "M2.txt"
    not_executable.write_text("not a program\n", encoding="utf-8")
    monkeypatch.setenv("NAGBRIDGE_M2", str(not_executable))
    with pytest.raises(CASNotFoundError) as caught:
        find_executable("Macaulay2", "M2", "NAGBRIDGE_M2")
    assert caught.value.searched == [f"NAGBRIDGE_M2={not_executable}"]
    assert "is not an executable file" in str(caught.value)


def test_nothing_found_names_every_place_and_the_wheels(empty_path):
    with pytest.raises(CASNotFoundError) as caught:
        find_executable("Macaulay2", "nagbridge-no-such-program", "NAGBRIDGE_M2")
    assert caught.value.searched == ["PATH", "passagemath wheels"]
    assert "passagemath-macaulay2" in caught.value.how_to_install
    assert wheel_executable("nagbridge-no-such-program") is None


@pytest.mark.parametrize(
    ("program", "version_prefix"), [("M2", "1.2"), ("Singular", "Singular for")]
)
def test_installed_passagemath_wheels_run(program, version_prefix):
    """Only where the real wheels are importable (CI's wheel step puts them on sys.path)."""
    path = wheel_executable(program)
    if path is None:
        pytest.skip(f"no passagemath wheel with {program} is installed here")
    completed = subprocess.run(
        [path, "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.defpath},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith(version_prefix), completed.stdout
