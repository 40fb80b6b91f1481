"""The ``nagbridge`` command line.

Every computing command takes a model: ``--model NAME`` (default ``polynomial``) with
that model's options as flags generated from the model registry (``--widths 2,2,3
--activation-degree 2``; see :mod:`nagbridge._cli_models`), or ``--map FILE``, a custom
polynomial map in a small TOML or JSON file (format in :mod:`nagbridge.models._map_file`).
The model's ``describe()`` is the ``model`` key of every JSON output.

Exit status: 0 on success, 1 when a computation failed (CAS error, timeout, crash),
2 for invalid input (nothing is sent to a CAS), 3 when a CAS is not installed, 130 when
interrupted (Ctrl-C).  A failure prints one line on stderr; with ``--json`` also one
JSON object on stdout, ``{"error": {"type": ..., "message": ...}, "model": {...}}``.
Invalid input is worded ``invalid --flag TEXT: reason``, the flag and its text as typed
(see :func:`nagbridge._cli_models.flag_error`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence

from nagbridge import __version__
from nagbridge._api import (
    BACKEND_CHOICES,
    MAX_TIMEOUT,
    MODES,
    close_shared_backends,
    implicitize,
)
from nagbridge._cli_models import (
    add_model_arguments,
    flag_error,
    model_from_arguments,
    model_summary,
    model_value_flags,
)
from nagbridge._exceptions import (
    CASInterruptedError,
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
from nagbridge.batch._cli import HANDLERS as BATCH_HANDLERS
from nagbridge.batch._cli import add_batch_commands
from nagbridge.fast import fast_dimension
from nagbridge.models import PolynomialNetwork
from nagbridge.problems import Model

__all__ = ["main"]

EXIT_FAILED, EXIT_INVALID, EXIT_NOT_FOUND, EXIT_INTERRUPTED = 1, 2, 3, 130

#: Options whose values may start with "-" (a negative width), which argparse would
#: otherwise mistake for an option; every model option flag is one too.
_VALUE_OPTIONS = ("--field", "--timeout", "--trials", "--seed")
_METHODS = {"macaulay2": MACAULAY2_METHODS, "singular": SINGULAR_METHODS}


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
    if not 0 < value <= MAX_TIMEOUT:
        raise InvalidInputError(
            "timeout", text, f"must be positive and at most {MAX_TIMEOUT:g} seconds"
        )
    return value


_MODEL_SENTENCE = (
    "The model is chosen with --model and its options (default polynomial: the network "
    "f(x) = W_L s(... s(W_1 x)) with s(t) = t^r), or is the custom map of a --map FILE. "
    "A map file (TOML or JSON) looks like: "
    'parameters = ["s", "t"]  [outputs]  a = "s^3"  b = "s^2*t"  c = "s*t^2"  d = "t^3".'
)


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
            description=summary[0].upper() + summary[1:] + ". " + _MODEL_SENTENCE,
        )
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
        add_model_arguments(implicit)

    dimension = commands.add_parser(
        "dimension",
        help="dimension of a neurovariety from Jacobian ranks mod p (no CAS)",
        description="Dimension of the variety as the rank of the Jacobian of the "
        "parametrization at random parameters (and inputs, for polynomial networks) modulo "
        "large primes: a certified lower bound, exact except with the stated "
        "probability. " + _MODEL_SENTENCE,
    )
    dimension.add_argument("--trials", default="2", help="independent trials (default 2)")
    dimension.add_argument("--seed", help="seed of the random draws, for reproducibility")
    dimension.add_argument("--json", action="store_true", help="print one JSON object")
    add_model_arguments(dimension)

    commands.add_parser("doctor", help="which CAS are installed, their versions, what is missing")
    _invariant_parsers(commands)
    add_batch_commands(commands)
    return parser


def _invariant_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The subcommands of issue 4: singular-locus, fiber, ed-degree."""
    locus = commands.add_parser(
        "singular-locus",
        help="singular locus of a neurovariety; compared with narrower networks",
        description="Singular locus V(I + minors of the Jacobian of size codim) of the "
        "variety, reduced (its radical): dimension and degree, the degree of the scheme "
        "I + minors, optionally its irreducible components, and, "
        "for polynomial and shallow networks, whether it equals the union of the "
        "neurovarieties with one hidden width decreased by one. " + _MODEL_SENTENCE,
    )
    fibre = commands.add_parser(
        "fiber",
        help="fibre of the parametrization through given weights; identifiability",
        description="Generic fibre dimension, the fibre through the parameters of a JSON "
        "file (dimension; its points in the gauge slice), and whether they are a regular "
        'point.  The file gives every parameter by name, {"s": 1, "t": "3/2"} (the names '
        "of the parametrization, e.g. w_1_0_0 for a network), or, for a polynomial network, "
        'the matrices {"W1": [[...]], ...}. ' + _MODEL_SENTENCE,
    )
    distance = commands.add_parser(
        "ed-degree",
        help="Euclidean distance degree of a neurovariety for random data",
        description="Number of complex critical points of the squared distance from "
        "random integer data to the variety (for networks the affine cone in coefficient "
        "coordinates). " + _MODEL_SENTENCE,
    )
    for parser in (locus, fibre, distance):
        parser.add_argument(
            "--backend", default="auto", help="auto (Singular if installed), macaulay2, singular"
        )
        parser.add_argument("--mode", default="session", help="session (default) or oneshot")
        parser.add_argument("--timeout", help="seconds before each CAS request is stopped")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
    locus.add_argument("--components", action="store_true", help="also its minimal primes")
    locus.add_argument(
        "--no-subnetworks", action="store_true", help="skip the comparison with subnetworks"
    )
    fibre.add_argument(
        "--weights", required=True, metavar="FILE", help="JSON file of the parameter values"
    )
    distance.add_argument(
        "--inner-product",
        default="euclidean",
        help="euclidean (default) or bombieri-weyl (weight 1/multinomial(e) on x^e; needs "
        "monomial coefficients c_i_e as coordinates)",
    )
    distance.add_argument("--seed", help="seed of the random data point")
    for parser in (locus, fibre, distance):
        add_model_arguments(parser)


def _model(arguments: argparse.Namespace) -> Model:
    """The model of the command line, checked to fit a symbolic parametrization."""
    model = model_from_arguments(arguments)
    _remember_model(arguments, model)
    check_expandable = getattr(model, "check_expandable", None)
    if callable(check_expandable):
        check_expandable()
    return model


#: Namespace attributes: the model's description once built, and whether a JSON object
#: was already printed (then a failure prints no second one).
_MODEL_KEY, _PRINTED_KEY = "model_description", "json_printed"


def _remember_model(arguments: argparse.Namespace, model: Model) -> None:
    setattr(arguments, _MODEL_KEY, model.describe())


def _error_object(error: BaseException, model: object) -> dict[str, object]:
    """The JSON object of a failure: the error's type and message, and the model if known."""
    message = str(error) or type(error).__name__
    kind = "InvalidInputError" if isinstance(error, InvalidInputError) else type(error).__name__
    data: dict[str, object] = {"error": {"type": kind, "message": message}}
    if model is not None:
        data["model"] = model
    return data


def _join_dash_values(argv: Sequence[str]) -> list[str]:
    joined: list[str] = []
    arguments = iter(argv)
    value_options = (*_VALUE_OPTIONS, *model_value_flags())
    for argument in arguments:
        if argument in value_options:
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
    model = _model(arguments)
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
            raise InvalidInputError(
                "method", method, f"expected one of {', '.join(_METHODS[choice])}"
            )
    timeout = None if arguments.timeout is None else _positive_seconds(arguments.timeout)

    gauge_fixed = not arguments.no_gauge_fix
    try:
        if choice in _METHODS:
            factory = Macaulay2Backend if choice == "macaulay2" else SingularBackend
            extra = {} if method is None else {"method": method}
            with factory(mode=arguments.mode, **extra) as backend:
                result = implicitize(
                    model, backend=backend, field=field, gauge_fixed=gauge_fixed, timeout=timeout
                )
        else:
            result = implicitize(
                model,
                backend=choice,
                mode=arguments.mode,
                field=field,
                gauge_fixed=gauge_fixed,
                timeout=timeout,
            )
    except ResultsDisagreeError as error:
        if arguments.json:
            setattr(arguments, _PRINTED_KEY, True)
            print(
                json.dumps(
                    {
                        **_error_object(error, None),
                        "model": model.describe(),
                        "agrees": False,
                        "differences": error.differences,
                        "answers": error.answers,
                    }
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
    # the network route needs no expansion, so any size of network is accepted here
    model = model_from_arguments(arguments)
    _remember_model(arguments, model)
    trials = _integer("trials", arguments.trials)
    seed = None if arguments.seed is None else _integer("seed", arguments.seed)
    result = fast_dimension(model, trials=trials, seed=seed)
    data = result.to_dict()
    if arguments.json:
        print(json.dumps(data))
        return 0
    status = "filling" if data["is_filling"] else f"defect {data['defect']}"
    print(
        f"dimension {data['dimension']} in an ambient space of dimension "
        f"{data['ambient_dimension']} (expected {data['expected_dimension']}; {status})\n"
        f"  {data['method']} over primes {data['primes']}, ranks {data['ranks']}; "
        + (
            f"exact: the rank reaches the proven upper bound {data['upper_bound']}"
            if data["is_exact"]
            else f"below the proven upper bound {data['upper_bound']}; probability that "
            f"the dimension is larger: <= {data['failure_probability_bound']:.3g}"
        )
        + f"\n  {data['seconds']:.3f} s"
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


def _invariant_options(arguments: argparse.Namespace) -> dict[str, object]:
    """Validate the options shared by the invariant commands (before any CAS starts)."""
    from nagbridge._invariants import INVARIANT_BACKENDS

    backend = arguments.backend.lower()
    if backend not in INVARIANT_BACKENDS:
        raise InvalidInputError(
            "backend", arguments.backend, f"expected {', '.join(INVARIANT_BACKENDS)}"
        )
    if arguments.mode not in MODES:
        raise InvalidInputError("mode", arguments.mode, f"expected {' or '.join(MODES)}")
    timeout = None if arguments.timeout is None else _positive_seconds(arguments.timeout)
    return {"backend": backend, "mode": arguments.mode, "timeout": timeout}


def _print_invariant(arguments: argparse.Namespace, data: dict[str, object], text: str) -> int:
    print(json.dumps(data) if arguments.json else text)
    return 0


def _singular_locus(arguments: argparse.Namespace) -> int:
    from nagbridge._invariants import singular_locus

    model = _model(arguments)
    options = _invariant_options(arguments)
    try:
        result = singular_locus(
            model,
            components=arguments.components,
            subnetworks=False if arguments.no_subnetworks else None,
            **options,  # type: ignore[arg-type]
        )
    finally:
        close_shared_backends()
    locus = result.locus
    lines = [
        f"singular locus of the variety of {model_summary(model)} "
        f"(dimension {result.neurovariety_dimension}, codimension {result.codimension})",
        "  empty: the variety is smooth"
        if locus.is_empty
        else f"  reduced locus: dimension {locus.dimension}, degree {locus.degree}, "
        f"{len(locus.ideal.generators)} generator(s); the scheme I + minors has degree "
        f"{result.scheme_degree}",
    ]
    if result.components is not None:
        lines.append(
            f"  {len(result.components)} irreducible component(s): "
            + ", ".join(f"dim {c.dimension} deg {c.degree}" for c in result.components)
        )
    if result.subnetworks is not None:
        check = result.subnetworks
        lines.append(
            "  union of the subnetwork neurovarieties "
            f"{[list(w) for w in check.architectures]}: "
            + ("equal" if check.equal else "not equal")
            + f" (locus in union: {check.comparison.first_in_union}; "
            f"union in locus: {check.comparison.union_in_first})"
        )
    lines.append(f"  computed by {result.backend} {result.cas_version} in {result.seconds:.3f} s")
    return _print_invariant(arguments, result.to_dict(), "\n".join(lines))


def _fiber(arguments: argparse.Namespace) -> int:
    from nagbridge._invariants import check_weights, fiber, read_weight_file

    model = _model(arguments)
    options = _invariant_options(arguments)
    weights = read_weight_file(arguments.weights)
    check_weights(model, weights)  # before any CAS starts
    try:
        result = fiber(model, weights, **options)  # type: ignore[arg-type]
    finally:
        close_shared_backends()
    data = result.to_dict()
    text = (
        f"generic fibre dimension {result.generic_fiber_dimension} "
        f"(#parameters {result.num_parameters} - dimension {result.generic_rank})\n"
        f"  fibre through the weights: dimension {result.fiber_dimension}; in the gauge "
        f"slice: dimension {result.slice_dimension}"
        + (
            f", {result.slice_points} point(s)"
            + (
                f", {result.points_modulo_symmetries} modulo the "
                f"{result.permutation_group_order} permutations of hidden neurons"
                if isinstance(model, PolynomialNetwork)
                else ""
            )
            if result.is_finite_in_slice
            else " (not finite)"
        )
        + f"\n  Jacobian rank {result.jacobian_rank} at the weights: "
        + ("a regular point" if result.is_regular_point else "not a regular point")
    )
    return _print_invariant(arguments, data, text)


def _ed_degree(arguments: argparse.Namespace) -> int:
    from nagbridge._invariants import ed_degree, inner_product_weights

    model = _model(arguments)
    options = _invariant_options(arguments)
    inner_product_weights(model, arguments.inner_product)
    seed = None if arguments.seed is None else _integer("seed", arguments.seed)
    try:
        result = ed_degree(
            model,
            inner_product=arguments.inner_product,
            seed=seed,
            **options,  # type: ignore[arg-type]
        )
    finally:
        close_shared_backends()
    text = (
        f"ED degree {result.ed_degree} of the variety of {model_summary(model)} "
        f"({result.inner_product} inner product on the output coordinates, random "
        f"integer data over QQ)\n"
        f"  computed by {result.backend} {result.cas_version} in {result.seconds:.3f} s"
    )
    return _print_invariant(arguments, result.to_dict(), text)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; a usage error with ``--json`` also prints its JSON object."""
    messages = io.StringIO()
    try:
        with contextlib.redirect_stderr(messages):
            return parser.parse_args(argv)
    except SystemExit as stop:
        text = messages.getvalue()
        sys.stderr.write(text)
        if stop.code == EXIT_INVALID and "--json" in argv:
            last = (text.strip().splitlines() or ["invalid command line"])[-1]
            message = last.split(": error: ", 1)[-1]
            print(json.dumps({"error": {"type": "UsageError", "message": message}}))
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    With ``--json`` a failure prints one JSON object on stdout too,
    ``{"error": {"type": ..., "message": ...}, "model": {...}}`` (``model`` when it was
    built), besides the one-line message on stderr; the exit status is unchanged.
    """
    parser = _parser()
    words = _join_dash_values(sys.argv[1:] if argv is None else argv)
    arguments = _parse(parser, words)
    if arguments.verbose:
        logging.basicConfig(level=logging.DEBUG if arguments.verbose > 1 else logging.INFO)
    handlers = {
        "implicitize": _implicitize,
        "crosscheck": _implicitize,
        "dimension": _dimension,
        "doctor": _doctor,
        "singular-locus": _singular_locus,
        "fiber": _fiber,
        "ed-degree": _ed_degree,
        **BATCH_HANDLERS,
    }

    def fail(error: BaseException, line: str, status: int) -> int:
        print(line, file=sys.stderr)
        if getattr(arguments, "json", False) and not getattr(arguments, _PRINTED_KEY, False):
            with contextlib.suppress(OSError):
                print(json.dumps(_error_object(error, getattr(arguments, _MODEL_KEY, None))))
        return status

    try:
        return handlers[arguments.command](arguments)
    except InvalidInputError as error:
        said = flag_error(error, arguments)
        return fail(said, f"nagbridge: error: {_one_line(said)}", EXIT_INVALID)
    except CASNotFoundError as error:
        return fail(error, f"nagbridge: error: {error}", EXIT_NOT_FOUND)
    except CASInterruptedError as error:
        return fail(error, f"nagbridge: {error}", EXIT_INTERRUPTED)
    except KeyboardInterrupt as error:
        return fail(error, "nagbridge: interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): not an error of ours
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except NagbridgeError as error:
        return fail(error, f"nagbridge: error: {_one_line(error)}", EXIT_FAILED)
    except Exception as error:
        # a defect of ours: the traceback follows; with --json the object comes first
        if getattr(arguments, "json", False) and not getattr(arguments, _PRINTED_KEY, False):
            print(json.dumps(_error_object(error, getattr(arguments, _MODEL_KEY, None))))
        raise


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


if __name__ == "__main__":
    sys.exit(main())
