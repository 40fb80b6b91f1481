"""The generic ideal API: Gröbner bases, elimination, kernels, Hilbert functions,
dimension, degree, radical, minimal primes and singular loci of ideals a user builds,
on Macaulay2 or Singular.  The conventions are those of :mod:`nagbridge._ideals`.

>>> from nagbridge import ideals
>>> from nagbridge.algebra import Ideal, PolynomialRing
>>> R = PolynomialRing(("x", "y"))
>>> ideals.dimension(Ideal.from_text(R, ["x^2", "x*y"]), backend="singular")
1
"""

from nagbridge._ideals import (
    IDEAL_BACKENDS,
    IdealBackend,
    degree,
    dimension,
    eliminate,
    groebner_basis,
    hilbert_polynomial,
    hilbert_series,
    kernel,
    minimal_primes,
    radical,
    singular_locus,
)
from nagbridge.algebra import Ideal, MonomialOrder, PolynomialRing
from nagbridge.problems import VarietySummary

__all__ = [
    "IDEAL_BACKENDS",
    "Ideal",
    "IdealBackend",
    "MonomialOrder",
    "PolynomialRing",
    "VarietySummary",
    "degree",
    "dimension",
    "eliminate",
    "groebner_basis",
    "hilbert_polynomial",
    "hilbert_series",
    "kernel",
    "minimal_primes",
    "radical",
    "singular_locus",
]
