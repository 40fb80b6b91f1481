"""Time the fast dimension against the symbolic one on the same networks.

Run from a checkout with ``python -m bench.fast_vs_symbolic``.  For each network it
measures, in one run (median of three runs each):

- ``fast``: :func:`nagbridge.fast.fast_dimension` (Jacobian ranks modulo large primes,
  python-flint), the default route for a dimension;
- ``symbolic``: the implicit ideal through a warm Singular session (Singular is the
  faster CAS on these problems, see ``bench.backends``) and its Krull dimension;

and prints both dimensions (they must agree: the bench fails loudly otherwise) and the
ratio symbolic / fast.
"""

from __future__ import annotations

import sys

from bench.backends import median_seconds as _median
from nagbridge.backends import SingularBackend
from nagbridge.fast import fast_dimension
from nagbridge.models import PolynomialNetwork
from nagbridge.problems import ImplicitizationProblem

CASES = [((2, 2, 3), 2), ((3, 2, 1), 2), ((3, 2, 2), 2), ((4, 1, 1), 3), ((2, 3, 2), 2)]


def main() -> list[dict[str, object]]:
    """Print the table and return its rows for the JSON report."""
    write = sys.stdout.write
    write(f"{'problem':<18}{'dim':>5}{'fast s':>10}{'symbolic s':>12}{'symbolic/fast':>15}\n")
    rows: list[dict[str, object]] = []
    with SingularBackend(mode="session") as singular:
        for widths, r in CASES:
            model = PolynomialNetwork(widths, r)
            problem = ImplicitizationProblem.from_model(model, "QQ")
            fast = fast_dimension(model, seed=0).dimension
            symbolic = singular.implicitize(problem, timeout=600)[0].dimension
            if fast != symbolic:
                raise SystemExit(f"{widths} r={r}: fast dimension {fast} != symbolic {symbolic}")
            fast_seconds = _median(lambda model=model: fast_dimension(model, seed=0))
            symbolic_seconds = _median(
                lambda problem=problem: singular.implicitize(problem, timeout=600)
            )
            ratio = symbolic_seconds / fast_seconds
            label = f"{widths} r={r}"
            write(
                f"{label:<18}{fast:>5}{fast_seconds:>10.4f}"
                f"{symbolic_seconds:>12.4f}{ratio:>15.2f}\n"
            )
            sys.stdout.flush()
            rows.append(
                {
                    "widths": list(widths),
                    "r": r,
                    "dimension": fast,
                    "seconds": {"fast": fast_seconds, "symbolic": symbolic_seconds},
                    "ratios": {"symbolic/fast": ratio},
                }
            )
    return rows


if __name__ == "__main__":
    main()
