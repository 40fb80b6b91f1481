"""nagbridge: neurovarieties of polynomial neural networks, computed exactly by a CAS.

>>> from nagbridge import PolynomialNetwork
>>> PolynomialNetwork((2, 2, 3), 2).expected_dimension
8
"""

import logging

from nagbridge import ideals
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
from nagbridge._ideals import eliminate, groebner_basis, kernel
from nagbridge._invariants import ed_degree, fiber, singular_locus
from nagbridge.algebra import (
    Field,
    GroebnerBasis,
    HilbertPolynomial,
    HilbertSeries,
    Ideal,
    MonomialOrder,
    PolynomialRing,
    RingMap,
)
from nagbridge.backends import Macaulay2Backend, SingularBackend
from nagbridge.fast import FastDimensionResult, fast_dimension
from nagbridge.models import (
    CustomMap,
    LightningAttention,
    LinearConvNetwork,
    LinearNetwork,
    PolynomialConvNetwork,
    PolynomialNetwork,
    ShallowNetwork,
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
    "CustomMap",
    "FastDimensionResult",
    "Field",
    "GroebnerBasis",
    "HilbertPolynomial",
    "HilbertSeries",
    "Ideal",
    "ImplicitizationProblem",
    "ImplicitizationResult",
    "InvalidInputError",
    "LightningAttention",
    "LinearConvNetwork",
    "LinearNetwork",
    "Macaulay2Backend",
    "MemoryLimitError",
    "MonomialOrder",
    "NagbridgeError",
    "PolynomialConvNetwork",
    "PolynomialNetwork",
    "PolynomialRing",
    "ProtocolError",
    "ResultsDisagreeError",
    "RingMap",
    "ShallowNetwork",
    "SingularBackend",
    "__version__",
    "ed_degree",
    "eliminate",
    "fast_dimension",
    "fiber",
    "get_backend",
    "groebner_basis",
    "ideals",
    "implicitize",
    "kernel",
    "singular_locus",
]
