"""Fast routes: invariants of neurovarieties without a computer algebra system.

:func:`fast_dimension` finds the dimension of a neurovariety as the rank of the Jacobian
of the network at random weights and points modulo large primes, exactly, by FLINT; for
any other model it takes :func:`generic_fast_dimension`, the Jacobian of the model's
parametrization at random parameters.

>>> from nagbridge import PolynomialNetwork
>>> from nagbridge.fast import fast_dimension
>>> fast_dimension(PolynomialNetwork((2, 2, 2, 1), 2), seed=0).dimension
5
"""

from nagbridge.fast._dimension import FastDimensionResult, fast_dimension
from nagbridge.fast._generic import generic_fast_dimension

__all__ = ["FastDimensionResult", "fast_dimension", "generic_fast_dimension"]
