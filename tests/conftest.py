"""Shared fixtures: real CAS backends, one per CAS and mode, reused across the test run."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from nagbridge._api import close_shared_backends
from nagbridge.backends import Macaulay2Backend, SingularBackend
from nagbridge.backends._process import OWNER_VARIABLE

#: Every CAS process started by this test run (in this process or in a CLI subprocess)
#: carries this tag in its environment; see pytest_sessionfinish.
RUN_TAG = f"tests-{uuid.uuid4().hex}"
os.environ[OWNER_VARIABLE] = RUN_TAG

#: Every backend the neurovariety tests run against, with the marker of its CAS.
BACKEND_PARAMETERS = [
    pytest.param("m2_session", marks=pytest.mark.macaulay2, id="macaulay2-session"),
    pytest.param("m2_oneshot", marks=pytest.mark.macaulay2, id="macaulay2-oneshot"),
    pytest.param("singular_session", marks=pytest.mark.singular, id="singular-session"),
    pytest.param("singular_oneshot", marks=pytest.mark.singular, id="singular-oneshot"),
]


@pytest.fixture(scope="session")
def m2_session() -> Iterator[Macaulay2Backend]:
    with Macaulay2Backend(mode="session") as backend:
        yield backend


@pytest.fixture(scope="session")
def m2_oneshot() -> Iterator[Macaulay2Backend]:
    with Macaulay2Backend(mode="oneshot") as backend:
        yield backend


@pytest.fixture(params=["session", "oneshot"])
def m2(request: pytest.FixtureRequest) -> Macaulay2Backend:
    """The Macaulay2 backend in each of its two modes."""
    return request.getfixturevalue(f"m2_{request.param}")


@pytest.fixture(scope="session")
def singular_session() -> Iterator[SingularBackend]:
    with SingularBackend(mode="session") as backend:
        yield backend


@pytest.fixture(scope="session")
def singular_oneshot() -> Iterator[SingularBackend]:
    with SingularBackend(mode="oneshot") as backend:
        yield backend


@pytest.fixture(params=["session", "oneshot"])
def singular(request: pytest.FixtureRequest) -> SingularBackend:
    """The Singular backend in each of its two modes."""
    return request.getfixturevalue(f"singular_{request.param}")


@pytest.fixture(params=BACKEND_PARAMETERS)
def backend(request: pytest.FixtureRequest) -> Macaulay2Backend | SingularBackend:
    """Each CAS in each mode: the tests that use it expect the same values from all."""
    return request.getfixturevalue(request.param)


def _processes_tagged(tag: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if f"{OWNER_VARIABLE}={tag}".encode() in environ and "pytest" not in command:
            found.append(f"{entry.name}: {command.strip()}")
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a CAS process started by the tests outlived them."""
    close_shared_backends()
    deadline = time.monotonic() + 5
    while (left := _processes_tagged(RUN_TAG)) and time.monotonic() < deadline:
        time.sleep(0.2)
    if left:
        session.config.get_terminal_writer().line(
            "CAS processes left alive by the tests:\n" + "\n".join(left), red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
