"""The ``batch``, ``results`` and ``plot`` subcommands of the ``nagbridge`` command line.

``nagbridge.cli`` hooks them in with :func:`add_batch_commands` and dispatches to
:data:`HANDLERS`.  Exit status of ``batch``: 0 when every job of the spec is stored as
``done``, 1 when some job is stored as failed, timeout or crashed (or the Dask
scheduler cannot be reached), 2 for a bad spec, option or store (before any job
starts), 130 when interrupted by SIGINT or SIGTERM (the finished rows are kept).
``results`` and ``plot`` open the store read-only and exit 2 for a path that is not a
nagbridge store or an image file they cannot write.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nagbridge._exceptions import InvalidInputError

__all__ = ["HANDLERS", "add_batch_commands"]

FORMATS = ("table", "json", "csv")
PLOT_VALUES = ("defect", "dimension", "seconds")


def add_batch_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``batch``, ``results`` and ``plot`` to the subcommands of ``nagbridge``."""
    batch = commands.add_parser(
        "batch",
        help="run a sweep of problems from a TOML spec into a SQLite store (resumable)",
        description="Run every job of the TOML spec SPEC on worker processes, recording "
        "each job in the SQLite store as it finishes. Jobs already stored as done are "
        "skipped; failed, timeout and crashed ones too unless --retry-failed.",
    )
    batch.add_argument("spec", metavar="SPEC", help="the TOML spec (see examples/sweep.toml)")
    batch.add_argument("--store", required=True, metavar="FILE", help="SQLite results file")
    batch.add_argument("--workers", default="1", metavar="N", help="worker processes (1)")
    batch.add_argument("--executor", default="local", help="local (default) or dask")
    batch.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a running Dask scheduler (default: an embedded LocalCluster)",
    )
    batch.add_argument(
        "--retry-failed", action="store_true", help="run failed, timeout and crashed jobs again"
    )
    shown = batch.add_mutually_exclusive_group()
    shown.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always a bar"
    )
    shown.add_argument("--no-progress", dest="progress", action="store_false", help="no bar")

    results = commands.add_parser(
        "results", help="print the rows of a batch store", description="Print a batch store."
    )
    results.add_argument("store", metavar="STORE", help="SQLite results file")
    results.add_argument("--format", default="table", help="table (default), json or csv")
    results.add_argument("--status", help="only rows with this status")

    plot = commands.add_parser(
        "plot",
        help="draw a batch store: a value by architecture and activation degree",
        description="Draw a heat map of a batch store: one row per architecture (model "
        "and options other than activation_degree), one column per activation degree; the "
        "done rows colour and number their cell with the chosen value, a cell whose rows "
        "all failed (failed, timeout, crashed) is grey and marked with its status.",
    )
    plot.add_argument("store", metavar="STORE", help="SQLite results file")
    plot.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="image file; its suffix names the format (.png, .pdf, .svg ...; none: .png)",
    )
    plot.add_argument("--value", default="defect", help="defect (default), dimension or seconds")
    plot.add_argument("--invariant", help="only rows of this invariant (default: all)")


def _positive_integer(name: str, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InvalidInputError(name, text, "must be a positive integer") from None
    if value < 1:
        raise InvalidInputError(name, text, "must be a positive integer")
    return value


def _existing_store(path: str) -> Any:
    from nagbridge.batch._store import ResultStore

    return ResultStore(path, read_only=True)


def _batch(arguments: argparse.Namespace) -> int:
    from nagbridge.batch._runner import EXECUTORS, check_scheduler_address, run_batch
    from nagbridge.batch._spec import load_spec
    from nagbridge.batch._store import ResultStore, remove_store

    workers = _positive_integer("workers", arguments.workers)
    executor = arguments.executor.lower()
    if executor not in EXECUTORS:
        raise InvalidInputError(
            "executor", arguments.executor, f"expected {' or '.join(EXECUTORS)}"
        )
    if arguments.scheduler is not None and executor != "dask":
        raise InvalidInputError("scheduler", arguments.scheduler, "needs --executor dask")
    spec = load_spec(arguments.spec)
    if executor == "dask" and arguments.scheduler is not None:
        check_scheduler_address(arguments.scheduler)
    created = not Path(arguments.store).exists()
    store = ResultStore(arguments.store)
    try:
        report = run_batch(
            spec,
            store,
            workers=workers,
            executor=executor,
            scheduler=arguments.scheduler,
            retry_failed=arguments.retry_failed,
            progress=arguments.progress,
        )
        statuses = store.statuses(report.keys)
    except KeyboardInterrupt:
        kept = store.count()
        store.close()
        if created and kept == 0:
            remove_store(arguments.store)
        print(
            f"nagbridge: interrupted; workers stopped, {kept} finished rows kept in "
            f"{arguments.store} (run again to resume)",
            file=sys.stderr,
        )
        return 130
    except BaseException:
        empty = store.count() == 0
        store.close()
        if created and empty:  # e.g. no Dask scheduler: leave no empty store behind
            remove_store(arguments.store)
        raise
    store.close()
    ran = ", ".join(f"{count} {status}" for status, count in sorted(report.counts.items()))
    skipped = ", ".join(f"{count} {status}" for status, count in sorted(report.skipped.items()))
    print(
        f"{report.total} jobs: {report.already_done} already done, "
        + (f"{report.skipped_failed} not retried ({skipped}), " if report.skipped else "")
        + f"{report.ran} run ({ran or 'none'}) in {report.seconds:.1f} s; store {arguments.store}"
    )
    not_done = [status for status in statuses.values() if status != "done"]
    return 0 if not not_done and len(statuses) == report.total else 1


def _summary(row: dict[str, Any]) -> str:
    result = row["result"]
    if row["status"] != "done" or not isinstance(result, dict):
        # the whole message on one line (a traceback of an unexpected error left out)
        error = (row["error"] or "").split("\nTraceback", 1)[0]
        return " ".join(error.split())
    parts = []
    for name in ("dimension", "degree", "defect", "ed_degree"):
        if name in result and result[name] is not None:
            parts.append(f"{name} {result[name]}")
    if result.get("is_filling"):
        parts.append("filling")
    locus = result.get("singular_locus")
    if isinstance(locus, dict):
        parts.append(f"singular locus: dimension {locus.get('dimension')}")
    return ", ".join(parts)


def _results(arguments: argparse.Namespace) -> int:
    from nagbridge.batch._store import COLUMNS
    from nagbridge.batch._worker import STATUSES

    output_format = arguments.format.lower()
    if output_format not in FORMATS:
        raise InvalidInputError("format", arguments.format, f"expected {', '.join(FORMATS)}")
    if arguments.status is not None and arguments.status not in STATUSES:
        raise InvalidInputError("status", arguments.status, f"expected {', '.join(STATUSES)}")
    with _existing_store(arguments.store) as store:
        rows = [row for row in store.rows() if arguments.status in (None, row["status"])]
    if output_format == "json":
        print(json.dumps(rows, indent=1))
    elif output_format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {**row, "result": json.dumps(row["result"]), "problem": json.dumps(row["problem"])}
            )
    else:
        header = ("status", "job", "method", "seconds", "result")
        table = [
            (
                row["status"],
                row["label"],
                row["method"] or "",
                f"{row['seconds']:.3f}",
                _summary(row),
            )
            for row in rows
        ]
        if not rows:
            only = f" with status {arguments.status}" if arguments.status else ""
            print(f"no rows{only} in {arguments.store}")
            return 0
        widths = [max(len(str(line[i])) for line in [header, *table]) for i in range(4)]
        indent = sum(widths) + 2 * len(widths)
        # the last column wraps at the terminal's width, under itself, never cut
        room = max(40, shutil.get_terminal_size((120, 24)).columns - indent)
        for line in [header, *table]:
            start = "  ".join(
                str(cell).ljust(width) for cell, width in zip(line[:4], widths, strict=True)
            )
            pieces = textwrap.wrap(str(line[4]), room, break_on_hyphens=False) or [""]
            print(f"{start}  {pieces[0]}".rstrip())
            for piece in pieces[1:]:
                print(" " * indent + piece)
        counts: dict[str, int] = {}
        for row in rows:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
        print(f"{len(rows)} rows: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    return 0


def _image_path(text: str) -> Path:
    """The image file ``-o`` names, checked before drawing: its folder and format.

    Without a suffix the image is a PNG, written to ``text`` + ``.png``.
    """
    from matplotlib.backend_bases import FigureCanvasBase

    formats = FigureCanvasBase.get_supported_filetypes()
    path = Path(text)
    if not path.suffix:
        path = path.with_name(path.name + ".png")
    suffix = path.suffix[1:].lower()
    if suffix not in formats:
        raise InvalidInputError(
            "output", text, f"unknown image format .{suffix}; expected {', '.join(formats)}"
        )
    if path.is_dir():
        raise InvalidInputError("output", text, "is a directory")
    if not path.parent.is_dir():
        raise InvalidInputError("output", text, f"the directory {path.parent} does not exist")
    return path


def _plot(arguments: argparse.Namespace) -> int:
    from nagbridge.batch._plot import plot_store
    from nagbridge.batch._spec import INVARIANTS

    value = arguments.value.lower()
    if value not in PLOT_VALUES:
        raise InvalidInputError("value", arguments.value, f"expected {', '.join(PLOT_VALUES)}")
    if arguments.invariant is not None and arguments.invariant not in INVARIANTS:
        raise InvalidInputError(
            "invariant",
            arguments.invariant,
            f"unknown invariant; expected {', '.join(INVARIANTS)}",
        )
    output = _image_path(arguments.output)
    with _existing_store(arguments.store) as store:
        rows = list(store.rows())
    if not rows:
        raise InvalidInputError("store", arguments.store, "has no rows: nothing to draw")
    valued, marked = plot_store(rows, output, value=value, invariant=arguments.invariant)
    print(
        f"{valued + marked} cells drawn to {output}"
        + (f" ({valued} with a {value}, {marked} marked with their status)" if marked else "")
    )
    return 0


#: Subcommand -> handler, merged into the dispatch table of ``nagbridge.cli``.
HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "batch": _batch,
    "results": _results,
    "plot": _plot,
}
