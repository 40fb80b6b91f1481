"""The ideal API on each CAS (fixtures in tests/conftest.py)."""

from __future__ import annotations

import pytest

SESSIONS = [
    pytest.param("m2_session", marks=pytest.mark.macaulay2, id="macaulay2"),
    pytest.param("singular_session", marks=pytest.mark.singular, id="singular"),
]


@pytest.fixture(params=SESSIONS)
def cas(request: pytest.FixtureRequest):
    """Each CAS as a persistent session: every test expects the same value from both."""
    return request.getfixturevalue(request.param)
