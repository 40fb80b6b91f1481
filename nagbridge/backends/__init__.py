"""Adapters that send problems to a CAS and bring back Python objects."""

from nagbridge.backends._discovery import cas_installed, find_executable
from nagbridge.backends._macaulay2 import MACAULAY2_METHODS, Macaulay2Backend
from nagbridge.backends._singular import SINGULAR_METHODS, SingularBackend

__all__ = [
    "MACAULAY2_METHODS",
    "SINGULAR_METHODS",
    "Macaulay2Backend",
    "SingularBackend",
    "cas_installed",
    "find_executable",
]
