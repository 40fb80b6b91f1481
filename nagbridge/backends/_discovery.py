"""Finding CAS executables: an explicit path first, then an environment variable, then PATH."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from nagbridge._exceptions import CASNotFoundError

__all__ = ["INSTALL_HINT", "find_executable"]

INSTALL_HINT = (
    "Install it with `bash docker/install-cas.sh` from a nagbridge checkout, or "
    "`apt-get install --no-install-recommends macaulay2 singular` on Debian 12, "
    "or point {variable} at the executable."
)


def find_executable(cas: str, program: str, variable: str, explicit: str | None = None) -> str:
    """The path of ``program`` for ``cas``, or :class:`CASNotFoundError`.

    Looked up in order: ``explicit`` (a path given by the caller), the environment
    variable ``variable``, then the directories of ``PATH``.
    """
    searched = []
    for label, candidate in (("argument", explicit), (variable, os.environ.get(variable))):
        if candidate:
            searched.append(f"{label}={candidate}")
            path = Path(candidate)
            if path.is_file() and os.access(path, os.X_OK):
                return str(path)
            raise CASNotFoundError(cas, searched, f"{candidate} is not an executable file.")
    searched.append("PATH")
    found = shutil.which(program)
    if found is None:
        raise CASNotFoundError(cas, searched, INSTALL_HINT.format(variable=variable))
    return found
