"""The ``nagbridge`` command line.

Exit status: 0 on success, 1 when a computation failed (CAS error, timeout, crash),
2 for invalid input (nothing is sent to a CAS), 3 when a CAS is not installed.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence

from nagbridge import __version__
from nagbridge._api import BACKEND_CHOICES, MODES, close_shared_backends, implicitize
from nagbridge._exceptions import (
    CASNotFoundError,
    InvalidInputError,
    NagbridgeError,
    ResultsDisagreeError,
)
from nagbridge.algebra import Field
from nagbridge.backends import (
    MACAULAY2_METHODS,
    SINGULAR_METHODS,
    Macaulay2Backend,
    SingularBackend,
    find_executable,
)
from nagbridge.fast import fast_dimension
from nagbridge.models import PolynomialNetwork

__all__ = ["main"]

EXIT_FAILED, EXIT_INVALID, EXIT_NOT_FOUND = 1, 2, 3

#: Options whose values may start with "-" (a negative width), which argparse would
#: otherwise mistake for an option.
_VALUE_OPTIONS = ("--widths", "--activation-degree", "--field", "--timeout", "--trials", "--seed")
_METHODS = {"macaulay2": MACAULAY2_METHODS, "singular": SINGULAR_METHODS}


def _integer_list(text: str) -> tuple[int, ...]:
    parts = [part.strip() for part in text.split(",")]
    values = []
    for part in parts:
        try:
            values.append(int(part))
        except ValueError:
            raise InvalidInputError("width", part, "must be an integer") from None
    return tuple(values)


def _integer(name: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInputError(name, text, "must be an integer") from None


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidInputError("timeout", text, "must be a number of seconds") from None
    if not value > 0:
        raise InvalidInputError("timeout", text, "must be positive")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nagbridge",
        description="Neurovarieties of polynomial neural networks, computed by a CAS.",
    )
    parser.add_argument("--version", action="version", version=f"nagbridge {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log CAS traffic")
    commands = parser.add_subparsers(dest="command", required=True)

    for name, summary in (
        ("implicitize", "equations, dimension, degree and Hilbert polynomial of a neurovariety"),
        ("crosscheck", "implicitize with both Macaulay2 and Singular and compare the answers"),
    ):
        implicit = commands.add_parser(
            name,
            help=summary,
            description=summary[0].upper() + summary[1:] + ", for the polynomial network "
            "f(x) = W_L s(... s(W_1 x)) with s(t) = t^r.",
        )
        _model_options(implicit)
        implicit.add_argument("--field", default="QQ", help="QQ (default) or GF(p), p < 2^31")
        if name == "implicitize":
            implicit.add_argument(
                "--backend",
                default="auto",
                help=f"one of {', '.join(BACKEND_CHOICES)} (default auto: cheap facts "
                "first, then the faster CAS)",
            )
            implicit.add_argument(
                "--method",
                help="route of an explicit --backend: Macaulay2 "
                f"{'|'.join(MACAULAY2_METHODS)}, Singular {'|'.join(SINGULAR_METHODS)}",
            )
        implicit.add_argument("--mode", default="session", help="session (default) or oneshot")
        implicit.add_argument(
            "--no-gauge-fix",
            action="store_true",
            help="do not set one weight per hidden neuron to 1 before eliminating",
        )
        implicit.add_argument("--timeout", help="seconds before the computation is stopped")
        implicit.add_argument("--json", action="store_true", help="print one JSON object")

    dimension = commands.add_parser(
        "dimension",
        help="dimension of a neurovariety from Jacobian ranks mod p (no CAS)",
        description="Dimension of the neurovariety as the rank of the Jacobian of the "
        "network at random weights and inputs modulo large primes: a certified lower "
        "bound, exact except with the stated probability.",
    )
    _model_options(dimension)
    dimension.add_argument("--trials", default="2", help="independent trials (default 2)")
    dimension.add_argument("--seed", help="seed of the random draws, for reproducibility")
    dimension.add_argument("--json", action="store_true", help="print one JSON object")

    commands.add_parser("doctor", help="which CAS are installed, their versions, what is missing")
    return parser


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--widths", required=True, help="layer widths d0,d1,...,dL, e.g. 2,2,3")
    parser.add_argument(
        "--activation-degree", required=True, metavar="R", help="the exponent r of t -> t^r"
    )


def _network(arguments: argparse.Namespace) -> PolynomialNetwork:
    return PolynomialNetwork(
        _integer_list(arguments.widths),
        _integer("activation degree", arguments.activation_degree),
    )


def _join_dash_values(argv: Sequence[str]) -> list[str]:
    joined: list[str] = []
    arguments = iter(argv)
    for argument in arguments:
        if argument in _VALUE_OPTIONS:
            value = next(arguments, None)
            if value is not None and value.startswith("-") and value[1:2].isdigit():
                joined.append(f"{argument}={value}")
                continue
            joined.append(argument)
            if value is not None:
                joined.append(value)
            continue
        joined.append(argument)
    return joined


def _implicitize(arguments: argparse.Namespace) -> int:
    network = _network(arguments)
    field = Field.parse(arguments.field)
    choice = getattr(arguments, "backend", "both").lower()
    if choice not in BACKEND_CHOICES:
        raise InvalidInputError(
            "backend", arguments.backend, f"expected {', '.join(BACKEND_CHOICES)}"
        )
    if arguments.mode not in MODES:
        raise InvalidInputError("mode", arguments.mode, f"expected {' or '.join(MODES)}")
    method = getattr(arguments, "method", None)
    if method is not None:
        if choice not in _METHODS:
            raise InvalidInputError(
                "method", method, "needs an explicit --backend macaulay2 or singular"
            )
        if method not in _METHODS[choice]:
            raise InvalidInputError("method", method, f"expected one of {_METHODS[choice]}")
    timeout = None if arguments.timeout is None else _positive_seconds(arguments.timeout)

    network.check_expandable()
    gauge_fixed = not arguments.no_gauge_fix
    try:
        if choice in _METHODS:
            factory = Macaulay2Backend if choice == "macaulay2" else SingularBackend
            extra = {} if method is None else {"method": method}
            with factory(mode=arguments.mode, **extra) as backend:
                result = implicitize(
                    network, backend=backend, field=field, gauge_fixed=gauge_fixed, timeout=timeout
                )
        else:
            result = implicitize(
                network,
                backend=choice,
                mode=arguments.mode,
                field=field,
                gauge_fixed=gauge_fixed,
                timeout=timeout,
            )
    except ResultsDisagreeError as error:
        if arguments.json:
            print(
                json.dumps(
                    {"agrees": False, "differences": error.differences, "answers": error.answers}
                )
            )
        raise
    finally:
        close_shared_backends()
    if arguments.json:
        print(json.dumps(result.to_dict()))
    else:
        print(result.summary())
    return 0


def _dimension(arguments: argparse.Namespace) -> int:
    network = _network(arguments)
    trials = _integer("trials", arguments.trials)
    seed = None if arguments.seed is None else _integer("seed", arguments.seed)
    result = fast_dimension(network, trials=trials, seed=seed)
    data = result.to_dict()
    if arguments.json:
        print(json.dumps(data))
        return 0
    status = "filling" if data["is_filling"] else f"defect {data['defect']}"
    print(
        f"dimension {data['dimension']} in an ambient space of dimension "
        f"{data['ambient_dimension']} (expected {data['expected_dimension']}; {status})\n"
        f"  {data['method']} over primes {data['primes']}, ranks {data['ranks']}; "
        f"probability that the dimension is larger: <= {data['failure_probability_bound']:.3g}"
        f"\n  {data['seconds']:.3f} s"
    )
    return 0


def _doctor(_: argparse.Namespace) -> int:
    rows = []
    missing = False
    for cas, program, variable, flag in (
        ("Macaulay2", "M2", "NAGBRIDGE_M2", "--version"),
        ("Singular", "Singular", "NAGBRIDGE_SINGULAR", "--version"),
    ):
        try:
            path = find_executable(cas, program, variable)
        except CASNotFoundError as error:
            rows.append((cas, "missing", error.how_to_install))
            missing = True
            continue
        completed = subprocess.run(
            [path, flag],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        version = (completed.stdout.strip().splitlines() or ["unknown"])[0]
        rows.append((cas, path, version))
    width = max(len(row[0]) for row in rows)
    for cas, where, detail in rows:
        print(f"{cas.ljust(width)}  {where}  {detail}")
    if shutil.which("M2") is None and missing:
        return EXIT_NOT_FOUND
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    arguments = parser.parse_args(_join_dash_values(sys.argv[1:] if argv is None else argv))
    if arguments.verbose:
        logging.basicConfig(level=logging.DEBUG if arguments.verbose > 1 else logging.INFO)
    handlers = {
        "implicitize": _implicitize,
        "crosscheck": _implicitize,
        "dimension": _dimension,
        "doctor": _doctor,
    }
    try:
        return handlers[arguments.command](arguments)
    except InvalidInputError as error:
        print(f"nagbridge: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except CASNotFoundError as error:
        print(f"nagbridge: error: {error}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except NagbridgeError as error:
        print(f"nagbridge: error: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
