"""The wire format reader, fed documents no CAS should ever write."""

from __future__ import annotations

from pathlib import Path

import pytest

from nagbridge import ProtocolError
from nagbridge.algebra import PolynomialRing
from nagbridge.backends._wire import WireReader


@pytest.mark.parametrize("cas", ["Macaulay2", "Singular"])
@pytest.mark.parametrize(
    "document",
    [
        "not json",
        "[1, 2]",
        '{"generators": [[["1/0", [1, 0, 0, 0]]]]}',
        '{"generators": [[["x", [1, 0, 0, 0]]]]}',
        '{"generators": [[["1", [1, 0]]]]}',
        '{"generators": [[["1", [1, -1, 0, 0]]]]}',
    ],
)
def test_garbage_output_is_a_protocol_error(tmp_path: Path, cas, document):
    path = tmp_path / "answer.json"
    path.write_text(document)
    ring = PolynomialRing(("a", "b", "c", "d"))
    with pytest.raises(ProtocolError):
        WireReader.from_file(cas, path).polynomials("generators", ring)
