"""CAS-agnostic algebra: fields, rings, ideals, ring maps and the results of computations."""

from nagbridge.algebra._field import MAX_CHARACTERISTIC, Field
from nagbridge.algebra._hilbert import HilbertPolynomial, HilbertSeries
from nagbridge.algebra._ideal import GroebnerBasis, Ideal, VarietyInfo
from nagbridge.algebra._parse import parse_polynomial
from nagbridge.algebra._ring import Exponents, PolynomialRing, Terms, format_polynomial
from nagbridge.algebra._ringmap import RingMap

__all__ = [
    "MAX_CHARACTERISTIC",
    "Exponents",
    "Field",
    "GroebnerBasis",
    "HilbertPolynomial",
    "HilbertSeries",
    "Ideal",
    "PolynomialRing",
    "RingMap",
    "Terms",
    "VarietyInfo",
    "format_polynomial",
    "parse_polynomial",
]
