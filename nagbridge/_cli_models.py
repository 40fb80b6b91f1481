"""Command-line flags for models, generated from the model registry.

Every :class:`~nagbridge.models.ModelOption` of every registered model becomes one flag
(:attr:`ModelOption.flag`, e.g. ``--activation-degree``); models that share an option
name share its flag.  ``--model NAME`` (default ``polynomial``) chooses the model, and
only that model's options may be given; their text is parsed by
:func:`~nagbridge.models.parse_option_text` and the model is built by
:func:`~nagbridge.models.model_from_options`, so a newly registered model gets its
flags with no change here.  ``--map FILE`` gives a custom map instead (see
:mod:`nagbridge.models._map_file`); it excludes ``--model`` and the model flags.

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_model_arguments(parser)
>>> model = model_from_arguments(parser.parse_args(["--widths", "2,2,3",
...                                                 "--activation-degree", "2"]))
>>> model.describe()
{'model': 'polynomial', 'widths': [2, 2, 3], 'activation_degree': 2}
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from typing import Any

from nagbridge._exceptions import InvalidInputError
from nagbridge.models import MODELS, ModelOption, load_map, model_from_options, parse_option_text
from nagbridge.problems import Model

__all__ = [
    "DEFAULT_MODEL",
    "MAP_HELP",
    "FlagError",
    "add_model_arguments",
    "flag_error",
    "model_from_arguments",
    "model_summary",
    "model_value_flags",
]

DEFAULT_MODEL = "polynomial"

#: Option kinds that have no command-line spelling (given through --map instead).
_NOT_ON_COMMAND_LINE = ("mapping",)

#: How a value of each option kind is written on the command line.
_METAVARS = {
    "int": "N",
    "ints": "N,N,...",
    "int_or_ints": "N[,N,...]",
    "rationals": "Q,Q,...",
    "strs": "NAME,NAME,...",
    "bool": "true|false",
    "str": "TEXT",
}

#: Where the parsed flags are kept in the namespace: the option name behind a prefix,
#: so that a model option never overwrites a command's own argument.
_DEST_PREFIX = "model_option_"
#: Namespace attribute listing the model option names that this parser accepts.
_ACCEPTED = "model_options_accepted"

MAP_HELP = (
    "a custom polynomial map instead of --model: a .toml or .json file with "
    'parameters = ["s", "t"] and a table [outputs] of name = "polynomial in the '
    'parameters" (e.g. a = "s^3"; grammar: exact rationals, + - * ^ and parentheses); '
    "no other key is accepted"
)


def _options() -> Iterator[tuple[str, ModelOption]]:
    for name in sorted(MODELS):
        for option in MODELS[name].OPTIONS:
            yield name, option


def model_value_flags() -> tuple[str, ...]:
    """Every model flag: their values may start with "-" (a negative number)."""
    return tuple(dict.fromkeys(option.flag for _, option in _options()))


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--model``, ``--map`` and every registered model's option flags to ``parser``.

    Call it after the command's own arguments: a model option whose flag clashes with
    one of them is left out (it can then be given only through a batch spec or the
    Python API), and so is an option of a kind with no command-line spelling.
    """
    group = parser.add_argument_group(
        "model",
        "choose a registered model with --model and give its options, or a custom map with --map",
    )
    listing = "; ".join(_model_listing(name) for name in sorted(MODELS))
    group.add_argument(
        "--model",
        metavar="NAME",
        help=f"the model (default {DEFAULT_MODEL}); models and their options: {listing}".replace(
            "%", "%%"
        ),
    )
    group.add_argument("--map", metavar="FILE", help=MAP_HELP)

    helps: dict[str, list[str]] = {}
    options: dict[str, ModelOption] = {}
    metavars: dict[str, set[str]] = {}
    for name, option in _options():
        if option.kind in _NOT_ON_COMMAND_LINE:
            continue
        options.setdefault(option.name, option)
        required = ", required" if option.required else ""
        helps.setdefault(option.name, []).append(f"{name}{required}: {option.help}")
        metavars.setdefault(option.name, set()).add(_METAVARS.get(option.kind, "VALUE"))
    accepted = []
    for option_name, option in options.items():
        kinds = metavars[option_name]
        try:
            group.add_argument(
                option.flag,
                dest=_DEST_PREFIX + option_name,
                metavar=kinds.pop() if len(kinds) == 1 else option_name.upper(),
                help="; ".join(helps[option_name]).replace("%", "%%"),
            )
        except argparse.ArgumentError:
            continue  # the command has an argument of this name: its own meaning wins
        accepted.append(option_name)
    parser.set_defaults(**{_ACCEPTED: tuple(accepted)})


def _model_listing(name: str) -> str:
    options = MODELS[name].OPTIONS
    flags = [option.flag for option in options if option.kind not in _NOT_ON_COMMAND_LINE]
    others = [option.name for option in options if option.kind in _NOT_ON_COMMAND_LINE]
    text = ", ".join(flags)
    if others:
        text += ("; " if flags else "") + f"{', '.join(others)} only in a file"
    return f"{name} ({text})"


def _given(arguments: argparse.Namespace) -> dict[str, str]:
    """The model option flags on the command line: option name -> its text."""
    accepted = getattr(arguments, _ACCEPTED, ())
    found = {}
    for name in accepted:
        text = getattr(arguments, _DEST_PREFIX + name, None)
        if text is not None:
            found[name] = text
    return found


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def model_from_arguments(arguments: argparse.Namespace) -> Model:
    """The model of the command line: ``--map FILE``, or ``--model`` and its options.

    Raises :class:`~nagbridge.InvalidInputError` naming the flag for an option of
    another model, a missing required option, ``--map`` together with ``--model`` or
    model options, and whatever the model's own checks reject.
    """
    given = _given(arguments)
    chosen: Any = getattr(arguments, "model", None)
    map_file = getattr(arguments, "map", None)
    if map_file is not None:
        if chosen is not None:
            raise InvalidInputError(
                "--map", map_file, "cannot be combined with --model: the map is the model"
            )
        if given:
            name = next(iter(given))
            raise InvalidInputError(
                _flag(name), given[name], "is a model option; a --map file takes none"
            )
        return load_map(map_file)

    name = DEFAULT_MODEL if chosen is None else chosen
    if name not in MODELS:
        raise InvalidInputError("--model", name, f"expected one of {', '.join(sorted(MODELS))}")
    declared = {option.name: option for option in MODELS[name].OPTIONS}
    for option_name, text in given.items():
        if option_name not in declared:
            flags = ", ".join(option.flag for option in declared.values())
            raise InvalidInputError(
                _flag(option_name),
                text,
                f"is not an option of model {name}; its options are {flags}",
            )
    accepted = getattr(arguments, _ACCEPTED, ())
    for option in declared.values():
        if option.required and option.name not in given:
            if option.name not in accepted:
                raise InvalidInputError(
                    "--model",
                    name,
                    f"needs the option {option.name}, which has no command-line flag; "
                    + (
                        "give the map with --map FILE"
                        if name == "custom"
                        else "use a batch spec or the Python API"
                    ),
                )
            raise InvalidInputError("--model", name, f"needs {option.flag} ({option.help})")
    values = {key: parse_option_text(declared[key], text) for key, text in given.items()}
    try:
        model: Model = model_from_options(name, values)
    except InvalidInputError as error:
        if error.name in declared:  # say it as the user typed it: --activation-degree
            raise InvalidInputError(declared[error.name].flag, error.value, error.reason) from None
        raise
    return model


def model_summary(model: Model) -> str:
    """The model's description on one line: ``polynomial, widths=[2, 2, 3], ...``."""
    description = dict(model.describe())
    head = str(description.pop("model", type(model).__name__))
    return ", ".join([head, *(f"{key}={value}" for key, value in description.items())])


class FlagError(InvalidInputError):
    """An :class:`~nagbridge.InvalidInputError` worded for the command line.

    Its message is ``invalid --flag TEXT: reason``, ``TEXT`` the value as typed
    (``--activation 1,0``), with no Python representation in it.

    >>> str(FlagError("--widths", "2,0,2", "width 0 must be at least 1"))
    'invalid --widths 2,0,2: width 0 must be at least 1'
    """

    def __init__(self, flag: str, text: str, reason: str) -> None:
        super().__init__(flag, text, reason)
        self.args = (f"invalid {flag} {text}: {reason}",)


def _typed(value: object) -> str:
    """A parsed value written as on the command line: ``(Fraction(1), 0)`` -> ``1,0``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(_typed(entry) for entry in value)
    if value is None:
        return ""
    return str(value)  # a Fraction as 1 or 3/2


#: Names that the commands' checks give their own arguments, by argument.
_COMMAND_ALIASES = {"weight_file": "weights"}


def _flag_of(name: str, arguments: argparse.Namespace) -> tuple[str, str | None] | None:
    """The flag behind an error's name, and the text typed for it (None if not given).

    The name is an option's (``activation_degree``), a check's wording of it
    (``activation degree``), one element of a list option (``width`` of ``widths``),
    a command argument (``trials``) or already a flag (``--model``).
    """
    accepted = set(getattr(arguments, _ACCEPTED, ()))
    chosen = getattr(arguments, "model", None) or DEFAULT_MODEL
    declared = {option.name for option in MODELS[chosen].OPTIONS} if chosen in MODELS else set()
    key = name[2:].replace("-", "_") if name.startswith("--") else name.replace(" ", "_")
    key = _COMMAND_ALIASES.get(key, key)
    for candidate in (key, key + "s"):
        if candidate in accepted:  # a model flag: only the chosen model's own
            if candidate in declared:
                return _flag(candidate), getattr(arguments, _DEST_PREFIX + candidate, None)
            continue
        typed = getattr(arguments, candidate, None)
        if isinstance(typed, str) and candidate != "command":  # the command's own flag
            return _flag(candidate), typed
    if name.startswith("--"):
        return name, None
    return None


def flag_error(error: InvalidInputError, arguments: argparse.Namespace) -> InvalidInputError:
    """``error`` said with the flag the user typed and its text: ``invalid --flag TEXT: ...``.

    The value in the error (parsed, e.g. a tuple of Fractions, or one entry of a list)
    is written back as text; when it is not the whole text of the flag, the reason
    starts with it (``invalid --widths 2,0,2: width 0 must be at least 1``).  Option
    names with an underscore in the reason become their flags.  An error whose name is
    no flag of this command line is returned unchanged.
    """
    if isinstance(error, FlagError):
        return error
    found = _flag_of(error.name, arguments)
    if found is None:
        return error
    flag, typed = found
    value = _typed(error.value)
    reason = error.reason
    for name in sorted(_option_names(), key=len, reverse=True):
        if "_" in name:
            reason = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", _flag(name), reason)
    if typed is None:
        return FlagError(flag, value, reason)
    if value != typed.strip():
        element = "" if flag == _flag(error.name.replace(" ", "_")) else f"{error.name} "
        reason = f"{element}{value} {reason}" if value else reason
    return FlagError(flag, typed, reason)


def _option_names() -> set[str]:
    return {option.name for _, option in _options()}
