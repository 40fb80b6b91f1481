"""Time ``nagbridge batch`` against one fresh ``M2 --script`` process per problem.

Run from a checkout with ``python -m bench.batch [--problems N]`` (default 200).  The
problems are small implicitizations by Macaulay2: widths (2, 1, 1) (the cone over the
rational normal curve of degree r) for r = 2..9, over QQ and over GF(p) for the first
primes above 1000, as many as asked.  Three runs, each from a fresh start:

- ``oneshot``: a loop calling :func:`nagbridge.implicitize` with a one-shot Macaulay2
  backend, so every problem starts its own ``M2 --script`` process (what a loop over
  a hand-written script costs, plus nagbridge's parsing).  At about 2 s a process on a
  busy machine, 200 of them take minutes: by default the loop runs on an evenly spaced
  sample of ``--baseline-sample`` problems (50) and its time per problem is scaled to
  all of them, which the output says; ``--baseline-sample 0`` runs every problem;
- ``batch 1``: ``nagbridge batch`` with one worker (one Macaulay2 session for all);
- ``batch 2``: ``nagbridge batch`` with two workers.

The batch times are wall times of the whole command (Python start-up, spec, store,
worker and Macaulay2 start-up included).  Ratios are what to read: this machine is
shared and noisy.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nagbridge import implicitize
from nagbridge.backends import Macaulay2Backend
from nagbridge.models import PolynomialNetwork

DEGREES = range(2, 10)


def _primes_above(start: int, count: int) -> list[int]:
    primes: list[int] = []
    candidate = start
    while len(primes) < count:
        candidate += 1
        if all(candidate % d for d in range(2, int(candidate**0.5) + 1)):
            primes.append(candidate)
    return primes


def problems(count: int) -> list[tuple[int, str]]:
    """``count`` distinct (activation degree, field) pairs, QQ first."""
    fields = ["QQ", *(f"GF({p})" for p in _primes_above(1000, count // len(DEGREES) + 1))]
    pairs = [(r, field) for field in fields for r in DEGREES]
    return pairs[:count]


def spec_text(pairs: list[tuple[int, str]]) -> str:
    tables = []
    for field in dict.fromkeys(field for _, field in pairs):
        degrees = [r for r, f in pairs if f == field]
        tables.append(
            "[[sweep]]\nwidths = [2, 1, 1]\n"
            f'activation_degree = {degrees}\ncompute = "implicitize"\n'
            f'backend = "macaulay2"\nfield = "{field}"\ntimeout = 120\n'
        )
    return "\n".join(tables)


def _oneshot(pairs: list[tuple[int, str]], sample: int) -> tuple[float, int]:
    """Seconds of the one-shot loop, scaled to all ``pairs`` from ``sample`` of them."""
    chosen = pairs if sample <= 0 or sample >= len(pairs) else pairs[:: len(pairs) // sample]
    started = time.perf_counter()
    with Macaulay2Backend(mode="oneshot") as backend:
        for r, field in chosen:
            implicitize(PolynomialNetwork((2, 1, 1), r), field=field, backend=backend)
    return (time.perf_counter() - started) * len(pairs) / len(chosen), len(chosen)


def _batch(spec: Path, store: Path, workers: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "nagbridge",
            "batch",
            str(spec),
            "--store",
            str(store),
            "--workers",
            str(workers),
            "--no-progress",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _count(text: str, minimum: int) -> int:
    """An argparse type: an integer of at least ``minimum``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
    return value


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    """Print the timings and ratios and return them as one row for the JSON report."""
    parser = argparse.ArgumentParser(prog="python -m bench.batch", description=__doc__)
    parser.add_argument(
        "--problems", type=lambda t: _count(t, 1), default=200, help="how many (default 200)"
    )
    parser.add_argument(
        "--baseline-sample",
        type=lambda t: _count(t, 0),
        default=50,
        help="problems the one-shot loop runs, scaled to all (default 50; 0: all)",
    )
    arguments = parser.parse_args(argv)
    pairs = problems(arguments.problems)
    with tempfile.TemporaryDirectory(prefix="nagbridge-bench-batch-") as folder:
        spec = Path(folder) / "spec.toml"
        spec.write_text(spec_text(pairs), encoding="utf-8")
        timings = {
            "batch 1": _batch(spec, Path(folder) / "one.db", 1),
            "batch 2": _batch(spec, Path(folder) / "two.db", 2),
        }
        timings["oneshot"], sampled = _oneshot(pairs, arguments.baseline_sample)
    count = len(pairs)
    if sampled < count:
        print(f"oneshot: {sampled} of the {count} problems run, time scaled to {count}")
    for name, seconds in timings.items():
        print(f"{name:8s} {seconds:8.2f} s  {1000 * seconds / count:7.1f} ms/problem")
    print(
        f"{count} problems: oneshot / batch 1 = {timings['oneshot'] / timings['batch 1']:.1f}x; "
        f"batch 1 / batch 2 = {timings['batch 1'] / timings['batch 2']:.2f}x"
    )
    sys.stdout.flush()
    return [
        {
            "problems": count,
            "oneshot_sampled": sampled,
            "seconds": timings,
            "ratios": {
                "oneshot/batch 1": timings["oneshot"] / timings["batch 1"],
                "batch 1/batch 2": timings["batch 1"] / timings["batch 2"],
            },
        }
    ]


if __name__ == "__main__":
    main()
