"""CAS-agnostic algebra: fields, rings, ideals, ring maps and the results of computations."""

from nagbridge.algebra._field import MAX_CHARACTERISTIC, Field
from nagbridge.algebra._hilbert import HilbertPolynomial, HilbertSeries
from nagbridge.algebra._ideal import GroebnerBasis, Ideal, VarietyInfo
from nagbridge.algebra._order import MONOMIAL_ORDERS, MonomialOrder
from nagbridge.algebra._parse import parse_polynomial
from nagbridge.algebra._ring import (
    MAX_NAME_LENGTH,
    Exponents,
    PolynomialRing,
    Terms,
    format_polynomial,
)
from nagbridge.algebra._ringmap import RingMap
from nagbridge.algebra._sympy import polynomial_from_sympy, polynomial_text

__all__ = [
    "MAX_CHARACTERISTIC",
    "MAX_NAME_LENGTH",
    "MONOMIAL_ORDERS",
    "Exponents",
    "Field",
    "GroebnerBasis",
    "HilbertPolynomial",
    "HilbertSeries",
    "Ideal",
    "MonomialOrder",
    "PolynomialRing",
    "RingMap",
    "Terms",
    "VarietyInfo",
    "format_polynomial",
    "parse_polynomial",
    "polynomial_from_sympy",
    "polynomial_text",
]
