"""Shared plumbing: expand network outputs symbolically and collect their coefficients.

A model writes its outputs as polynomials in weights and inputs (sympy's sparse
polynomials over QQ); :func:`coefficient_ring_map` turns them into the
:class:`~nagbridge.algebra.RingMap` from the output coefficients to the weights.
:func:`generic_support` computes, without expanding anything, which input monomials
occur in an output for generic weights, by following the same sums and products on
sets of exponent vectors.

>>> supports = [frozenset({(1, 0)}), frozenset({(0, 1)})]
>>> sorted(power_support(sum_support(supports), 2))
[(0, 2), (1, 1), (2, 0)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import MAX_NAME_LENGTH, Exponents, Field, PolynomialRing, RingMap
from nagbridge.models._naming import coefficient_name

__all__ = [
    "MAX_AMBIENT_DIMENSION",
    "MAX_SUPPORT_PRODUCTS",
    "REFUSED_AMBIENT_LOWER_BOUND",
    "Support",
    "cap_by_ambient",
    "check_names",
    "coefficient_ring_map",
    "input_support",
    "power_support",
    "product_support",
    "sum_support",
]

#: The same limit as :data:`nagbridge.models._polynomial.MAX_AMBIENT_DIMENSION`: output
#: spaces with more coordinates are refused by the symbolic parametrization.
MAX_AMBIENT_DIMENSION = 100_000

#: Stop computing a support when one sumset would form more pairs than this.
MAX_SUPPORT_PRODUCTS = 5_000_000

#: When a support is refused as too large, the ambient dimension is at least this:
#: either the coordinates exceed MAX_AMBIENT_DIMENSION, or a sumset A + B with
#: |A| |B| > MAX_SUPPORT_PRODUCTS has |A + B| >= |A| + |B| - 1 >= 2 sqrt(5e6) - 1.
REFUSED_AMBIENT_LOWER_BOUND = 4471

Support = frozenset[Exponents]


def input_support(num_inputs: int) -> list[Support]:
    """The support of each input variable x_i: the single exponent vector e_i."""
    return [
        frozenset({tuple(1 if j == i else 0 for j in range(num_inputs))})
        for i in range(num_inputs)
    ]


def sum_support(supports: Iterable[Support]) -> Support:
    """Support of a generic linear combination: the union.

    No cancellation can happen: every coefficient of the symbolic expansion is a sum
    of monomials in the weights with positive integer coefficients.
    """
    union: set[Exponents] = set()
    for support in supports:
        union |= support
    return frozenset(union)


def product_support(first: Support, second: Support, option: str = "architecture") -> Support:
    """Support of a product: the sumset {a + b} (positive coefficients, no cancellation).

    ``option`` names the model option blamed when the sumset is too large to form.
    """
    if len(first) * len(second) > MAX_SUPPORT_PRODUCTS:
        raise InvalidInputError(
            option,
            f"{len(first)} x {len(second)} monomials",
            "the output polynomials have too many monomials to list",
        )
    return frozenset(tuple(map(sum, zip(a, b, strict=True))) for a in first for b in second)


def power_support(support: Support, exponent: int, option: str = "architecture") -> Support:
    """Support of the ``exponent``-th power (exponent >= 1)."""
    result = support
    for _ in range(exponent - 1):
        result = product_support(result, support, option)
    return result


def cap_by_ambient(value: int, ambient: Callable[[], int], option: str, shown: object) -> int:
    """min(value, ambient()), also when the support is too large to list.

    If listing is refused, the ambient dimension is at least
    :data:`REFUSED_AMBIENT_LOWER_BOUND`, so ``value`` stands when it is below that.
    """
    try:
        return min(value, ambient())
    except InvalidInputError:
        if value <= REFUSED_AMBIENT_LOWER_BOUND:
            return value
        raise InvalidInputError(
            option, shown, "the output space is too large to compare with the dimension"
        ) from None


def check_names(model: str, option: str, value: object, num_inputs: int, outputs: int) -> None:
    """Refuse coefficient names longer than a ring accepts (:data:`MAX_NAME_LENGTH`)."""
    longest = len(coefficient_name(outputs - 1, (99,) * num_inputs))
    if longest > MAX_NAME_LENGTH:
        raise InvalidInputError(
            option,
            value,
            f"{model} has {num_inputs} input variables; coefficient names c_i_e0_..._e(n-1) "
            f"would exceed {MAX_NAME_LENGTH} characters",
        )


def coefficient_ring_map(
    outputs: Sequence[Any],
    monomials: Sequence[Sequence[Exponents]],
    weights: Sequence[str],
    field: Field,
) -> RingMap:
    """The ring map c_i_e -> (coefficient of x^e in output i, a polynomial in the weights).

    ``outputs[i]`` is a sympy sparse polynomial whose generators are the weights
    followed by the inputs; ``monomials[i]`` lists the exponent vectors (in the inputs)
    that are coordinates of output i, in order.  A term outside them is an error of the
    model, not of the user, and raises ``ValueError``.
    """
    num_weights = len(weights)
    names: list[str] = []
    positions: dict[tuple[int, Exponents], int] = {}
    for output, exponents_list in enumerate(monomials):
        for exponents in exponents_list:
            positions[(output, tuple(exponents))] = len(names)
            names.append(coefficient_name(output, exponents))
    images: list[dict[Exponents, Fraction]] = [{} for _ in names]
    for output, polynomial in enumerate(outputs):
        for monomial, coefficient in polynomial.terms():
            weight_part, input_part = monomial[:num_weights], monomial[num_weights:]
            key = (output, tuple(input_part))
            if key not in positions:
                raise ValueError(f"monomial {input_part} of output {output} is not a coordinate")
            images[positions[key]][tuple(weight_part)] = Fraction(
                int(coefficient.numerator), int(coefficient.denominator)
            )
    return RingMap(
        source=PolynomialRing(tuple(names), field),
        target=PolynomialRing(tuple(weights), field),
        images=tuple(images),
    )
