"""Reading batch specs: sweeps, ranges and grids, job keys, and errors naming key and line.

No CAS is involved: a spec is read and checked completely before any job starts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nagbridge.batch import SpecError, load_spec, parse_spec

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_the_issue_example_sweeps_widths_degrees_and_invariants() -> None:
    spec = load_spec(EXAMPLES / "sweep.toml")
    # 3 architectures x 2 activation degrees x 2 invariants, counted by hand
    assert len(spec.jobs) == 3 * 2 * 2
    assert {tuple(job.options["widths"]) for job in spec.jobs} == {(2, 2, 1), (2, 2, 2), (3, 2, 1)}
    assert {job.invariant for job in spec.jobs} == {"implicitize", "dimension"}
    assert all(job.timeout == 60 for job in spec.jobs)
    # the fast dimension runs no CAS, whatever the backend choice
    assert {job.backend for job in spec.jobs if job.invariant == "dimension"} == {"none"}


def test_grid_example_has_every_hidden_width_from_1_to_4_at_depth_3() -> None:
    spec = load_spec(EXAMPLES / "grid.toml")
    depth3 = [job for job in spec.jobs if len(job.options["widths"]) == 4]
    # widths (2, a, b, 1) with 1 <= a, b <= 4: 4 * 4 = 16 architectures, each for r = 2, 3
    assert {tuple(job.options["widths"]) for job in depth3} == {
        (2, a, b, 1) for a in range(1, 5) for b in range(1, 5)
    }
    assert len(depth3) == 16 * 2


def test_a_list_of_integers_is_one_width_vector_and_a_list_of_lists_a_sweep() -> None:
    one = parse_spec('[sweep]\nwidths = [2, 2, 1]\nactivation_degree = 2\ncompute = "dimension"')
    many = parse_spec(
        '[sweep]\nwidths = [[2, 2, 1], [2, 3, 1]]\nactivation_degree = 2\ncompute = "dimension"'
    )
    assert [job.options["widths"] for job in one.jobs] == [[2, 2, 1]]
    assert [job.options["widths"] for job in many.jobs] == [[2, 2, 1], [2, 3, 1]]


def test_ranges_values_fields_and_several_tables() -> None:
    spec = parse_spec(
        """
[[sweep]]
widths = [2, 1, 1]
activation_degree = {from = 2, to = 8, step = 3}
compute = "implicitize"
backend = ["singular", "macaulay2"]
field = ["QQ", "GF(101)"]
memory_limit = "512MiB"

[[sweep]]
widths = [2, 1, 1]
activation_degree = {values = [2]}
compute = "implicitize"
backend = "singular"
"""
    )
    # r in {2, 5, 8}, two backends, two fields; the second table repeats one job
    assert len(spec.jobs) == 3 * 2 * 2
    assert sorted({job.options["activation_degree"] for job in spec.jobs}) == [2, 5, 8]
    assert {job.field for job in spec.jobs} == {"QQ", "GF(101)"}
    assert {job.memory_limit for job in spec.jobs} == {512 * 2**20}


def test_keys_are_stable_and_depend_on_the_cas_version() -> None:
    text = '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "implicitize"\n'
    first, second = parse_spec(text).jobs[0], parse_spec(text).jobs[0]
    versions = {"macaulay2": "1.21", "singular": "4.3.1"}
    assert first.with_versions(versions).key == second.with_versions(versions).key
    newer = {"macaulay2": "1.21", "singular": "4.4.0"}
    # auto uses Singular when installed, so its version is part of the problem
    assert first.with_versions(versions).key != first.with_versions(newer).key
    slow = parse_spec(text + "timeout = 5\n").jobs[0]
    assert slow.with_versions(versions).key == first.with_versions(versions).key


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        # unknown key
        (
            '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ndepth = 3\ncompute = "dimension"',
            "depth",
            4,
        ),
        # wrong type
        (
            '[sweep]\nwidths = [2, 1, 1]\n\nactivation_degree = "two"\ncompute = "dimension"',
            "activation_degree",
            4,
        ),
        (
            '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "dimension"\n'
            "timeout = -1",
            "timeout",
            5,
        ),
        ('[sweep]\nwidths = "2,1,1"\nactivation_degree = 2\ncompute = "dimension"', "widths", 2),
        # empty sweep: no table, an empty table, an empty list of values
        ("# nothing\n", "sweep", 1),
        ("\n[sweep]\n", "sweep", 2),
        (
            '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = []\ncompute = "dimension"',
            "activation_degree",
            3,
        ),
        # unknown model, unknown invariant
        ('[sweep]\nmodel = "transformer"\nwidths = [2, 1, 1]\ncompute = "dimension"', "model", 2),
        (
            '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = ["dimension", "rank"]',
            "compute",
            4,
        ),
        # the model's own check: a network needs at least three widths
        (
            '[[sweep]]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "dimension"\n\n'
            '[[sweep]]\nwidths = [2]\nactivation_degree = 2\ncompute = "dimension"',
            "widths",
            7,
        ),
        # a TOML syntax error
        ("[sweep]\nwidths = [2, 1, 1\n", "TOML", 2),
        (
            '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "dimension"\n'
            'backend = "maple"',
            "backend",
            5,
        ),
    ],
)
def test_bad_specs_name_the_key_and_the_line(text: str, key: str, line: int) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.toml")
    assert caught.value.key == key
    assert caught.value.line == line
    assert f"spec.toml, line {line}" in str(caught.value)


def test_the_cli_rejects_a_bad_spec_with_exit_status_2(tmp_path: Path) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text("[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\nwidht = 3\n")
    store = tmp_path / "results.db"
    completed = subprocess.run(
        [sys.executable, "-m", "nagbridge", "batch", str(spec), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2, completed.stderr
    assert "widht" in completed.stderr and "line 4" in completed.stderr
    assert not store.exists()  # nothing started, not even the store


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[sweep\n", "invalid TOML: "),
        ("# nothing\n", "invalid sweep: "),
        ("[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\n", "invalid compute: is required"),
        (
            '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = true\ncompute = "dimension"',
            "invalid activation_degree true: ",
        ),
        (
            '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "dimension"\n'
            'mode = "batch"',
            'invalid mode "batch": ',
        ),
    ],
)
def test_messages_show_values_as_toml_and_no_python_repr(text: str, shown: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.toml")
    message = str(caught.value)
    assert message.startswith(shown), message
    assert "None" not in message and "True" not in message and "'batch'" not in message


def test_a_mixed_list_of_widths_blames_the_entry_that_is_not_a_list() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(
            '[sweep]\nwidths = [[2, 2, 1], 3]\nactivation_degree = 2\ncompute = "dimension"'
        )
    assert caught.value.key == "widths" and caught.value.line == 2
    assert "but 3 is not a list" in caught.value.reason


@pytest.mark.parametrize(
    ("backend", "limit", "minimum"),
    # the smallest limits the backends accept: Macaulay2Backend.minimum_memory = 2^27 B,
    # SingularBackend.minimum_memory = 2^26 B (nagbridge.backends)
    [("macaulay2", "100MiB", "128 MiB"), ("singular", "40MiB", "64 MiB")],
)
def test_a_memory_limit_below_the_backends_minimum_is_a_spec_error(
    backend: str, limit: str, minimum: str
) -> None:
    text = (
        '[sweep]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "implicitize"\n'
        f'backend = "{backend}"\nmemory_limit = "{limit}"\n'
    )
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.toml")
    assert (caught.value.key, caught.value.line) == ("memory_limit", 6)
    assert f"{backend} (implicitize) needs at least {minimum}" in str(caught.value)
    # at the minimum itself the spec is accepted
    assert len(parse_spec(text.replace(limit, minimum.replace(" ", ""))).jobs) == 1


def test_a_sweep_over_the_job_limit_is_refused_before_its_jobs_are_built() -> None:
    from nagbridge.batch._spec import MAX_JOBS

    # 999 hidden widths times 1000 activation degrees: 999 * 1000 = 999,000 jobs
    text = (
        "[sweep]\nwidths = {grid = [2, {from = 1, to = 999}, 1]}\n"
        'activation_degree = {from = 1, to = 1000}\ncompute = "dimension"\n'
    )
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.toml")
    assert MAX_JOBS == 100_000
    assert caught.value.key == "activation_degree" and caught.value.line == 3
    assert "999000 jobs (activation_degree 1000 x widths 999)" in str(caught.value)
    # the limit is on the whole spec: two tables of 60,000 jobs each are refused too
    half = text.replace("to = 1000", "to = 60").replace("to = 999", "to = 1000")
    with pytest.raises(SpecError) as caught:
        parse_spec(f"{half}\n{half}".replace("[sweep]", "[[sweep]]"), "spec.toml")
    assert "60000 more in the tables before" in str(caught.value)


def test_labels_name_the_parameters_that_differ_from_their_defaults() -> None:
    table = '[[sweep]]\nwidths = [2, 1, 1]\nactivation_degree = 2\ncompute = "dimension"\n'
    spec = parse_spec(table + table + "seed = 3\n" + table + "trials = 1\n")
    labels = [job.label for job in spec.jobs]
    assert len(set(labels)) == 3
    assert "seed=3" in labels[1] and "trials=1" in labels[2] and "seed" not in labels[0]
