"""Architectures and their parametrizations as ring maps."""

from nagbridge.models._attention import LightningAttention
from nagbridge.models._convolutional import LinearConvNetwork, PolynomialConvNetwork
from nagbridge.models._custom import CustomMap
from nagbridge.models._linear import LinearNetwork, determinantal_degree
from nagbridge.models._map_file import load_map, map_from_data
from nagbridge.models._naming import (
    bias_name,
    coefficient_name,
    monomial_exponents,
    monomials_up_to,
    weight_name,
)
from nagbridge.models._polynomial import PolynomialNetwork
from nagbridge.models._registry import (
    MODELS,
    ModelOption,
    model_from_options,
    parse_option_text,
    register_model,
)
from nagbridge.models._shallow import (
    ALEXANDER_HIRSCHOWITZ_EXCEPTIONS,
    ShallowNetwork,
    shallow_dimension,
)

__all__ = [
    "ALEXANDER_HIRSCHOWITZ_EXCEPTIONS",
    "MODELS",
    "CustomMap",
    "LightningAttention",
    "LinearConvNetwork",
    "LinearNetwork",
    "ModelOption",
    "PolynomialConvNetwork",
    "PolynomialNetwork",
    "ShallowNetwork",
    "bias_name",
    "coefficient_name",
    "determinantal_degree",
    "load_map",
    "map_from_data",
    "model_from_options",
    "monomial_exponents",
    "monomials_up_to",
    "parse_option_text",
    "register_model",
    "shallow_dimension",
    "weight_name",
]
