"""Adapters that send problems to a CAS and bring back Python objects."""

from nagbridge.backends._discovery import find_executable
from nagbridge.backends._macaulay2 import MACAULAY2_METHODS, Macaulay2Backend
from nagbridge.backends._singular import SINGULAR_METHODS, SingularBackend

__all__ = [
    "MACAULAY2_METHODS",
    "SINGULAR_METHODS",
    "Macaulay2Backend",
    "SingularBackend",
    "find_executable",
]
