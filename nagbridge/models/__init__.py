"""Architectures and their parametrizations as ring maps."""

from nagbridge.models._attention import LightningAttention
from nagbridge.models._convolutional import LinearConvNetwork, PolynomialConvNetwork
from nagbridge.models._custom import CustomMap
from nagbridge.models._naming import coefficient_name, monomial_exponents, weight_name
from nagbridge.models._polynomial import PolynomialNetwork
from nagbridge.models._registry import (
    MODELS,
    ModelOption,
    model_from_options,
    parse_option_text,
    register_model,
)

__all__ = [
    "MODELS",
    "CustomMap",
    "LightningAttention",
    "LinearConvNetwork",
    "ModelOption",
    "PolynomialConvNetwork",
    "PolynomialNetwork",
    "coefficient_name",
    "model_from_options",
    "monomial_exponents",
    "parse_option_text",
    "register_model",
    "weight_name",
]
