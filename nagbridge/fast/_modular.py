"""Arithmetic modulo a word-size prime: numpy int64 kernels and FLINT's exact rank.

Every value is kept in [0, p) with p < 2^31, so the product of two values is below
2^62 and fits a signed 64-bit integer; each product is reduced before the next
operation.  Matrix products split one factor into 16-bit halves so that a row of
partial products, summed, stays below 2^63 as well.
"""

from __future__ import annotations

import flint
import numpy as np
import numpy.typing as npt
import sympy

from nagbridge._exceptions import InvalidInputError

__all__ = [
    "MAX_PRIME",
    "MIN_PRIME",
    "IntArray",
    "as_nmod_mat",
    "check_primes",
    "default_primes",
    "matmul_mod",
    "power_mod",
    "rank_mod",
]

IntArray = npt.NDArray[np.int64]

#: Primes are taken from [MIN_PRIME, MAX_PRIME): large enough for a useful
#: Schwartz–Zippel bound, small enough for int64 products and FLINT's nmod_mat.
MIN_PRIME = 2**20
MAX_PRIME = 2**31

#: Summing this many products of a value below 2^31 and one below 2^16 stays below 2^63.
_INNER_CHUNK = 2**15


def default_primes(count: int) -> list[int]:
    """The ``count`` largest primes below 2^31, largest first.

    >>> default_primes(2)
    [2147483647, 2147483629]
    """
    primes: list[int] = []
    below = MAX_PRIME
    for _ in range(count):
        below = int(sympy.prevprime(below))
        primes.append(below)
    return primes


def check_primes(primes: object) -> list[int]:
    """Validate user-supplied primes: a non-empty sequence of primes in [2^20, 2^31)."""
    if isinstance(primes, (str, bytes, int)) or not hasattr(primes, "__iter__"):
        raise InvalidInputError("primes", primes, "must be a sequence of primes")
    checked = list(primes)
    if not checked:
        raise InvalidInputError("primes", primes, "must contain at least one prime")
    for prime in checked:
        if isinstance(prime, bool) or not isinstance(prime, (int, np.integer)):
            raise InvalidInputError("prime", prime, "must be an integer")
        if not MIN_PRIME <= prime < MAX_PRIME:
            raise InvalidInputError("prime", prime, "must lie in [2^20, 2^31)")
        if not sympy.isprime(int(prime)):
            raise InvalidInputError("prime", prime, "is not prime")
    return [int(prime) for prime in checked]


def power_mod(values: IntArray, exponent: int, prime: int) -> IntArray:
    """Entrywise ``values ** exponent`` modulo ``prime`` by repeated squaring."""
    result = np.ones_like(values)
    base = values % prime
    while exponent:
        if exponent & 1:
            result = result * base % prime
        exponent >>= 1
        if exponent:
            base = base * base % prime
    return result


def matmul_mod(left: IntArray, right: IntArray, prime: int) -> IntArray:
    """The matrix product ``left @ right`` modulo ``prime``, entries in [0, prime).

    Both factors must hold values in [0, prime) with prime < 2^31.  ``right`` is split
    as hi * 2^16 + lo; each partial product is below 2^47 and at most 2^15 of them are
    summed at a time, so no intermediate leaves int64.

    >>> a = np.array([[2**30, 3]], dtype=np.int64)
    >>> b = np.array([[2**30], [5]], dtype=np.int64)
    >>> int(matmul_mod(a, b, 2147483647)[0, 0]) == (2**60 + 15) % 2147483647
    True
    """
    low = right & 0xFFFF
    high = right >> 16
    result = np.zeros((left.shape[0], right.shape[1]), dtype=np.int64)
    for start in range(0, left.shape[1], _INNER_CHUNK):
        block = slice(start, start + _INNER_CHUNK)
        low_part = (left[:, block] @ low[block]) % prime
        high_part = (left[:, block] @ high[block]) % prime
        result += (high_part * 65536 + low_part) % prime
        result %= prime
    return result


def as_nmod_mat(matrix: IntArray, prime: int) -> flint.nmod_mat:
    """The numpy matrix, entries in [0, prime), as a FLINT matrix over GF(prime).

    It goes through ``fmpz_mat``, the quickest constructor python-flint offers from
    Python integers (about half the time of building an ``nmod_mat`` directly).
    """
    rows, columns = matrix.shape
    integers = flint.fmpz_mat(rows, columns, matrix.ravel().tolist())
    return flint.nmod_mat(integers, prime)


def rank_mod(matrix: IntArray, prime: int) -> int:
    """Rank over GF(prime) of an integer matrix with entries in [0, prime), by FLINT.

    FLINT's ``nmod_mat.rank`` runs a block LU decomposition with fast matrix
    multiplication; no elimination happens in Python.

    >>> rank_mod(np.array([[1, 2], [2, 4]], dtype=np.int64), 1048583)
    1
    """
    if matrix.shape[0] == 0 or matrix.shape[1] == 0:
        return 0
    return int(as_nmod_mat(matrix, prime).rank())
