"""What to compute, as plain data with a canonical form and a stable hash."""

from nagbridge.problems._implicitization import (
    CrossCheck,
    ImplicitizationProblem,
    ImplicitizationResult,
    Model,
    Provenance,
)
from nagbridge.problems._invariants import (
    INNER_PRODUCTS,
    EDDegreeProblem,
    EDDegreeResult,
    FiberProblem,
    FiberResult,
    SingularLocusProblem,
    SingularLocusResult,
    SubnetworkCheck,
    VarietyComparison,
    VarietySummary,
)

__all__ = [
    "INNER_PRODUCTS",
    "CrossCheck",
    "EDDegreeProblem",
    "EDDegreeResult",
    "FiberProblem",
    "FiberResult",
    "ImplicitizationProblem",
    "ImplicitizationResult",
    "Model",
    "Provenance",
    "SingularLocusProblem",
    "SingularLocusResult",
    "SubnetworkCheck",
    "VarietyComparison",
    "VarietySummary",
]
