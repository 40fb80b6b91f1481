"""Time the bridge against the bare CAS, sessions against one-shot, Macaulay2 against Singular.

Run from a checkout with ``python -m bench.backends``.  For each problem and each CAS it
measures, in one run (median of ``REPEATS``):

- ``bare``: the CAS alone running the very script the one-shot adapter writes (start-up,
  loading nagbridge's CAS library, the computation, writing the JSON answer), started
  by ``subprocess.run``; this is what a researcher's hand-written script costs;
- ``oneshot``: the same through nagbridge (problem generation, the process, parsing);
- ``session``: the same request through nagbridge's persistent session;

and prints the ratios oneshot/bare, session/bare, session/oneshot and, per problem,
Macaulay2/Singular for sessions.  Ratios are what to read: this machine is noisy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from nagbridge.backends import Macaulay2Backend, SingularBackend
from nagbridge.backends._process import OneShotRunner, Transcript, clean_environment
from nagbridge.models import PolynomialNetwork
from nagbridge.problems import ImplicitizationProblem

CASES = [((2, 1, 1), 3), ((2, 2, 3), 2), ((3, 2, 1), 2), ((3, 2, 2), 2), ((2, 1, 2), 2)]
REPEATS = 3


class _RecordingRunner(OneShotRunner):
    """A one-shot runner that keeps a copy of each script it runs, for the bare baseline."""

    scripts: list[str]

    def run_script(self, script: Path, timeout: float | None) -> tuple[int, Transcript]:
        self.scripts.append(script.read_text(encoding="utf-8"))
        return super().run_script(script, timeout)


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of ``repeats`` runs of ``action``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _bare(argv: list[str], script_text: str) -> float:
    """Median wall time of the CAS running ``script_text`` directly."""
    with tempfile.TemporaryDirectory(prefix="nagbridge-bench-") as folder:
        script = Path(folder) / "script"
        script.write_text(script_text, encoding="utf-8")
        home = Path(folder) / "home"
        home.mkdir()

        def run() -> None:
            subprocess.run(
                [*argv, str(script)],
                check=True,
                capture_output=True,
                env=clean_environment(home),
                stdin=subprocess.DEVNULL,
            )

        return median_seconds(run)


def _measure(factory, problem: ImplicitizationProblem) -> dict[str, float]:
    with factory(mode="oneshot") as oneshot, factory(mode="session") as session:
        runner = _RecordingRunner(oneshot.runner.dialect, oneshot.runner.argv)
        runner.scripts = []
        oneshot._runner = runner
        oneshot_seconds = median_seconds(lambda: oneshot.implicitize(problem, timeout=600))
        bare_seconds = _bare(runner.argv, runner.scripts[-1])
        session.implicitize(problem, timeout=600)  # start the process outside the timing
        session_seconds = median_seconds(lambda: session.implicitize(problem, timeout=600))
    return {"bare": bare_seconds, "oneshot": oneshot_seconds, "session": session_seconds}


def main() -> list[dict[str, object]]:
    """Print the table and return its rows (one per problem and CAS) for the JSON report."""
    write = sys.stdout.write
    write(
        f"{'problem':<18}{'CAS':<11}{'bare s':>9}{'oneshot s':>11}{'session s':>11}"
        f"{'oneshot/bare':>14}{'session/bare':>14}{'session/oneshot':>17}\n"
    )
    rows: list[dict[str, object]] = []
    for widths, r in CASES:
        problem = ImplicitizationProblem.from_model(PolynomialNetwork(widths, r), "QQ")
        label = f"{widths} r={r}"
        sessions = {}
        for name, factory in (("Macaulay2", Macaulay2Backend), ("Singular", SingularBackend)):
            times = _measure(factory, problem)
            sessions[name] = times["session"]
            ratios = {
                "oneshot/bare": times["oneshot"] / times["bare"],
                "session/bare": times["session"] / times["bare"],
                "session/oneshot": times["session"] / times["oneshot"],
            }
            write(
                f"{label:<18}{name:<11}{times['bare']:>9.3f}{times['oneshot']:>11.3f}"
                f"{times['session']:>11.3f}{ratios['oneshot/bare']:>14.2f}"
                f"{ratios['session/bare']:>14.2f}{ratios['session/oneshot']:>17.2f}\n"
            )
            rows.append(
                {"widths": list(widths), "r": r, "cas": name, "seconds": times, "ratios": ratios}
            )
        ratio = sessions["Macaulay2"] / sessions["Singular"]
        write(f"{label:<18}{'M2/Singular (sessions)':<33}{ratio:>9.2f}\n")
        rows.append({"widths": list(widths), "r": r, "ratios": {"macaulay2/singular": ratio}})
        sys.stdout.flush()
    return rows


if __name__ == "__main__":
    main()
