"""Sweeps over architecture space: a TOML spec in, one SQLite row per job out.

>>> spec = parse_spec('[sweep]\\nwidths = [2, 2, 1]\\nactivation_degree = [2, 3]\\n'
...                   'compute = ["dimension"]\\n')
>>> [job.label for job in spec.jobs]  # doctest: +NORMALIZE_WHITESPACE
['polynomial widths=[2, 2, 1] activation_degree=2 dimension none QQ',
 'polynomial widths=[2, 2, 1] activation_degree=3 dimension none QQ']

See :mod:`nagbridge.batch._spec` for the spec format, :func:`run_batch` for the
runner and :class:`ResultStore` for the store.
"""

from nagbridge.batch._runner import EXECUTORS, BatchReport, run_batch
from nagbridge.batch._spec import INVARIANTS, BatchSpec, Job, SpecError, load_spec, parse_spec
from nagbridge.batch._store import COLUMNS, ResultStore
from nagbridge.batch._worker import STATUSES, JobOutcome, cas_versions, run_job

__all__ = [
    "COLUMNS",
    "EXECUTORS",
    "INVARIANTS",
    "STATUSES",
    "BatchReport",
    "BatchSpec",
    "Job",
    "JobOutcome",
    "ResultStore",
    "SpecError",
    "cas_versions",
    "load_spec",
    "parse_spec",
    "run_batch",
    "run_job",
]
