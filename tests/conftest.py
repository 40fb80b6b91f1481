"""Shared fixtures: real CAS backends, one per CAS and mode, reused across the test run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nagbridge.backends import Macaulay2Backend, SingularBackend

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
