"""What only Macaulay2 does: its own error messages.

The neurovariety tests shared with Singular are in ``test_neurovarieties.py``.
"""

from __future__ import annotations

import pytest

from nagbridge import CASError, PolynomialNetwork, implicitize

pytestmark = pytest.mark.macaulay2


def test_a_macaulay2_error_carries_its_message(m2):
    with pytest.raises(CASError) as caught:
        m2._call('error "deliberate failure from a test"', timeout=60)
    assert "deliberate failure from a test" in caught.value.cas_message
    # and the backend keeps serving
    assert implicitize(PolynomialNetwork((2, 1, 1), 3), backend=m2).dimension == 2
