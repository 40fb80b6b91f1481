"""Models by name, built from plain options: one entry point for the CLI and batch specs.

Each model class declares ``MODEL_NAME`` and its ``OPTIONS``; the same option names are
TOML keys in a batch spec (``activation_degree``) and command-line flags
(``--activation-degree``).  Values are checked here against the declared kind before
the model's own constructor checks what they mean, so a wrong type is reported with
the option's name whatever the front end.

>>> model = model_from_options("polynomial", {"widths": [2, 2, 3], "activation_degree": 2})
>>> model.describe()["model"], model.expected_dimension
('polynomial', 8)
>>> model_from_options("polynomial", {"widths": [2, 2, 3], "depth": 2})
Traceback (most recent call last):
...
nagbridge._exceptions.InvalidInputError: invalid depth 2: unknown option of model \
polynomial; its options are widths, activation_degree, biases, activation
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, TypeVar

from nagbridge._exceptions import InvalidInputError

__all__ = [
    "MODELS",
    "ModelOption",
    "model_from_options",
    "parse_option_text",
    "register_model",
]

#: ``int`` an integer, ``ints`` a list of integers, ``rationals`` a list of exact
#: rationals (integers or strings such as "1/2"), ``bool`` true/false, ``str`` text,
#: ``strs`` a list of strings, ``int_or_ints`` an integer or a list of integers,
#: ``mapping`` a table of strings.
OptionKind = Literal["int", "ints", "rationals", "bool", "str", "strs", "int_or_ints", "mapping"]


@dataclass(frozen=True)
class ModelOption:
    """One constructor argument of a model, as a front end sees it."""

    name: str
    kind: OptionKind
    help: str
    required: bool = False

    @property
    def flag(self) -> str:
        """The command-line spelling, e.g. ``--activation-degree``."""
        return "--" + self.name.replace("_", "-")


ModelClass = TypeVar("ModelClass", bound=type)

#: Model name -> model class, filled by :func:`register_model`.
MODELS: dict[str, Any] = {}


def register_model(cls: ModelClass) -> ModelClass:
    """Class decorator: make ``cls`` available under ``cls.MODEL_NAME``."""
    MODELS[getattr(cls, "MODEL_NAME")] = cls  # noqa: B009 (a class attribute by protocol)
    return cls


def _integer(option: ModelOption, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(option.name, value, "must be an integer")
    return value


def _integers(option: ModelOption, value: object) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InvalidInputError(option.name, value, "must be a list of integers")
    return tuple(_integer(option, entry) for entry in value)


def _rational(option: ModelOption, value: object) -> Fraction:
    if isinstance(value, bool):
        raise InvalidInputError(option.name, value, "must be a list of exact rationals")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip()
        numerator, _, denominator = text.partition("/")
        if numerator.strip().lstrip("+-").isdigit() and (
            not denominator or denominator.strip().isdigit()
        ):
            if denominator and int(denominator) == 0:
                raise InvalidInputError(option.name, value, "has a zero denominator")
            return Fraction(text.replace(" ", ""))
    raise InvalidInputError(
        option.name, value, "must be a list of exact rationals such as 1, -2 or 3/4"
    )


def _check_kind(option: ModelOption, value: object) -> Any:
    if option.kind == "int":
        return _integer(option, value)
    if option.kind == "ints":
        return _integers(option, value)
    if option.kind == "int_or_ints":
        if isinstance(value, (list, tuple)):
            return _integers(option, value)
        return _integer(option, value)
    if option.kind == "rationals":
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise InvalidInputError(option.name, value, "must be a list of exact rationals")
        return tuple(_rational(option, entry) for entry in value)
    if option.kind == "bool":
        if not isinstance(value, bool):
            raise InvalidInputError(option.name, value, "must be true or false")
        return value
    if option.kind == "strs":
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise InvalidInputError(option.name, value, "must be a list of strings")
        if not all(isinstance(entry, str) for entry in value):
            raise InvalidInputError(option.name, value, "must be a list of strings")
        return tuple(value)
    if option.kind == "mapping":
        if not isinstance(value, Mapping) or not all(
            isinstance(key, str) and isinstance(entry, str) for key, entry in value.items()
        ):
            raise InvalidInputError(option.name, value, "must be a table of strings")
        return dict(value)
    if not isinstance(value, str):
        raise InvalidInputError(option.name, value, "must be a string")
    return value


def model_from_options(name: object, options: Mapping[str, Any]) -> Any:
    """Build the model called ``name`` from plain option values (TOML or JSON types).

    Unknown options, missing required ones and values of the wrong kind raise
    :class:`~nagbridge.InvalidInputError` naming the option; the model's constructor
    then checks the values themselves.
    """
    if not isinstance(name, str) or name not in MODELS:
        raise InvalidInputError("model", name, f"expected one of {', '.join(sorted(MODELS))}")
    cls = MODELS[name]
    declared = {option.name: option for option in cls.OPTIONS}
    for key in options:
        if key not in declared:
            raise InvalidInputError(
                key,
                options[key],
                f"unknown option of model {name}; its options are {', '.join(declared)}",
            )
    arguments: dict[str, Any] = {}
    for option in cls.OPTIONS:
        if option.name in options:
            arguments[option.name] = _check_kind(option, options[option.name])
        elif option.required:
            raise InvalidInputError(option.name, None, f"is required by model {name}")
    return cls(**arguments)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")]


def parse_option_text(option: ModelOption, text: str) -> Any:
    """The value of a command-line string for ``option`` (``"2,2,3"`` -> ``[2, 2, 3]``)."""
    parsers: dict[str, Callable[[str], Any]] = {
        "int": lambda raw: _integer_text(option, raw),
        "ints": lambda raw: [_integer_text(option, part) for part in _split(raw)],
        "int_or_ints": lambda raw: (
            [_integer_text(option, part) for part in _split(raw)]
            if "," in raw
            else _integer_text(option, raw)
        ),
        "rationals": _split,
        "strs": _split,
        "bool": lambda raw: _boolean_text(option, raw),
        "str": lambda raw: raw,
    }
    if option.kind not in parsers:
        raise InvalidInputError(option.name, text, "cannot be given on the command line")
    return parsers[option.kind](text)


def _integer_text(option: ModelOption, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInputError(option.name, text, "must be an integer") from None


def _boolean_text(option: ModelOption, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise InvalidInputError(option.name, text, "must be true or false")
