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
from nagbridge._api import BACKENDS, MODES, implicitize
from nagbridge._exceptions import CASNotFoundError, InvalidInputError, NagbridgeError
from nagbridge.algebra import Field
from nagbridge.backends import MACAULAY2_METHODS, Macaulay2Backend, find_executable
from nagbridge.models import PolynomialNetwork

__all__ = ["main"]

EXIT_FAILED, EXIT_INVALID, EXIT_NOT_FOUND = 1, 2, 3

#: Options whose values may start with "-" (a negative width), which argparse would
#: otherwise mistake for an option.
_VALUE_OPTIONS = ("--widths", "--activation-degree", "--field", "--timeout")


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

    implicit = commands.add_parser(
        "implicitize",
        help="equations, dimension, degree and Hilbert polynomial of a neurovariety",
        description="Implicitize the neurovariety of a polynomial network "
        "f(x) = W_L s(... s(W_1 x)) with s(t) = t^r.",
    )
    implicit.add_argument("--widths", required=True, help="layer widths d0,d1,...,dL, e.g. 2,2,3")
    implicit.add_argument(
        "--activation-degree", required=True, metavar="R", help="the exponent r of t -> t^r"
    )
    implicit.add_argument("--field", default="QQ", help="QQ (default) or GF(p), p prime < 2^31")
    implicit.add_argument("--backend", default="macaulay2", help=f"one of {', '.join(BACKENDS)}")
    implicit.add_argument("--mode", default="session", help="session (default) or oneshot")
    implicit.add_argument(
        "--method",
        default="eliminate",
        help=f"Macaulay2 route: {' or '.join(MACAULAY2_METHODS)} (default eliminate)",
    )
    implicit.add_argument(
        "--no-gauge-fix",
        action="store_true",
        help="do not set one weight per hidden neuron to 1 before eliminating",
    )
    implicit.add_argument("--timeout", help="seconds before the computation is stopped")
    implicit.add_argument("--json", action="store_true", help="print one JSON object")

    commands.add_parser("doctor", help="which CAS are installed, their versions, what is missing")
    return parser


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
    network = PolynomialNetwork(
        _integer_list(arguments.widths),
        _integer("activation degree", arguments.activation_degree),
    )
    field = Field.parse(arguments.field)
    backend_name = arguments.backend.lower()
    if backend_name not in BACKENDS:
        raise InvalidInputError("backend", arguments.backend, f"expected {', '.join(BACKENDS)}")
    if arguments.mode not in MODES:
        raise InvalidInputError("mode", arguments.mode, f"expected {' or '.join(MODES)}")
    if arguments.method not in MACAULAY2_METHODS:
        raise InvalidInputError("method", arguments.method, f"expected {MACAULAY2_METHODS}")
    timeout = None if arguments.timeout is None else _positive_seconds(arguments.timeout)

    with Macaulay2Backend(mode=arguments.mode, method=arguments.method) as backend:
        result = implicitize(
            network,
            field=field,
            backend=backend,
            gauge_fixed=not arguments.no_gauge_fix,
            timeout=timeout,
        )
    if arguments.json:
        print(json.dumps(result.to_dict()))
    else:
        print(result.summary())
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
    handlers = {"implicitize": _implicitize, "doctor": _doctor}
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
