"""Monomial orders: the few global orders both CAS know, named the same way everywhere.

The variables of a ring are ordered as listed, ``x_0 > x_1 > ... > x_(n-1)``.  For
exponent vectors a, b (Cox, Little and O'Shea, *Ideals, Varieties, and Algorithms*,
4th ed., Ch. 2 §2, Definitions 3, 5 and 6):

- ``lex``: a > b when the leftmost non-zero entry of a - b is positive;
- ``glex`` (graded lex): the total degree first, ties broken by ``lex``;
- ``grevlex`` (graded reverse lex): the total degree first, ties broken by a > b when
  the rightmost non-zero entry of a - b is negative;
- ``weights(w_0,...,w_(n-1))``: the weighted degree sum w_i a_i first (integers
  w_i >= 0), ties broken by ``grevlex`` (Ch. 2 §4, Exercise 12).  With weight 1 on
  some variables and 0 on the others it is an elimination order for those variables
  (Ch. 3 §1, Exercise 6): :meth:`MonomialOrder.elimination` builds it.

In Macaulay2 they are ``Lex``, ``GLex``, ``GRevLex`` and ``{Weights => w, GRevLex}``
(``Eliminate k`` is the weight order with k ones, then zeros); in Singular ``lp``,
``Dp``, ``dp`` and ``(a(w), dp)``.  Singular's ``wp(w)`` is not used: it breaks ties of
the weighted degree by reverse lex alone, a different order from Macaulay2's.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, overload

import sympy

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra._ring import Exponents, PolynomialRing

__all__ = ["MONOMIAL_ORDERS", "MonomialOrder", "check_variables"]

OrderKind = Literal["grevlex", "lex", "glex", "weights"]

#: The names :meth:`MonomialOrder.parse` accepts (``weights(...)`` with its integers).
MONOMIAL_ORDERS = ("grevlex", "lex", "glex", "weights(w_0,...,w_(n-1))")

_WEIGHTS = re.compile(r"^weights\((.*)\)$", re.DOTALL)
_SIGNED_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
#: Weights beyond this bound are refused: both CAS keep weights in machine integers.
MAX_WEIGHT = 2**15
_WEIGHTS_REASON = (
    f"weights must be non-negative integers (at most {MAX_WEIGHT}); a negative weight "
    "gives no global order (Macaulay2 refuses it, Singular makes the order local)"
)


def _check_weights(weights: object) -> tuple[int, ...]:
    """The weight vector ``weights`` as a tuple of integers in ``0 .. MAX_WEIGHT``."""
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Iterable):
        raise InvalidInputError("weights", weights, _WEIGHTS_REASON)
    vector = tuple(weights)
    if not vector:
        raise InvalidInputError("weights", vector, "need one weight per variable")
    integers = []
    for weight in vector:
        if isinstance(weight, bool) or not isinstance(weight, numbers.Integral):
            raise InvalidInputError("weights", vector, _WEIGHTS_REASON)
        if not 0 <= int(weight) <= MAX_WEIGHT:
            raise InvalidInputError("weights", vector, _WEIGHTS_REASON)
        integers.append(int(weight))
    return tuple(integers)


class _WeightsAttribute:
    """``MonomialOrder.weights(w)`` builds a weight order; ``order.weights`` is its vector.

    On the class the attribute is the constructor :meth:`MonomialOrder.from_weights`; on
    an order it is the weight vector (``()`` for ``grevlex``, ``lex`` and ``glex``).
    """

    @overload
    def __get__(
        self, instance: None, owner: type[MonomialOrder]
    ) -> Callable[[Iterable[int]], MonomialOrder]: ...

    @overload
    def __get__(self, instance: MonomialOrder, owner: type[MonomialOrder]) -> tuple[int, ...]: ...

    def __get__(
        self, instance: MonomialOrder | None, owner: type[MonomialOrder]
    ) -> Callable[[Iterable[int]], MonomialOrder] | tuple[int, ...]:
        if instance is None:
            return owner.from_weights
        return instance.weight_vector


@dataclass(frozen=True, init=False, repr=False)
class MonomialOrder:
    """A global monomial order: ``grevlex``, ``lex``, ``glex`` or a weight order.

    ``MonomialOrder.weights(w)`` is the weight order ``weights(w_0,...)`` and
    ``order.weights`` the weight vector of an order.

    >>> MonomialOrder.parse("lex")
    MonomialOrder(kind='lex', weights=())
    >>> str(MonomialOrder.parse("weights(1, 0, 2)"))
    'weights(1,0,2)'
    >>> MonomialOrder.weights((1, 2, 3, 4)) == MonomialOrder.parse("weights(1,2,3,4)")
    True
    >>> MonomialOrder.weights((1, 2, 3, 4)).weights
    (1, 2, 3, 4)
    >>> R = PolynomialRing(("t", "x", "y"))
    >>> str(MonomialOrder.elimination(R, ["t"]))
    'weights(1,0,0)'
    """

    kind: OrderKind
    weight_vector: tuple[int, ...]

    weights = _WeightsAttribute()

    def __init__(self, kind: OrderKind = "grevlex", weights: Iterable[int] = ()) -> None:
        if kind not in ("grevlex", "lex", "glex", "weights"):
            raise InvalidInputError(
                "monomial order", kind, f"expected one of {', '.join(MONOMIAL_ORDERS)}"
            )
        if kind != "weights":
            if isinstance(weights, (str, bytes)) or tuple(weights):
                raise InvalidInputError("weights", weights, f"{kind} takes no weights")
            vector: tuple[int, ...] = ()
        else:
            vector = _check_weights(weights)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "weight_vector", vector)

    def __repr__(self) -> str:
        return f"MonomialOrder(kind={self.kind!r}, weights={self.weight_vector!r})"

    @classmethod
    def from_weights(cls, weights: Iterable[int]) -> MonomialOrder:
        """The weight order ``weights(w_0,...,w_(n-1))``: weighted degree, then grevlex.

        The weights are non-negative integers, one per variable of the ring (checked
        when the order meets a ring, :meth:`check_ring`); ``MonomialOrder.weights(w)``
        is the same constructor.

        >>> str(MonomialOrder.from_weights([0, 1, 2]))
        'weights(0,1,2)'
        """
        return cls("weights", weights)

    @classmethod
    def parse(cls, order: str | MonomialOrder) -> MonomialOrder:
        """Read ``grevlex``, ``lex``, ``glex`` or ``weights(w_0,...)``; nothing else."""
        if isinstance(order, MonomialOrder):
            return order
        if not isinstance(order, str):
            raise InvalidInputError(
                "monomial order", order, f"expected one of {', '.join(MONOMIAL_ORDERS)}"
            )
        text = order.strip().lower()
        if text in ("grevlex", "lex", "glex"):
            return cls(text)  # type: ignore[arg-type]  # one of the literal kinds
        match = _WEIGHTS.match(text)
        if match is None:
            raise InvalidInputError(
                "monomial order", order, f"expected one of {', '.join(MONOMIAL_ORDERS)}"
            )
        entries = match.group(1).split(",")
        if not all(_SIGNED_INTEGER.match(entry) for entry in entries):
            raise InvalidInputError("monomial order", order, _WEIGHTS_REASON)
        try:
            return cls("weights", tuple(int(entry) for entry in entries))
        except InvalidInputError as error:
            raise InvalidInputError("monomial order", order, error.reason) from None

    @classmethod
    def elimination(
        cls, ring: PolynomialRing, variables: Iterable[str | sympy.Symbol]
    ) -> MonomialOrder:
        """An elimination order for ``variables``: weight 1 on them, 0 on the others.

        A monomial containing one of ``variables`` is larger than every monomial free
        of them, so the elements of a Gröbner basis free of ``variables`` generate the
        elimination ideal (Cox, Little, O'Shea, Ch. 3 §1, Theorem 2 and Exercise 6).
        """
        chosen = check_variables(ring, variables)
        return cls("weights", tuple(int(name in chosen) for name in ring.variables))

    def check_ring(self, ring: PolynomialRing) -> None:
        """Refuse a weight order whose length is not the number of variables of ``ring``."""
        if self.kind == "weights" and len(self.weights) != ring.ngens:
            raise InvalidInputError(
                "weights",
                self.weights,
                f"need one weight per variable of the ring ({ring.ngens}: "
                f"{', '.join(ring.variables)})",
            )

    def key(self) -> Callable[[Exponents], tuple[int, ...]]:
        """A sort key on exponent vectors: larger monomials have larger keys."""
        if self.kind == "lex":
            return lambda exponents: tuple(exponents)
        if self.kind == "glex":
            return lambda exponents: (sum(exponents), *exponents)
        weights = self.weight_vector

        def grevlex(exponents: Exponents) -> tuple[int, ...]:
            return (sum(exponents), *(-e for e in reversed(exponents)))

        if self.kind == "grevlex":
            return grevlex
        return lambda exponents: (
            sum(w * e for w, e in zip(weights, exponents, strict=True)),
            *grevlex(exponents),
        )

    def leading_exponents(self, exponents: Sequence[Exponents]) -> Exponents:
        """The largest of ``exponents`` in this order."""
        return max(exponents, key=self.key())

    def __str__(self) -> str:
        if self.kind == "weights":
            return f"weights({','.join(map(str, self.weights))})"
        return self.kind


def check_variables(
    ring: PolynomialRing, variables: Iterable[str | sympy.Symbol]
) -> frozenset[str]:
    """The names in ``variables`` (strings or sympy symbols), each a variable of ``ring``."""
    if isinstance(variables, (str, sympy.Symbol)):
        variables = [variables]
    chosen = []
    for entry in variables:
        name = entry.name if isinstance(entry, sympy.Symbol) else entry
        if not isinstance(name, str) or name not in ring.variables:
            raise InvalidInputError(
                "variable", name, f"is not a variable of the ring ({', '.join(ring.variables)})"
            )
        chosen.append(name)
    if not chosen:
        raise InvalidInputError("variables", list(chosen), "name at least one variable")
    return frozenset(chosen)
