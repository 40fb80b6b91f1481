"""Locating the CAS-side libraries and quoting strings for CAS code."""

from __future__ import annotations

from pathlib import Path

from nagbridge._exceptions import InvalidInputError

__all__ = ["cas_library", "cas_string"]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def cas_library(filename: str, folder: str = "m2scripts") -> Path:
    """The path of a CAS-side library file, in an installed wheel or in a checkout.

    ``folder`` is ``m2scripts`` (Macaulay2) or ``singularlib`` (Singular); a wheel
    carries both under ``nagbridge/_cas/``.
    """
    for directory in (
        _PACKAGE_DIR / "_cas" / folder,
        _PACKAGE_DIR.parent / folder,
    ):
        candidate = directory / filename
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"nagbridge's CAS library {filename} is missing from the install")


def cas_string(text: str, cas: str) -> str:
    """A double-quoted string literal for Macaulay2 or Singular.

    Only printable characters are allowed; backslashes and quotes are escaped, so the
    literal can never end early or leave the CAS waiting for more input.
    """
    if not text.isprintable():
        raise InvalidInputError("string for " + cas, text, "contains control characters")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
