"""nagbridge: neurovarieties of polynomial neural networks, computed exactly by a CAS.

>>> from nagbridge import PolynomialNetwork
>>> PolynomialNetwork((2, 2, 3), 2).expected_dimension
8
"""

import logging

from nagbridge._api import get_backend, implicitize
from nagbridge._exceptions import (
    CASCrashedError,
    CASError,
    CASInterruptedError,
    CASNotFoundError,
    CASTimeoutError,
    InvalidInputError,
    MemoryLimitError,
    NagbridgeError,
    ProtocolError,
    ResultsDisagreeError,
)
from nagbridge._invariants import ed_degree, fiber, singular_locus
from nagbridge.algebra import Field, GroebnerBasis, HilbertPolynomial, Ideal, PolynomialRing
from nagbridge.backends import Macaulay2Backend, SingularBackend
from nagbridge.fast import FastDimensionResult, fast_dimension
from nagbridge.models import (
    LightningAttention,
    LinearConvNetwork,
    PolynomialConvNetwork,
    PolynomialNetwork,
)
from nagbridge.problems import ImplicitizationProblem, ImplicitizationResult

__version__ = "0.1.0"

logging.getLogger("nagbridge").addHandler(logging.NullHandler())

__all__ = [
    "CASCrashedError",
    "CASError",
    "CASInterruptedError",
    "CASNotFoundError",
    "CASTimeoutError",
    "FastDimensionResult",
    "Field",
    "GroebnerBasis",
    "HilbertPolynomial",
    "Ideal",
    "ImplicitizationProblem",
    "ImplicitizationResult",
    "InvalidInputError",
    "LightningAttention",
    "LinearConvNetwork",
    "Macaulay2Backend",
    "MemoryLimitError",
    "NagbridgeError",
    "PolynomialConvNetwork",
    "PolynomialNetwork",
    "PolynomialRing",
    "ProtocolError",
    "ResultsDisagreeError",
    "SingularBackend",
    "__version__",
    "ed_degree",
    "fast_dimension",
    "fiber",
    "get_backend",
    "implicitize",
    "singular_locus",
]
