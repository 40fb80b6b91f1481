"""Time Singular's implicitization routes (and Macaulay2's default) on small networks.

Run from a checkout with ``python -m bench.singular_routes``; it prints one line per
network and gauge choice with the median wall time of each route over a persistent
session, in seconds.  The (2,1,1) lines, trivial requests, show the fixed cost of a
round trip.  elim.lib's ``elim`` on (3,2,2) with gauge fixing takes about 170 s a run
and is skipped unless ``--all`` is given.
"""

from __future__ import annotations

import statistics
import sys
import time

from nagbridge.backends import SINGULAR_METHODS, Macaulay2Backend, SingularBackend
from nagbridge.models import PolynomialNetwork
from nagbridge.problems import ImplicitizationProblem

CASES = [((3, 2, 2), 2), ((2, 2, 3), 2), ((3, 2, 1), 2), ((2, 1, 1), 3)]
REPEATS = 3
#: Routes that take minutes: (route, widths, gauge_fixed).
SLOW = {("Singular elim", (3, 2, 2), True)}


def _median_seconds(
    backend: SingularBackend | Macaulay2Backend, problem: ImplicitizationProblem
) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        backend.implicitize(problem, timeout=600)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    backends: dict[str, SingularBackend | Macaulay2Backend] = {
        f"Singular {method}": SingularBackend(method=method) for method in SINGULAR_METHODS
    }
    backends["Macaulay2 eliminate"] = Macaulay2Backend(method="eliminate")
    try:
        header = f"{'case':<28}" + "".join(f"{name:>22}" for name in backends)
        sys.stdout.write(header + "\n")
        for widths, r in CASES:
            for gauge_fixed in (True, False):
                network = PolynomialNetwork(widths, r)
                problem = ImplicitizationProblem.from_model(network, "QQ", gauge_fixed)
                for name, backend in backends.items():  # warm up: start every process
                    if (name, widths, gauge_fixed) not in SLOW or "--all" in sys.argv:
                        backend.implicitize(problem, timeout=600)
                label = f"{widths} r={r} gauge={'fixed' if gauge_fixed else 'free'}"
                row = ""
                for name, backend in backends.items():
                    if (name, widths, gauge_fixed) in SLOW and "--all" not in sys.argv:
                        row += f"{'skipped':>22}"
                    else:
                        row += f"{_median_seconds(backend, problem):>22.3f}"
                sys.stdout.write(f"{label:<28}{row}\n")
                sys.stdout.flush()
    finally:
        for backend in backends.values():
            backend.close()


if __name__ == "__main__":
    main()
