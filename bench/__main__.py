"""Run every benchmark in one process and one run: ``python -m bench [--json FILE]``.

- ``bench.backends``: the bridge against the bare CAS on the same script, sessions
  against one-shot processes, Macaulay2 against Singular per problem;
- ``bench.fast_vs_symbolic``: the fast dimension against the symbolic one (Singular);
- ``bench.parsing``: reading a CAS answer into sympy objects against its size, with
  ``json.loads`` of the same text as the baseline;
- ``bench.fast_dimension``: the fast dimension on a wide (5,000+ weights) and a deep
  (9 layers) network, against a floating-point baseline;
- ``bench.batch``: ``nagbridge batch`` (1 and 2 workers) against one fresh
  ``M2 --script`` process per problem, on 200 small problems
  (``python -m bench.batch --problems N`` for fewer).

Every table is printed as it is measured, and all rows (times in seconds and the
ratios) are written to one JSON file, ``bench-results.json`` unless ``--json`` names
another.  ``python -m bench.singular_routes`` (Singular's elimination routes against
each other) is separate: elim.lib's ``elim`` alone takes minutes on one of its cases.
"""

import argparse
import json
import platform
import sys
import time
from pathlib import Path

from bench import backends, batch, fast_dimension, fast_vs_symbolic, parsing
from nagbridge import __version__
from nagbridge.backends import Macaulay2Backend, SingularBackend

SECTIONS = (
    ("backends", "bridge vs bare CAS, session vs one-shot, Macaulay2 vs Singular", backends.main),
    ("fast_vs_symbolic", "fast dimension vs symbolic dimension", fast_vs_symbolic.main),
    ("parsing", "parse time vs output size (baseline: json.loads)", parsing.main),
    (
        "fast_dimension",
        "fast dimension (Jacobian rank mod p) vs floating SVD",
        lambda: fast_dimension.main([]),
    ),
    (
        "batch",
        "nagbridge batch (1 and 2 workers) vs one M2 --script per problem",
        lambda: batch.main([]),
    ),
)


def _versions() -> dict[str, str]:
    versions = {}
    for factory in (Macaulay2Backend, SingularBackend):
        with factory(mode="oneshot") as backend:
            versions[backend.name] = backend.version_output.strip().splitlines()[0]
    return versions


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--json", default="bench-results.json", help="where to write the rows")
    parser.add_argument(
        "--only", action="append", choices=[name for name, _, _ in SECTIONS], help="one section"
    )
    arguments = parser.parse_args()
    # checked before hours of measurements, not after
    output = Path(arguments.json)
    if output.is_dir():
        parser.error(f"--json {arguments.json}: is a directory")
    if not output.parent.is_dir():
        parser.error(f"--json {arguments.json}: the directory {output.parent} does not exist")

    report: dict[str, object] = {
        "nagbridge": __version__,
        "python": platform.python_version(),
        "machine": platform.platform(),
        "cas": _versions(),
        "sections": {},
    }
    started = time.perf_counter()
    for name, title, run in SECTIONS:
        if arguments.only and name not in arguments.only:
            continue
        sys.stdout.write(f"\n== {title}\n")
        sys.stdout.flush()
        section_started = time.perf_counter()
        rows = run()
        report["sections"][name] = {  # type: ignore[index]
            "title": title,
            "seconds": time.perf_counter() - section_started,
            "rows": rows,
        }
    report["seconds"] = time.perf_counter() - started
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(f"\nall rows written to {arguments.json} ({report['seconds']:.0f} s)\n")


main()
