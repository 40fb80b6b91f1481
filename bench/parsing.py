"""Time turning a CAS answer into Python objects, against the size of the answer.

Run from a checkout with ``python -m bench.parsing``.  Each problem is implicitized
once by Singular, and the JSON answer file it wrote is kept.  Then, in one run
(median of repeats within a time budget), for answers of growing size:

- ``json``: ``json.loads`` of the answer text alone (the baseline: no Python parser of
  this format can be faster);
- ``parse``: the whole of nagbridge's reading of it, ``json.loads`` then the generators
  and the Gröbner basis as sympy polynomials, the Hilbert polynomial and series;

and prints the answer's size (bytes and terms), both times, the ratio parse / json and
the parse time per term.  The Veronese cones v_r(P^(n-1)) (networks (n, 1, 1)) give
ideals of many quadrics: 126 of them for v_3(P^3), 420 for v_3(P^4).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nagbridge.backends import SingularBackend
from nagbridge.backends import _singular as singular_adapter
from nagbridge.backends._process import Transcript
from nagbridge.backends._wire import WireReader
from nagbridge.models import PolynomialNetwork
from nagbridge.problems import ImplicitizationProblem

CASES = [((2, 2, 3), 2), ((3, 1, 1), 4), ((4, 1, 1), 3), ((3, 1, 1), 6), ((5, 1, 1), 3)]


def _timed(action: Callable[[], object], budget: float = 1.0) -> float:
    times: list[float] = []
    while sum(times) < budget and len(times) < 50:
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _answer_text(backend: SingularBackend, problem: ImplicitizationProblem) -> str:
    """The JSON document Singular writes for ``problem``, captured as it is read."""
    captured: list[str] = []
    original = WireReader.from_file

    def capture(cas: str, path: Path, transcript: str = "") -> WireReader:
        captured.append(path.read_text(encoding="utf-8"))
        return original(cas, path, transcript)

    singular_adapter.WireReader.from_file = capture  # type: ignore[method-assign]
    try:
        backend.implicitize(problem, timeout=600)
    finally:
        singular_adapter.WireReader.from_file = original  # type: ignore[method-assign]
    return captured[-1]


def _count_terms(document: dict[str, Any]) -> int:
    return sum(
        len(polynomial) for key in ("generators", "groebner_basis") for polynomial in document[key]
    )


def main() -> list[dict[str, object]]:
    """Print the table and return its rows for the JSON report."""
    write = sys.stdout.write
    write(
        f"{'problem':<16}{'bytes':>10}{'terms':>8}{'json s':>11}{'parse s':>11}"
        f"{'parse/json':>12}{'us/term':>9}\n"
    )
    rows: list[dict[str, object]] = []
    with SingularBackend(mode="session") as backend:
        for widths, r in CASES:
            problem = ImplicitizationProblem.from_model(PolynomialNetwork(widths, r), "QQ")
            text = _answer_text(backend, problem)
            terms = _count_terms(json.loads(text))
            ring = problem.ring_map.source

            def parse(text: str = text, ring: Any = ring) -> object:
                reader = WireReader(backend.name, json.loads(text))
                return backend._variety(reader, ring, Transcript(""))

            json_seconds = _timed(lambda text=text: json.loads(text))
            parse_seconds = _timed(parse)
            label = f"{widths} r={r}"
            ratio = parse_seconds / json_seconds
            per_term = 1e6 * parse_seconds / terms
            write(
                f"{label:<16}{len(text):>10}{terms:>8}{json_seconds:>11.5f}{parse_seconds:>11.5f}"
                f"{ratio:>12.1f}{per_term:>9.1f}\n"
            )
            sys.stdout.flush()
            rows.append(
                {
                    "widths": list(widths),
                    "r": r,
                    "bytes": len(text),
                    "terms": terms,
                    "seconds": {"json": json_seconds, "parse": parse_seconds},
                    "ratios": {"parse/json": ratio},
                    "microseconds_per_term": per_term,
                }
            )
    return rows


if __name__ == "__main__":
    main()
