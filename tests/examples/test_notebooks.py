"""The example notebooks, executed headless as a reader would run them, and the Macaulay2
Jupyter kernel that the Docker image offers beside them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from nagbridge.backends import find_executable

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def outputs_of(cell: nbformat.NotebookNode, mime: str) -> list[str]:
    """The ``mime`` parts of a cell's results (text/plain of an execute_result, ...)."""
    found = []
    for output in cell.get("outputs", []):
        if mime == "stream" and output.output_type == "stream":
            found.append(output.text)
        elif mime in output.get("data", {}):
            found.append(output.data[mime])
    return found


@pytest.mark.macaulay2
@pytest.mark.singular
@pytest.mark.slow
def test_the_quickstart_notebook_runs_and_shows_its_results():
    notebook = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT)}},
    )
    client.execute()  # raises CellExecutionError, with the traceback, if a cell fails
    code = [each for each in notebook.cells if each.cell_type == "code"]

    def cell(start: str) -> nbformat.NotebookNode:
        (found,) = [candidate for candidate in code if candidate.source.startswith(start)]
        return found

    # Widths (2, 2, 3), r = 2: 10 weights, 9 coefficients, expected dimension 10 - 2 = 8.
    assert outputs_of(code[0], "text/plain") == ["(10, 9, 8)"]
    assert outputs_of(cell("result = implicitize(network)"), "text/plain") == [
        "(8, 3, 'Singular')"
    ]

    # The ideal and the Hilbert polynomial render as LaTeX: one cubic; P(t) of degree 7.
    (ideal,) = outputs_of(cell("result.implicit_ideal"), "text/latex")
    assert ideal.startswith(r"$\left\langle") and ideal.count("+") + ideal.count("-") == 5
    (hilbert,) = outputs_of(cell("result.hilbert_polynomial"), "text/latex")
    assert hilbert.startswith("$P(t) = ") and "t^{7}" in hilbert
    (series,) = outputs_of(cell("result.hilbert_series"), "text/latex")
    assert series == r"$H(t) = \frac{t^{2} + t + 1}{(1 - t)^{8}}$"

    (exported,) = outputs_of(cell("print(result.implicit_ideal"), "stream")
    assert "ideal(" in exported

    # The sweep: the rational normal curves have degree r; sums of h ternary squares fill
    # the 6 quadrics at h = 3.  And the plot is drawn.
    (sweep,) = outputs_of(cell("curves = "), "text/plain")
    assert sweep == (
        "([(1, 2, 1), (2, 2, 2), (3, 2, 3), (4, 2, 4), (5, 2, 5)],\n"
        " [(1, 3), (2, 5), (3, 6), (4, 6), (5, 6)])"
    )
    assert outputs_of(cell("import matplotlib"), "image/png")


@pytest.fixture
def m2_kernel_manager(tmp_path, monkeypatch):
    """A kernel manager for the Macaulay2 kernel, registered as its package registers it
    (``python -m m2_kernel install``), here under a temporary prefix, and running the
    Macaulay2 that nagbridge itself finds."""
    subprocess.run(
        [sys.executable, "-m", "m2_kernel", "install", "--prefix", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    config = tmp_path / "m2jk.ini"
    executable = find_executable("Macaulay2", "M2", "NAGBRIDGE_M2")
    config.write_text(f"[magic]\nexecpath = {executable}\n", encoding="utf-8")
    monkeypatch.setenv("M2JK_CONFIG", str(config))
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    return KernelManager(kernel_name="m2", kernel_spec_manager=specs)


@pytest.mark.macaulay2
def test_the_macaulay2_kernel_executes_a_cell(m2_kernel_manager):
    manager = m2_kernel_manager
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    outputs: list[dict[str, Any]] = []
    try:
        client.wait_for_ready(timeout=120)
        # the cusp x^2 = y^3 has degree 3
        reply = client.execute_interactive(
            "R = QQ[x,y]; degree ideal(x^2 - y^3)",
            timeout=120,
            output_hook=lambda message: outputs.append(message["content"]),
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel()
    assert reply["content"]["status"] == "ok", reply["content"]
    # Macaulay2 1.21 answers the kernel in plain text (a stream), 1.26 in its WebApp mode
    # (an execute_result with text/plain and text/html).
    texts = [str(output.get("text", "")) for output in outputs] + [
        str(output["data"].get("text/plain", "")) for output in outputs if "data" in output
    ]
    assert any("o2 = 3" in text for text in texts), outputs
