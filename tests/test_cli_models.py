"""Models on the command line: --model and its registry-generated flags, --map FILE."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any, ClassVar

import pytest

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Field, RingMap
from nagbridge.cli import main
from nagbridge.models import MODELS, CustomMap, ModelOption, register_model
from tests.test_cli import run_cli

EXAMPLE_MAP = str(Path(__file__).parents[1] / "examples" / "map-twisted-cubic.toml")
TWISTED_CUBIC_MODEL = {
    "model": "custom",
    "parameters": ["s", "t"],
    "outputs": {"a": "s^3", "b": "s^2*t", "c": "s*t^2", "d": "t^3"},
}


# -- --map ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param("singular", marks=pytest.mark.singular),
        pytest.param("macaulay2", marks=pytest.mark.macaulay2),
    ],
)
def test_implicitize_the_example_map_file(backend):
    """The twisted cubic cone: dimension 2, degree 3, ideal of the three 2 x 2 minors of
    [[a, b, c], [b, c, d]] (Harris, Algebraic Geometry, Example 1.10)."""
    completed = run_cli("implicitize", "--map", EXAMPLE_MAP, "--backend", backend, "--json")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["model"] == TWISTED_CUBIC_MODEL
    assert (data["dimension"], data["degree"], data["generator_degrees"]) == (2, 3, [2, 2, 2])
    assert (data["num_parameters"], data["ambient_dimension"]) == (2, 4)


@pytest.mark.singular
def test_a_json_map_file_gives_the_same_model(tmp_path: Path):
    path = tmp_path / "cubic.json"
    path.write_text(json.dumps({k: v for k, v in TWISTED_CUBIC_MODEL.items() if k != "model"}))
    completed = run_cli("implicitize", "--map", str(path), "--backend", "singular", "--json")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["model"] == TWISTED_CUBIC_MODEL and data["degree"] == 3


@pytest.fixture
def spy_cas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Fake CAS executables that only record that they were started (for main() run in
    this process): bad input must never reach a CAS."""
    record = tmp_path / "started"
    for program, variable in (("M2", "NAGBRIDGE_M2"), ("Singular", "NAGBRIDGE_SINGULAR")):
        fake = tmp_path / program
        fake.write_text(f"#!/bin/sh\ntouch {record}\nexit 1\n")
        fake.chmod(0o755)
        monkeypatch.setenv(variable, str(fake))
    return record


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """main() in this process: its exit status, standard output and standard error."""
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_dimension_of_a_map_file_needs_no_cas(spy_cas, capsys):
    """Rank 2 = min(#parameters, #outputs) is reached: exact without a CAS."""
    status, out, err = _run(capsys, "dimension", "--map", EXAMPLE_MAP, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["model"] == TWISTED_CUBIC_MODEL
    assert (data["dimension"], data["is_exact"]) == (2, True)
    assert not spy_cas.exists()


@pytest.mark.singular
def test_invariant_commands_take_a_map_file(tmp_path: Path):
    """Twisted cubic: fibre through (1, 2) is {(w, 2w): w^3 = 1}, 3 points; the cone is
    singular at its vertex only (dimension 0).  See tests/invariants/test_models.py."""
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps({"s": 1, "t": 2}))
    fibre = run_cli(
        "fiber", "--map", EXAMPLE_MAP, "--weights", str(weights), "--backend", "singular",
        "--json",
    )  # fmt: skip
    assert fibre.returncode == 0, fibre.stderr
    data = json.loads(fibre.stdout)
    assert data["model"] == TWISTED_CUBIC_MODEL and data["slice_points"] == 3
    locus = run_cli("singular-locus", "--map", EXAMPLE_MAP, "--backend", "singular", "--json")
    assert locus.returncode == 0, locus.stderr
    data = json.loads(locus.stdout)
    assert data["model"] == TWISTED_CUBIC_MODEL and data["singular_locus"]["dimension"] == 0
    assert data["subnetworks"] is None
    text = run_cli("singular-locus", "--map", EXAMPLE_MAP, "--backend", "singular")
    assert text.returncode == 0 and "custom" in text.stdout


@pytest.mark.singular
def test_ed_degree_of_a_parabola_map(tmp_path: Path):
    """y = x^2 from t -> (t, t^2): 2 (t - u1) + 4 t (t^2 - u2) = 0 has 3 roots: ED degree 3."""
    path = tmp_path / "parabola.toml"
    path.write_text('parameters = ["t"]\n[outputs]\nx = "t"\ny = "t^2"\n')
    completed = run_cli("ed-degree", "--map", str(path), "--backend", "singular", "--json")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["ed_degree"] == 3 and data["model"]["outputs"] == {"x": "t", "y": "t^2"}


@pytest.mark.parametrize(
    ("text", "suffix", "named"),
    [
        ('parameters = ["s"]\ndegree = 3\n[outputs]\na = "s"\n', ".toml", "'degree'"),
        ('parameters = ["s"]\n[outputs]\na = "s^^3"\n', ".toml", "outputs.a"),
        ('parameters = ["s"]\n', ".toml", "'outputs'"),
        ('[outputs]\na = "s"\n', ".toml", "'parameters'"),
        ('parameters = ["s"]\n[outputs]\na = 3\n', ".toml", "outputs"),
        ('parameters = ["s"]\n[outputs]\ns = "s^2"\n', ".toml", "output names must differ"),
        ('parameters = ["s"]\n[outputs]\na = "u"\n', ".toml", "outputs.a"),
        ('parameters = "s"\n[outputs]\na = "s"\n', ".toml", "parameters"),
        ("parameters = [s\n", ".toml", "not valid TOML"),
        ('{"parameters": ["s"], "outputs": {"a": "s"}', ".json", "is not JSON"),
        ('["s"]', ".json", "must be a table"),
        ('parameters = ["s"]\n[outputs]\na = "s"\n', ".yaml", ".toml or .json"),
    ],
)
def test_bad_map_files_exit_2_naming_the_key(spy_cas, capsys, tmp_path: Path, text, suffix, named):
    path = tmp_path / f"map{suffix}"
    path.write_text(text)
    status, out, err = _run(capsys, "implicitize", "--map", str(path))
    assert status == 2 and out == "", err
    message = err.strip()
    assert len(message.splitlines()) == 1 and named in message, message
    assert str(path) in message or named == "output names must differ"
    assert not spy_cas.exists()


def test_bad_map_files_exit_2_from_the_shell(tmp_path: Path):
    """The same as a user sees it: one line on standard error, exit status 2."""
    path = tmp_path / "map.toml"
    path.write_text('parameters = ["s"]\nweights = 1\n[outputs]\na = "s"\n')
    completed = run_cli("implicitize", "--map", str(path))
    assert completed.returncode == 2 and "'weights'" in completed.stderr


def test_a_missing_map_file_exits_2(capsys, tmp_path: Path):
    status, _, err = _run(capsys, "dimension", "--map", str(tmp_path / "none.toml"))
    assert status == 2 and "none.toml" in err


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--map", EXAMPLE_MAP, "--model", "polynomial"], "--map"),
        (["--map", EXAMPLE_MAP, "--widths", "2,2,3"], "--widths"),
        (["--parameters", "s,t", "--widths", "2,2,3", "--activation-degree", "2"],
         "--parameters"),
        (["--widths", "2,2,3"], "--activation-degree"),
        (["--activation-degree", "2"], "--widths"),
        (["--model", "perceptron", "--widths", "2,2,3"], "perceptron"),
        (["--model", "custom", "--parameters", "s"], "--map"),
        (["--model", "polynomial", "--widths", "-2,2,3", "--activation-degree", "2"], "-2"),
    ],
)  # fmt: skip
def test_bad_model_options_exit_2_naming_the_option(spy_cas, capsys, arguments, named):
    for command in ("implicitize", "crosscheck", "dimension", "singular-locus", "ed-degree"):
        status, out, err = _run(capsys, command, *arguments)
        assert status == 2 and out == "", (command, err)
        message = err.strip()
        assert len(message.splitlines()) == 1 and named in message, message
    assert not spy_cas.exists()


@pytest.mark.parametrize(
    ("arguments", "start"),
    [
        (["dimension", "--widths", "2,1,1", "--activation", "1,0"], "--activation 1,0"),
        (["dimension", "--widths", "2,1,1", "--activation", "0"], "--activation 0"),
        (["dimension", "--widths", "2,1,1", "--activation-degree", "2", "--activation",
          "0,1,1"], "--activation 0,1,1"),
        (["dimension", "--widths", "2,1,1", "--activation-degree", "2", "--biases", "maybe"],
         "--biases maybe"),
        (["dimension", "--widths", "2,0,2", "--activation-degree", "2"], "--widths 2,0,2"),
        (["dimension", "--widths", "a,b", "--activation-degree", "2"], "--widths a,b"),
        (["dimension", "--model", "polyconv", "--filters", "2.5", "--activation-degree", "2"],
         "--filters 2.5"),
        (["dimension", "--widths", "2,1,1", "--activation-degree", "-1"],
         "--activation-degree -1"),
        (["dimension", "--model", "shallow", "--input-dim", "2", "--width", "1",
          "--activation-degree", "2,2"], "--activation-degree 2,2"),
        (["dimension", "--model", "polyconv", "--filters", "2,2", "--activation-degree", "2,2"],
         "--activation-degree 2,2"),
        (["implicitize", "--widths", "2,1,1", "--activation-degree", "2", "--field", "GF(4)"],
         "--field GF(4)"),
        (["dimension", "--widths", "2,1,1", "--activation-degree", "2", "--trials", "0"],
         "--trials 0"),
        (["implicitize", "--widths", "50,50,50", "--activation-degree", "5"],
         "--widths 50,50,50"),
        (["singular-locus", "--model", "linear", "--widths", "2,0,2"], "--widths 2,0,2"),
    ],
)  # fmt: skip
def test_errors_name_the_flag_and_the_value_as_typed(spy_cas, capsys, arguments, start):
    """``invalid --flag TEXT: reason`` on one line, exit 2, no CAS started, no reprs.

    The reasons are the models' own checks (GF(4): 4 is not prime; 50,50,50 with r = 5
    has 50 * C(54, 5) > 10^5 output coefficients; a zero width; a constant activation).
    """
    status, out, err = _run(capsys, *arguments)
    message = err.strip()
    assert status == 2 and out == "", message
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"nagbridge: error: invalid {start}: "), message
    # no Python reprs ('a', Fraction(1, 1), tuples) and no option names in place of flags
    assert "Fraction(" not in message and "'" not in message, message
    assert "activation_degree" not in message and "activation degree" not in message, message
    assert not spy_cas.exists()


@pytest.mark.singular
def test_every_json_output_echoes_the_model(tmp_path: Path):
    """(2,1,1), r = 3 with the explicit --model polynomial, through every command."""
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps({"W1": [[1, 2]], "W2": [[3]]}))
    model = ["--model", "polynomial", "--widths", "2,1,1", "--activation-degree", "3"]
    expected = {"model": "polynomial", "widths": [2, 1, 1], "activation_degree": 3}
    for command, extra in (
        ("implicitize", ["--backend", "singular"]),
        ("crosscheck", []),
        ("dimension", []),
        ("singular-locus", ["--backend", "singular"]),
        ("fiber", ["--backend", "singular", "--weights", str(weights)]),
        ("ed-degree", ["--backend", "singular", "--inner-product", "bombieri-weyl"]),
    ):
        completed = run_cli(command, *model, *extra, "--json")
        assert completed.returncode == 0, (command, completed.stderr)
        assert json.loads(completed.stdout)["model"] == expected, command


# -- a model registered only for these tests ----------------------------------------------


@dataclass(frozen=True)
class ScaledVeronese:
    """All monomials of ``degree`` in the scaled parameters (w_0 s_0, ..., w_(n-1) s_(n-1)).

    Rescaling a point does not change the variety: it is the Veronese cone, of
    dimension ``variables``.  Checks of its own: ``degree`` >= 1, one non-zero scale per
    variable.
    """

    MODEL_NAME: ClassVar[str] = "test-scaled-veronese"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("variables", "int", "number of parameters", required=True),
        ModelOption("degree", "int", "degree of the monomials", required=True),
        ModelOption("scales", "ints", "one non-zero integer per variable"),
    )

    variables: int
    degree: int
    scales: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.variables < 1:
            raise InvalidInputError("variables", self.variables, "must be at least 1")
        if self.degree < 1:
            raise InvalidInputError("degree", self.degree, "must be at least 1")
        if self.scales is not None and len(self.scales) != self.variables:
            raise InvalidInputError(
                "scales", self.scales, f"needs one entry per variable ({self.variables})"
            )
        if self.scales is not None and 0 in self.scales:
            raise InvalidInputError("scales", self.scales, "must be non-zero")

    def _map(self) -> CustomMap:
        scales = self.scales or (1,) * self.variables
        names = [f"s{i}" for i in range(self.variables)]
        outputs = {}
        for exponents in product(range(self.degree + 1), repeat=self.variables):
            if sum(exponents) == self.degree:
                outputs["v_" + "_".join(map(str, exponents))] = "*".join(
                    f"({w}*{name})^{e}"
                    for w, name, e in zip(scales, names, exponents, strict=True)
                    if e
                )
        return CustomMap(tuple(names), outputs)

    @property
    def num_parameters(self) -> int:
        return self.variables

    symmetry_dimension = 0

    @property
    def ambient_dimension(self) -> int:
        return self._map().ambient_dimension

    @property
    def expected_dimension(self) -> int:
        return self.variables

    def describe(self) -> dict[str, Any]:
        return {
            "model": self.MODEL_NAME,
            "variables": self.variables,
            "degree": self.degree,
            "scales": None if self.scales is None else list(self.scales),
        }

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        return self._map().parametrization(field)


@pytest.fixture
def registered() -> Iterator[str]:
    register_model(ScaledVeronese)
    yield ScaledVeronese.MODEL_NAME
    MODELS.pop(ScaledVeronese.MODEL_NAME)


def test_a_registered_model_gets_flags_and_the_generic_dimension(registered, capsys):
    """The conic cone v_2(P^1) has dimension 2 = #parameters: exact."""
    model = ["--model", registered, "--variables", "2", "--degree", "2", "--scales", "1,2"]
    status, out, err = _run(capsys, "dimension", *model, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["model"] == {
        "model": registered, "variables": 2, "degree": 2, "scales": [1, 2]
    }  # fmt: skip
    assert (data["dimension"], data["is_exact"], data["ambient_dimension"]) == (2, True, 3)

    with pytest.raises(SystemExit):
        main(["dimension", "--help"])
    assert "--scales" in capsys.readouterr().out


@pytest.mark.singular
def test_a_registered_model_is_implicitized(registered, capsys):
    """Scales (1, 2): v_2_0 = s0^2, v_1_1 = 2 s0 s1, v_0_2 = 4 s1^2, so
    v_1_1^2 = 4 s0^2 s1^2 = v_2_0 v_0_2: one quadric, a cone of degree 2 and dimension 2."""
    model = ["--model", registered, "--variables", "2", "--degree", "2", "--scales", "1,2"]
    status, out, err = _run(capsys, "implicitize", *model, "--backend", "singular", "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["model"]["model"] == registered
    assert (data["dimension"], data["degree"], data["generator_degrees"]) == (2, 2, [2])
    signs = {term: sign for sign, term in re.findall(r"([+-]?)([^+-]+)", data["generators"][0])}
    assert {term.strip() for term in signs} == {"v_1_1**2", "v_0_2*v_2_0"}
    assert len({sign.strip() or "+" for sign in signs.values()}) == 2  # opposite signs


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--variables", "2", "--degree", "-1"], "invalid --degree -1:"),
        (["--variables", "2", "--degree", "2", "--scales", "1,2,3"], "invalid --scales 1,2,3:"),
        (["--variables", "2", "--degree", "2", "--scales", "1,0"], "invalid --scales 1,0:"),
        (["--variables", "2", "--degree", "x"], "invalid --degree x:"),
        (["--variables", "2", "--degree", "2", "--widths", "2,2"], "--widths"),
        (["--variables", "2"], "--degree"),
    ],
)
def test_bad_options_of_a_registered_model_exit_2(registered, capsys, arguments, named):
    status, out, err = _run(capsys, "dimension", "--model", registered, *arguments)
    assert status == 2 and out == ""
    assert named in err and len(err.strip().splitlines()) == 1, err


def test_the_test_model_is_gone_after_its_tests():
    assert ScaledVeronese.MODEL_NAME not in MODELS


def test_auto_answers_a_filling_map_without_a_cas(spy_cas, capsys, tmp_path: Path):
    """(s, t) -> (s + t, s t) is dominant: for any (p, q) the roots of z^2 - p z + q give
    (s, t).  The fast dimension certifies 2 = ambient dimension: no CAS is started."""
    path = tmp_path / "symmetric.toml"
    path.write_text('parameters = ["s", "t"]\n[outputs]\np = "s + t"\nq = "s*t"\n')
    status, out, err = _run(capsys, "implicitize", "--map", str(path), "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["is_filling"] and data["generators"] == [] and data["dimension"] == 2
    assert not spy_cas.exists()
