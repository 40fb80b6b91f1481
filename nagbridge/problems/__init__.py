"""What to compute, as plain data with a canonical form and a stable hash."""

from nagbridge.problems._implicitization import (
    CrossCheck,
    ImplicitizationProblem,
    ImplicitizationResult,
    Model,
    Provenance,
)

__all__ = ["CrossCheck", "ImplicitizationProblem", "ImplicitizationResult", "Model", "Provenance"]
