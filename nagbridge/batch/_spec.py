"""Batch specs: TOML files describing sweeps over architectures, read into a list of jobs.

A spec holds one ``[sweep]`` table or several ``[[sweep]]`` tables.  Each table names a
``model`` of the registry (:data:`nagbridge.models.MODELS`), values of the model's own
options, and what to compute; every combination of the swept values is one job.

Whether a TOML value is *one* value or a *sweep over values* follows the option's
kind (:class:`nagbridge.models.ModelOption`): for a list kind (``ints`` such as
``widths``, ``rationals``, ``strs``) a list of scalars is one value and a list of lists
a sweep; for a scalar kind (``int``, ``bool``, ``str``) a list is a sweep, and so for
``int_or_ints`` (``activation_degree``: ``[2, 3]`` sweeps two degrees, ``[[2, 3]]`` is
one network with degree 2 in its first hidden layer and 3 in its second).  Three
tables are sweeps for any option: ``{values = [...]}`` (the listed values),
``{from = a, to = b, step = s}`` (integers a, a+s, ..., up to b inclusive) and, for
``ints``, ``{grid = [...]}`` (every integer list whose i-th entry is taken from the
i-th position: an integer, a list of integers or a range table).  A spec holds at
most :data:`MAX_JOBS` (100,000) jobs, counted from the sizes of its sweeps before any
job is built.

>>> spec = parse_spec('''
... [sweep]
... widths = {grid = [2, {from = 1, to = 3}, 1]}
... activation_degree = [2, 3]
... compute = "dimension"
... ''')
>>> [(job.options["widths"], job.options["activation_degree"]) for job in spec.jobs][:3]
[([2, 1, 1], 2), ([2, 1, 1], 3), ([2, 2, 1], 2)]
>>> len(spec.jobs)
6
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, TypeGuard

from nagbridge._api import BACKEND_CHOICES, MAX_TIMEOUT, MODES
from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Field
from nagbridge.backends import Macaulay2Backend, SingularBackend, cas_installed
from nagbridge.models import MODELS, ModelOption, model_from_options

__all__ = [
    "INVARIANTS",
    "INVARIANT_BACKENDS",
    "SWEEP_KEYS",
    "BatchSpec",
    "Job",
    "SpecError",
    "load_spec",
    "parse_spec",
]

#: What a sweep can compute, and which ``backend`` values each accepts (``none``: no CAS).
INVARIANT_BACKENDS: dict[str, tuple[str, ...]] = {
    "implicitize": BACKEND_CHOICES,
    "dimension": ("none",),
    "singular_locus": ("auto", "macaulay2", "singular"),
    "ed_degree": ("auto", "macaulay2", "singular"),
}
INVARIANTS = tuple(INVARIANT_BACKENDS)

#: Keys of a sweep table other than the model's options, with their meaning.
SWEEP_KEYS: dict[str, str] = {
    "model": 'name of a registered model (default "polynomial")',
    "compute": "invariant or list of invariants: " + ", ".join(INVARIANTS),
    "backend": "CAS choice or list of choices: " + ", ".join(BACKEND_CHOICES),
    "field": 'coefficient field or list of fields: "QQ" or "GF(p)" (default "QQ")',
    "timeout": "seconds per job (default: no limit)",
    "memory_limit": 'per-job memory limit of the CAS process, e.g. "2GiB" or "512MiB"',
    "mode": '"session" (default; one CAS process per worker, reused) or "oneshot"',
    "gauge_fixed": "implicitize: fix one weight per hidden neuron to 1 (default true)",
    "seed": "dimension, ed_degree: seed of the random draws (default 0)",
    "trials": "dimension: independent trials modulo distinct primes (default 2)",
}

_UNITS = {"B": 1, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "KB": 10**3, "MB": 10**6, "GB": 10**9}
_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?I?B)\s*$", re.IGNORECASE)
_RANGE_KEYS = {"from", "to", "step"}
#: Most jobs of one spec, checked from the sizes of the sweeps before any job is built,
#: so that a typo in a range is refused at once instead of filling memory.
MAX_JOBS = 100_000


class SpecError(InvalidInputError):
    """A batch spec was rejected; ``key`` is the offending key and ``line`` its line.

    The message shows the value as it is written in TOML (``true``, ``"QQ"``), and no
    value when there is none (a missing key, a syntax error).
    """

    def __init__(self, key: str, value: object, reason: str, source: str, line: int | None):
        self.key = key
        self.line = line
        self.source = source
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(key, value, f"{reason} ({where})")
        shown = "" if value is None else f" {toml_text(value)}"
        self.args = (f"invalid {key}{shown}: {self.reason}",)


def toml_text(value: object) -> str:
    """A value as TOML writes it: ``true``, ``"QQ"``, ``[2, 3]``, ``{from = 1, to = 3}``.

    >>> toml_text({"grid": [2, True, "x"]})
    '{grid = [2, true, "x"]}'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_text(entry) for entry in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {toml_text(v)}" for k, v in value.items()) + "}"
    return str(value)


@dataclass(frozen=True)
class Job:
    """One problem of a sweep: a model, an invariant and how to compute it.

    ``options`` are the model's options as plain data; ``key`` (set by the runner once
    the CAS versions are known, see :meth:`with_versions`) is the SHA-256 of
    :meth:`canonical`.
    """

    model: str
    options: dict[str, Any]
    invariant: str
    field: str = "QQ"
    backend: str = "auto"
    mode: str = "session"
    timeout: float | None = None
    memory_limit: int | None = None
    gauge_fixed: bool = True
    seed: int = 0
    trials: int = 2
    description: dict[str, Any] = dataclass_field(default_factory=dict)
    cas_version: str | None = None
    table: int = 0

    def parameters(self) -> dict[str, Any]:
        """The invariant's own parameters that change its answer."""
        if self.invariant == "implicitize":
            return {"gauge_fixed": self.gauge_fixed}
        if self.invariant == "dimension":
            return {"seed": self.seed, "trials": self.trials}
        if self.invariant == "ed_degree":
            return {"seed": self.seed}
        return {}

    def canonical(self) -> dict[str, Any]:
        """Model, invariant (with its parameters), field, backend choice and CAS version.

        Timeouts, memory limits and the process mode are left out: they change whether
        a job finishes, not its answer.
        """
        return {
            "model": self.description,
            "invariant": self.invariant,
            "parameters": self.parameters(),
            "field": self.field,
            "backend": self.backend,
            "cas_version": self.cas_version,
        }

    @property
    def key(self) -> str:
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def label(self) -> str:
        """A short readable name, e.g. ``polynomial widths=[2, 2, 1] activation_degree=2``."""
        options = " ".join(f"{k}={v}" for k, v in self.description.items() if k != "model")
        defaults = {"gauge_fixed": True, "seed": 0, "trials": 2}
        parameters = "".join(
            f" {k}={toml_text(v)}" for k, v in self.parameters().items() if v != defaults[k]
        )
        return f"{self.model} {options} {self.invariant}{parameters} {self.backend} {self.field}"

    def with_versions(self, versions: Mapping[str, str]) -> Job:
        """This job with the version of the CAS it will use (``versions``: CAS -> version)."""
        return replace(self, cas_version=cas_version_for(self.invariant, self.backend, versions))


def cas_version_for(invariant: str, backend: str, versions: Mapping[str, str]) -> str | None:
    """Which CAS versions a job's answer depends on (``auto`` prefers Singular)."""
    if backend == "none":
        return None
    if backend == "both":
        names = ["macaulay2", "singular"]
    elif backend == "auto":
        names = ["singular" if "singular" in versions else "macaulay2"]
    else:
        names = [backend]
    return ", ".join(f"{name} {versions.get(name, 'missing')}" for name in names)


@dataclass(frozen=True)
class BatchSpec:
    """A parsed spec: its jobs in order (duplicates removed) and where it came from."""

    jobs: tuple[Job, ...]
    source: str = "<spec>"


# -- locating keys in the TOML text ----------------------------------------------------


class _Locator:
    """Lines of keys in the TOML source: tomllib keeps no positions, so look them up."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(#.*)?$")

    def __init__(self, text: str) -> None:
        self.tables: list[tuple[str, int, int]] = []  # (name, header line, end line)
        lines = text.splitlines()
        self.lines = lines
        current: tuple[str, int] | None = None
        for number, line in enumerate(lines, start=1):
            match = self._HEADER.match(line)
            if match:
                if current is not None:
                    self.tables.append((current[0], current[1], number - 1))
                current = (match.group(2).strip().strip("\"'"), number)
        if current is not None:
            self.tables.append((current[0], current[1], len(lines)))
        self.top_end = self.tables[0][1] - 1 if self.tables else len(lines)

    def table_line(self, index: int) -> int | None:
        sweeps = [table for table in self.tables if table[0] == "sweep"]
        return sweeps[index][1] if index < len(sweeps) else None

    def key_line(self, key: str, index: int | None) -> int | None:
        """Line of ``key = ...`` in the ``index``-th sweep table (None: at top level)."""
        if index is None:
            start, end = 1, self.top_end
        else:
            sweeps = [table for table in self.tables if table[0] == "sweep"]
            if index >= len(sweeps):
                return None
            start, end = sweeps[index][1], sweeps[index][2]
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]")
        for number in range(start, end + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        for name, line, _ in self.tables:  # a sub-table such as [sweep.widths]
            if name in (f"sweep.{key}", key) and (index is None or line >= start):
                return line
        return self.table_line(index) if index is not None else None


# -- values --------------------------------------------------------------------------


def _is_list(value: object) -> TypeGuard[list[Any]]:
    return isinstance(value, list)


def _range(value: Mapping[str, Any]) -> list[int]:
    unknown = set(value) - _RANGE_KEYS
    if unknown or "from" not in value or "to" not in value:
        raise ValueError(
            "a range is {from = a, to = b} with an optional step"
            + (f"; unknown key {sorted(unknown)[0]}" if unknown else "")
        )
    start, stop, step = value["from"], value["to"], value.get("step", 1)
    for bound in (start, stop, step):
        if isinstance(bound, bool) or not isinstance(bound, int):
            raise ValueError("range bounds and step must be integers")
    if step < 1:
        raise ValueError("a range step must be at least 1")
    if stop < start:
        raise ValueError(f"the range from {start} to {stop} is empty")
    if (stop - start) // step + 1 > MAX_JOBS:
        raise ValueError(f"the range has more than {MAX_JOBS} values")
    return list(range(start, stop + 1, step))


def _grid(positions: object) -> list[list[int]]:
    if not _is_list(positions) or not positions:
        raise ValueError("a grid is a non-empty list of positions")
    choices: list[list[int]] = []
    for position in positions:
        if isinstance(position, dict):
            choices.append(_range(position))
        elif _is_list(position):
            if not position or not all(
                isinstance(entry, int) and not isinstance(entry, bool) for entry in position
            ):
                raise ValueError("a grid position is an integer, a list of integers or a range")
            choices.append(list(position))
        elif isinstance(position, int) and not isinstance(position, bool):
            choices.append([position])
        else:
            raise ValueError("a grid position is an integer, a list of integers or a range")
    if math.prod(len(choice) for choice in choices) > MAX_JOBS:
        raise ValueError(f"the grid has more than {MAX_JOBS} points")
    return [list(point) for point in itertools.product(*choices)]


def _sweep_table(value: Mapping[str, Any], grid_allowed: bool) -> list[Any] | None:
    """The values of a sweep table, or None when the table is not one."""
    keys = set(value)
    if keys == {"values"}:
        values = value["values"]
        if not _is_list(values) or not values:
            raise ValueError("values = [...] must be a non-empty list")
        return list(values)
    if keys == {"grid"}:
        if not grid_allowed:
            raise ValueError("a grid sweeps lists of integers (options of kind ints) only")
        return _grid(value["grid"])
    if keys & _RANGE_KEYS and keys <= _RANGE_KEYS:
        return _range(value)
    return None


def option_values(option: ModelOption, value: object) -> list[Any]:
    """The values a TOML value stands for: one value, or a sweep (see the module)."""
    if isinstance(value, dict):
        swept = _sweep_table(value, grid_allowed=option.kind == "ints")
        if swept is not None:
            return swept
        if option.kind == "mapping":
            return [value]
        raise ValueError("a table here is {values = [...]}, {from = a, to = b} or {grid = [...]}")
    if option.kind == "int_or_ints":  # activation_degree: a list sweeps, as for an int
        if _is_list(value):
            if not value:
                raise ValueError("an empty list sweeps over nothing")
            return list(value)
        return [value]
    if option.kind in ("ints", "rationals", "strs"):
        if _is_list(value) and value and all(_is_list(entry) for entry in value):
            return list(value)
        if _is_list(value) and any(_is_list(entry) for entry in value):
            odd = next(entry for entry in value if not _is_list(entry))
            raise ValueError(
                f"a sweep is a list of lists, but {toml_text(odd)} is not a list "
                f"(one value is a list of scalars)"
            )
        return [value]
    if option.kind == "mapping":
        if _is_list(value) and value and all(isinstance(e, dict) for e in value):
            return list(value)
        return [value]
    if _is_list(value):
        if not value:
            raise ValueError("an empty list sweeps over nothing")
        return list(value)
    return [value]


def _scalar_values(value: object) -> list[Any]:
    if isinstance(value, dict):
        swept = _sweep_table(value, grid_allowed=False)
        if swept is None:
            raise ValueError("a table here is {values = [...]}")
        return swept
    if _is_list(value):
        if not value:
            raise ValueError("an empty list sweeps over nothing")
        return list(value)
    return [value]


def _memory_limit(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        match = _MEMORY.match(value)
        if match:
            return int(float(match.group(1)) * _UNITS[match.group(2).upper()])
    raise ValueError('must be a number of bytes or a size such as "512MiB" or "2GiB"')


def _timeout(value: object) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not 0 < value <= MAX_TIMEOUT
    ):
        raise ValueError(f"must be a positive number of seconds, at most {MAX_TIMEOUT:g}")
    return float(value)


# -- the parser ----------------------------------------------------------------------


class _Table:
    """One sweep table being read, with error reporting by key and line."""

    def __init__(self, data: Mapping[str, Any], index: int, locator: _Locator, source: str):
        self.data = data
        self.index = index
        self.locator = locator
        self.source = source

    def error(self, key: str, value: object, reason: str) -> SpecError:
        return SpecError(key, value, reason, self.source, self.locator.key_line(key, self.index))

    def scalar(self, key: str, check: Any, default: Any) -> Any:
        if key not in self.data:
            return default
        try:
            return check(self.data[key])
        except ValueError as error:
            raise self.error(key, self.data[key], str(error)) from None

    def sweep(
        self, key: str, default: list[Any], allowed: Sequence[str] | None = None
    ) -> list[Any]:
        if key not in self.data:
            return default
        value = self.data[key]
        try:
            values = _scalar_values(value)
        except ValueError as error:
            raise self.error(key, value, str(error)) from None
        for entry in values:
            if not isinstance(entry, str):
                raise self.error(key, entry, "must be a string or a list of strings")
            if allowed is not None and entry.lower() not in allowed:
                raise self.error(key, entry, f"expected one of {', '.join(allowed)}")
        return [entry.lower() if allowed is not None else entry for entry in values]

    def jobs(self, earlier: int = 0) -> list[Job]:
        """The jobs of this table (``earlier``: jobs of the tables before, for the limit)."""
        model_name = self.data.get("model", "polynomial")
        if not isinstance(model_name, str) or model_name not in MODELS:
            raise self.error(
                "model", model_name, f"unknown model; expected one of {', '.join(sorted(MODELS))}"
            )
        model_class = MODELS[model_name]
        declared: dict[str, ModelOption] = {option.name: option for option in model_class.OPTIONS}
        for key, value in self.data.items():
            if key not in declared and key not in SWEEP_KEYS:
                raise self.error(
                    key,
                    value,
                    f"unknown key; model {model_name} takes {', '.join(declared)}, and a "
                    f"sweep takes {', '.join(SWEEP_KEYS)}",
                )
        if "compute" not in self.data:
            raise SpecError(
                "compute",
                None,
                f"is required: what to compute, one or more of {', '.join(INVARIANTS)}",
                self.source,
                self.locator.table_line(self.index),
            )

        invariants = self.sweep("compute", [], INVARIANTS)
        backends = self.sweep("backend", ["auto"], (*BACKEND_CHOICES, "none"))
        fields = self.sweep("field", ["QQ"])
        for text in fields:
            try:
                Field.parse(text)
            except InvalidInputError as error:
                raise self.error("field", text, error.reason) from None
        if "memory_limit" in self.data and "both" in backends:
            raise self.error("backend", "both", "a memory limit needs one CAS per job, not both")
        mode = self.scalar("mode", _mode, "session")
        timeout = self.scalar("timeout", _timeout, None)
        memory_limit = self.scalar("memory_limit", _memory_limit, None)
        if memory_limit is not None:
            for invariant, backend in itertools.product(invariants, backends):
                cas = _backend_for(invariant, backend)
                if cas == "auto":  # with a memory limit: Singular when installed
                    cas = "singular" if cas_installed("singular") else "macaulay2"
                minimum = _MINIMUM_MEMORY.get(cas, 0)
                if memory_limit < minimum:
                    raise self.error(
                        "memory_limit",
                        self.data["memory_limit"],
                        f"{cas} ({invariant}) needs at least {minimum // 2**20} MiB",
                    )
        gauge_fixed = self.scalar("gauge_fixed", _boolean, True)
        seed = self.scalar("seed", lambda v: _integer(v, 0), 0)
        trials = self.scalar("trials", lambda v: _integer(v, 1), 2)

        axes: list[tuple[str, list[Any]]] = []
        for option in model_class.OPTIONS:
            if option.name in self.data:
                try:
                    axes.append((option.name, option_values(option, self.data[option.name])))
                except ValueError as error:
                    raise self.error(option.name, self.data[option.name], str(error)) from None
            elif option.required:
                raise SpecError(
                    option.name,
                    None,
                    f"is required by model {model_name} ({option.help})",
                    self.source,
                    self.locator.table_line(self.index),
                )
        sizes = [(name, len(values)) for name, values in axes]
        sizes += [("compute", len(invariants)), ("backend", len(backends))]
        sizes += [("field", len(fields))]
        count = math.prod(size for _, size in sizes)
        if earlier + count > MAX_JOBS:
            swept = sorted((size, name) for name, size in sizes if size > 1)
            key = swept[-1][1] if swept else "compute"
            product = " x ".join(f"{name} {size}" for size, name in reversed(swept))
            raise SpecError(
                key,
                None,
                f"the sweep has {count} jobs ({product or 'one each'})"
                + (f", {earlier} more in the tables before" if earlier else "")
                + f": more than the limit of {MAX_JOBS} jobs in one spec; split it",
                self.source,
                self.locator.key_line(key, self.index),
            )

        jobs = []
        for point in itertools.product(*(values for _, values in axes)):
            options = {name: _plain(value) for (name, _), value in zip(axes, point, strict=True)}
            try:
                model = model_from_options(model_name, options)
                description = model.describe()
            except InvalidInputError as error:
                key = (
                    error.name
                    if error.name in self.data or error.name in declared
                    else _closest(error.name, options)
                )
                raise self.error(key, error.value, error.reason) from None
            for invariant, backend, field_text in itertools.product(invariants, backends, fields):
                chosen = _backend_for(invariant, backend)
                if chosen not in INVARIANT_BACKENDS[invariant]:
                    raise self.error(
                        "backend",
                        backend,
                        f"{invariant} takes backend " + ", ".join(INVARIANT_BACKENDS[invariant]),
                    )
                jobs.append(
                    Job(
                        model=model_name,
                        options=options,
                        invariant=invariant,
                        field=str(Field.parse(field_text)),
                        backend=chosen,
                        mode=mode,
                        timeout=timeout,
                        memory_limit=memory_limit,
                        gauge_fixed=gauge_fixed,
                        seed=seed,
                        trials=trials,
                        description=description,
                        table=self.index,
                    )
                )
        return jobs


#: The smallest memory limit each CAS backend accepts (its ``minimum_memory``).
_MINIMUM_MEMORY = {
    "macaulay2": Macaulay2Backend.minimum_memory,
    "singular": SingularBackend.minimum_memory,
}


def _backend_for(invariant: str, backend: str) -> str:
    """``dimension`` uses no CAS: any backend choice means ``none`` for it."""
    return "none" if INVARIANT_BACKENDS[invariant] == ("none",) else backend


def _closest(name: str, options: Mapping[str, Any]) -> str:
    """The option an error of the model's constructor is about (``width`` -> ``widths``)."""
    for key in options:
        if key.startswith(name.replace(" ", "_")) or name.replace(" ", "_").startswith(key):
            return key
    return "model"


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(entry) for entry in value]
    if isinstance(value, dict):
        return {key: _plain(entry) for key, entry in value.items()}
    return value


def _mode(value: object) -> str:
    if not isinstance(value, str) or value.lower() not in MODES:
        raise ValueError(f"expected one of {', '.join(MODES)}")
    return value.lower()


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _integer(value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"must be an integer, at least {minimum}")
    return value


def parse_spec(text: str, source: str = "<spec>") -> BatchSpec:
    """Read a spec from TOML text; every error names the key and its line.

    Raises :class:`SpecError` (an :class:`~nagbridge.InvalidInputError`) for a TOML
    syntax error, an unknown key, a value of the wrong type, an unknown model or
    invariant, a model option the model rejects, or a spec without jobs.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else max(1, len(text.splitlines()))
        raise SpecError("TOML", None, str(error), source, line) from None
    locator = _Locator(text)
    for key, value in data.items():
        if key != "sweep":
            raise SpecError(
                key,
                value,
                "unknown key; a spec holds [sweep] or [[sweep]] tables",
                source,
                locator.key_line(key, None) or _header_line(locator, key),
            )
    if "sweep" not in data:
        raise SpecError("sweep", None, "the spec has no [sweep] table: nothing to run", source, 1)
    tables = data["sweep"]
    if isinstance(tables, dict):
        tables = [tables]
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise SpecError(
            "sweep",
            tables,
            "must be a [sweep] table or [[sweep]] tables",
            source,
            locator.key_line("sweep", None),
        )
    jobs: dict[str, Job] = {}
    for index, table in enumerate(tables):
        reader = _Table(table, index, locator, source)
        if not table:
            raise SpecError(
                "sweep", {}, "empty sweep table: nothing to run", source, locator.table_line(index)
            )
        for job in reader.jobs(len(jobs)):
            jobs.setdefault(json.dumps(job.canonical(), sort_keys=True, default=str), job)
    if not jobs:
        raise SpecError("sweep", None, "the sweep has no jobs", source, 1)
    return BatchSpec(tuple(jobs.values()), source)


def _header_line(locator: _Locator, key: str) -> int | None:
    for name, line, _ in locator.tables:
        if name == key or name.startswith(f"{key}."):
            return line
    return None


def load_spec(path: str | Path) -> BatchSpec:
    """Read the spec file at ``path`` (see :func:`parse_spec`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError("spec", str(path), f"cannot be read: {error}") from None
    return parse_spec(text, str(path))
