"""A picture of a sweep: one value by architecture (rows) and activation degree (columns)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nagbridge._exceptions import InvalidInputError

__all__ = ["plot_store"]


def _architecture(row: dict[str, Any]) -> str:
    model = dict(row["problem"]["model"])
    name = model.pop("model", row["model"])
    model.pop("activation_degree", None)
    options = " ".join(f"{key}={value}" for key, value in model.items())
    return f"{name} {options}".strip()


def _degree(row: dict[str, Any]) -> str:
    degree = row["problem"]["model"].get("activation_degree")
    return "-" if degree is None else str(degree)


def plot_store(
    rows: Sequence[dict[str, Any]],
    output: str | Path,
    *,
    value: str = "defect",
    invariant: str | None = None,
) -> tuple[int, int]:
    """Draw ``value`` of the rows as a heat map in ``output``; return the cells drawn.

    The two counts returned are the cells coloured with a value and the grey cells
    marked with a status.

    ``defect`` is the expected minus the computed dimension (0: the architecture has
    the expected dimension; ``F`` marks filling cells), ``dimension`` the computed
    dimension, ``seconds`` the job's wall time.  Several rows of one cell (several
    invariants, fields or backends) show the largest value; a cell whose rows all
    failed shows its status; rows whose result has no such value (other invariants) are
    left out.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    if invariant is not None and not any(row["invariant"] == invariant for row in rows):
        raise InvalidInputError("invariant", invariant, "no row of the store has it")
    chosen = [
        row
        for row in rows
        if invariant in (None, row["invariant"])
        and (
            row["status"] != "done"
            or value == "seconds"
            or isinstance((row["result"] or {}).get(value), (int, float))
        )
    ]
    if not chosen:
        raise InvalidInputError(
            "value",
            value,
            "no row of the store has it" + (f" for {invariant}" if invariant else ""),
        )
    architectures = sorted({_architecture(row) for row in chosen})
    degrees = sorted({_degree(row) for row in chosen}, key=lambda d: (len(d), d))
    grid = np.full((len(architectures), len(degrees)), np.nan)
    notes: dict[tuple[int, int], str] = {}
    for row in chosen:
        i, j = architectures.index(_architecture(row)), degrees.index(_degree(row))
        result = row["result"]
        number = None
        if row["status"] == "done" and isinstance(result, dict):
            number = row["seconds"] if value == "seconds" else result.get(value)
        if isinstance(number, (int, float)):
            grid[i, j] = number if np.isnan(grid[i, j]) else max(grid[i, j], number)
            text = f"{number:.2g}" if value == "seconds" else str(number)
            if value == "defect" and result.get("is_filling"):
                text += " F"
            notes[(i, j)] = text
        elif (i, j) not in notes:
            notes[(i, j)] = row["status"]

    height = max(2.5, 0.45 * len(architectures) + 1.5)
    label = max((len(name) for name in architectures), default=0)
    width = max(6.5, 1.0 * len(degrees) + 0.1 * label + 2.5)
    figure, axes = plt.subplots(figsize=(width, height), constrained_layout=True)
    image = axes.imshow(np.ma.masked_invalid(grid), cmap="viridis", aspect="auto")
    axes.set_xticks(range(len(degrees)), labels=degrees)
    axes.set_yticks(range(len(architectures)), labels=architectures)
    axes.set_xlabel("activation degree r")
    axes.set_title(f"{value} by architecture and activation degree", fontsize=10)
    for (i, j), text in notes.items():
        shade = "white" if np.isnan(grid[i, j]) or grid[i, j] <= np.nanmean(grid) else "black"
        axes.text(j, i, text, ha="center", va="center", color=shade, fontsize=8)
    axes.set_facecolor("#bbbbbb")
    figure.colorbar(image, ax=axes, label=value)
    figure.savefig(output, dpi=120)
    plt.close(figure)
    valued = int(np.count_nonzero(~np.isnan(grid)))
    return valued, len(notes) - valued
