"""Architectures and their parametrizations as ring maps."""

from nagbridge.models._custom import CustomMap
from nagbridge.models._naming import coefficient_name, monomial_exponents, weight_name
from nagbridge.models._polynomial import PolynomialNetwork

__all__ = [
    "CustomMap",
    "PolynomialNetwork",
    "coefficient_name",
    "monomial_exponents",
    "weight_name",
]
