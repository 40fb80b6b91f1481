"""Shared fixtures: real CAS backends, one per mode, reused across a test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nagbridge.backends import Macaulay2Backend


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
