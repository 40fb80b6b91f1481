"""A custom polynomial map read from a small TOML or JSON file.

The file gives the parameters and, for each output coordinate, its polynomial in the
parameters, in the grammar of :func:`nagbridge.algebra.parse_polynomial` (exact
rationals, ``*``, ``+``, ``-``, ``^``, parentheses).  In TOML::

    # the twisted cubic: t -> (s^3, s^2 t, s t^2, t^3)
    parameters = ["s", "t"]

    [outputs]
    a = "s^3"
    b = "s^2*t"
    c = "s*t^2"
    d = "t^3"

and in JSON ``{"parameters": ["s", "t"], "outputs": {"a": "s^3", ...}}``.  The file
name must end in ``.toml`` or ``.json``.  Both keys are required and no other key is
accepted; output names must differ from parameter names.  The map becomes a
:class:`~nagbridge.models.CustomMap`: the variety is the Zariski closure of its image
in the affine space of the outputs.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, cast

from nagbridge._exceptions import InvalidInputError
from nagbridge.models._custom import CustomMap
from nagbridge.models._registry import model_from_options

__all__ = ["MAP_FILE_KEYS", "load_map", "map_from_data"]

#: The keys of a map file, all required.
MAP_FILE_KEYS = ("parameters", "outputs")


def map_from_data(data: object, source: str = "map") -> CustomMap:
    """The custom map of the plain data of a map file (``source`` names it in errors).

    >>> map_from_data({"parameters": ["s", "t"], "outputs": {"a": "s^2", "b": "s*t"}})
    CustomMap(parameters=('s', 't'), outputs={'a': 's^2', 'b': 's*t'})
    >>> map_from_data({"parameters": ["s"], "outputs": {"a": "s"}, "degree": 1})
    Traceback (most recent call last):
    ...
    nagbridge._exceptions.InvalidInputError: invalid map 'degree': unknown key; the keys \
are parameters, outputs
    """
    if not isinstance(data, dict):
        raise InvalidInputError(source, type(data).__name__, "must be a table of keys")
    for key in data:
        if key not in MAP_FILE_KEYS:
            raise InvalidInputError(
                source, key, f"unknown key; the keys are {', '.join(MAP_FILE_KEYS)}"
            )
    for key in MAP_FILE_KEYS:
        if key not in data:
            raise InvalidInputError(source, key, "missing key")
    try:
        return cast(CustomMap, model_from_options("custom", data))
    except InvalidInputError as error:
        raise InvalidInputError(f"{error.name} in {source}", error.value, error.reason) from None


def load_map(path: str | Path) -> CustomMap:
    """Read a map file (TOML or JSON, see the module docstring) as a custom map."""
    name = str(path)
    suffix = Path(path).suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InvalidInputError("map file", name, "must end in .toml or .json")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInputError("map file", name, f"cannot be read ({error.strerror})") from None
    data: Any
    if suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise InvalidInputError("map file", name, f"is not valid TOML ({error})") from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidInputError("map file", name, f"is not JSON ({error.msg})") from None
    return map_from_data(data, name)
