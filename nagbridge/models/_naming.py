"""The naming convention of weight and coefficient variables.

- ``w_l_i_j`` is the entry in row i, column j of the weight matrix W_l, for
  l = 1 .. L (the layer, as in W_1, ..., W_L) and 0-based i, j.
- ``b_l_i`` is entry i of the bias vector b_l of layer l (networks with biases).
- ``c_i_e0_e1_..._e(n-1)`` is the coefficient of the monomial
  x_0^e0 x_1^e1 ... x_(n-1)^e(n-1) in output i (0-based).  Outputs that are forms of
  degree D use the monomials of degree D, lex-descending (:func:`monomial_exponents`);
  outputs of degree at most D (biases, general activations) use all monomials of
  degree <= D, highest degree first and lex-descending within a degree
  (:func:`monomials_up_to`), so ``c_0_0_0`` is the constant term of output 0.

>>> weight_name(2, 0, 1), bias_name(2, 0), coefficient_name(1, (2, 0, 1))
('w_2_0_1', 'b_2_0', 'c_1_2_0_1')
"""

from __future__ import annotations

from collections.abc import Iterator

from nagbridge.algebra import Exponents

__all__ = [
    "bias_name",
    "coefficient_name",
    "monomial_exponents",
    "monomials_up_to",
    "weight_name",
]


def weight_name(layer: int, row: int, column: int) -> str:
    """``w_l_i_j``: entry (``row``, ``column``) of W_``layer`` (l from 1, i, j from 0).

    >>> weight_name(1, 0, 2)
    'w_1_0_2'
    """
    return f"w_{layer}_{row}_{column}"


def bias_name(layer: int, row: int) -> str:
    """``b_l_i``: entry ``row`` (from 0) of the bias vector b_``layer`` (from 1).

    >>> bias_name(1, 3)
    'b_1_3'
    """
    return f"b_{layer}_{row}"


def coefficient_name(output: int, exponents: Exponents) -> str:
    """``c_i_e0_..._e(n-1)``: coefficient of x^``exponents`` in output ``output``.

    >>> coefficient_name(0, (1, 0, 2))
    'c_0_1_0_2'
    """
    return "_".join(["c", str(output), *map(str, exponents)])


def monomial_exponents(num_variables: int, degree: int) -> Iterator[Exponents]:
    """Exponent vectors of the monomials of ``degree`` in ``num_variables``, lex-descending.

    >>> list(monomial_exponents(2, 2))
    [(2, 0), (1, 1), (0, 2)]
    """
    if num_variables == 1:
        yield (degree,)
        return
    for first in range(degree, -1, -1):
        for rest in monomial_exponents(num_variables - 1, degree - first):
            yield (first, *rest)


def monomials_up_to(num_variables: int, degree: int) -> Iterator[Exponents]:
    """Exponent vectors of all monomials of degree <= ``degree``, highest degree first.

    >>> list(monomials_up_to(2, 1))
    [(1, 0), (0, 1), (0, 0)]
    """
    for current in range(degree, -1, -1):
        yield from monomial_exponents(num_variables, current)
