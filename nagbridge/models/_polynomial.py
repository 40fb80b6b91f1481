"""Polynomial networks f(x) = W_L s(W_(L-1) ... s(W_1 x)) with s(t) = t^r entrywise."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from math import comb
from typing import Any, ClassVar

from sympy.polys.rings import ring as sparse_ring

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Exponents, Field, PolynomialRing, RingMap
from nagbridge.models._naming import coefficient_name, monomial_exponents, weight_name
from nagbridge.models._registry import ModelOption, register_model

__all__ = ["PolynomialNetwork"]

#: Keep generated problems within what a CAS can hold: listing the output coefficients
#: and building the parametrization refuse output spaces with more coordinates than this.
#: Constructing a model and its combinatorics (and the fast routes) have no such limit.
MAX_AMBIENT_DIMENSION = 100_000


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(name, value, "must be an integer")
    if value < minimum:
        raise InvalidInputError(name, value, f"must be at least {minimum}")
    return value


@register_model
@dataclass(frozen=True)
class PolynomialNetwork:
    """A fully connected network without biases and with monomial activation t -> t^r.

    With widths (d_0, ..., d_L), the weights are matrices W_l of size d_l x d_(l-1) and
    the network computes f(x) = W_L s(W_(L-1) ... s(W_1 x)), s(t) = t^r entrywise.
    Each of the d_L outputs is a form of degree r^(L-1) in x_0, ..., x_(d_0 - 1), so the
    function space lives in the affine space of d_L such forms, coordinatised by their
    coefficients in the monomial basis (see :mod:`nagbridge.models._naming`); the
    *neurovariety* is the Zariski closure of the image there.  Scaling W_L scales f,
    so the neurovariety is an affine cone and its ideal is homogeneous.

    Combinatorics after Kileel, Trager and Bruna, *On the expressive power of deep
    polynomial neural networks* (NeurIPS 2019): each hidden neuron carries a rescaling
    symmetry (row k of W_l times t, column k of W_(l+1) times t^(-r)), so for r >= 2

        expected dimension = min(#parameters - (d_1 + ... + d_(L-1)), ambient dimension).

    For r = 1 the network is linear, the symmetry group is the product of the general
    linear groups GL(d_l) of the hidden layers, and the function space is the
    determinantal variety of d_L x d_0 matrices of rank at most rho = min(widths), of
    dimension rho (d_0 + d_L - rho); that value is reported as the expected dimension.

    >>> net = PolynomialNetwork((2, 2, 3), 2)
    >>> net.num_parameters, net.symmetry_dimension, net.ambient_dimension
    (10, 2, 9)
    >>> net.expected_dimension
    8
    """

    MODEL_NAME: ClassVar[str] = "polynomial"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("widths", "ints", "layer widths d0,d1,...,dL, e.g. 2,2,3", required=True),
        ModelOption("activation_degree", "int", "the exponent r of t -> t^r", required=True),
    )

    widths: tuple[int, ...]
    activation_degree: int

    def __post_init__(self) -> None:
        if isinstance(self.widths, (str, bytes)):
            raise InvalidInputError("widths", self.widths, "must be a sequence of integers")
        widths = tuple(self.widths)
        object.__setattr__(self, "widths", widths)
        for width in widths:
            _check_int("width", width, 1)
        if len(widths) < 3:
            raise InvalidInputError(
                "widths",
                widths,
                "a polynomial network needs at least two layers (three widths d0, d1, d2), "
                "so that an activation sits between them",
            )
        _check_int("activation degree", self.activation_degree, 1)

    # -- combinatorics, no CAS needed -------------------------------------------------

    @property
    def num_layers(self) -> int:
        return len(self.widths) - 1

    @property
    def output_degree(self) -> int:
        """Degree r^(L-1) of each output form."""
        return int(self.activation_degree ** (self.num_layers - 1))

    @property
    def num_parameters(self) -> int:
        return sum(a * b for a, b in zip(self.widths, self.widths[1:], strict=False))

    @property
    def hidden_widths(self) -> tuple[int, ...]:
        return self.widths[1:-1]

    @property
    def symmetry_dimension(self) -> int:
        """Dimension of the group acting on the weights with the same function."""
        if self.activation_degree == 1:
            return sum(width**2 for width in self.hidden_widths)
        return sum(self.hidden_widths)

    @property
    def ambient_dimension(self) -> int:
        """Number of coefficients of d_L forms of degree r^(L-1) in d_0 variables."""
        d0, degree = self.widths[0], self.output_degree
        return self.widths[-1] * comb(d0 + degree - 1, degree)

    @property
    def expected_dimension(self) -> int:
        if self.activation_degree == 1:
            rank = min(self.widths)
            return rank * (self.widths[0] + self.widths[-1] - rank)
        return min(self.num_parameters - self.symmetry_dimension, self.ambient_dimension)

    def describe(self) -> dict[str, Any]:
        """The model as plain data, echoed in every result."""
        return {
            "model": "polynomial",
            "widths": list(self.widths),
            "activation_degree": self.activation_degree,
        }

    # -- the parametrization ------------------------------------------------------------

    def check_expandable(self) -> None:
        """Refuse to enumerate an output space too large for a symbolic parametrization.

        The combinatorics above and numerical routes such as
        :func:`nagbridge.fast.fast_dimension` work for any size; only listing the
        coefficients and expanding the ring map are limited.
        """
        if self.ambient_dimension > MAX_AMBIENT_DIMENSION:
            raise InvalidInputError(
                "widths",
                self.widths,
                f"the output space has {self.ambient_dimension} coefficients, more than "
                f"the {MAX_AMBIENT_DIMENSION} a symbolic parametrization supports",
            )

    @cached_property
    def monomials(self) -> tuple[Exponents, ...]:
        """Exponent vectors of the output monomials, lex-descending."""
        self.check_expandable()
        return tuple(monomial_exponents(self.widths[0], self.output_degree))

    @cached_property
    def coefficient_names(self) -> tuple[str, ...]:
        return tuple(
            coefficient_name(output, exponents)
            for output in range(self.widths[-1])
            for exponents in self.monomials
        )

    def weight_names(self, gauge_fixed: bool = False) -> tuple[str, ...]:
        """Names of the weights, W_1 first, row by row.

        With ``gauge_fixed``, the first entry of each row of W_1, ..., W_(L-1) (one
        weight per hidden neuron) is left out: it is set to 1.
        """
        names = []
        for layer in range(1, self.num_layers + 1):
            rows, columns = self.widths[layer], self.widths[layer - 1]
            for row in range(rows):
                for column in range(columns):
                    if gauge_fixed and layer < self.num_layers and column == 0:
                        continue
                    names.append(weight_name(layer, row, column))
        return tuple(names)

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map from output coefficients to weights whose kernel is the ideal.

        With ``gauge_fixed``, one weight per hidden neuron is set to 1.  This does not
        change the closure of the image: on the dense open set where that weight is
        non-zero, the neuron's rescaling symmetry moves it to 1 without changing f.
        Raises :class:`~nagbridge.InvalidInputError` when the output space has more than
        ``MAX_AMBIENT_DIMENSION`` coefficients.
        """
        self.check_expandable()
        field = Field.parse(field)
        weights = self.weight_names(gauge_fixed)
        inputs = [f"x_{i}" for i in range(self.widths[0])]
        expansion_ring, *generators = sparse_ring(",".join([*weights, *inputs]), "QQ")
        by_name = dict(zip([*weights, *inputs], generators, strict=True))

        def weight(layer: int, row: int, column: int) -> Any:
            name = weight_name(layer, row, column)
            return by_name.get(name, expansion_ring.one)

        layer_values = [by_name[name] for name in inputs]
        for layer in range(1, self.num_layers + 1):
            rows, columns = self.widths[layer], self.widths[layer - 1]
            layer_values = [
                sum(
                    (
                        weight(layer, row, column) * layer_values[column]
                        for column in range(columns)
                    ),
                    expansion_ring.zero,
                )
                for row in range(rows)
            ]
            if layer < self.num_layers:
                layer_values = [value**self.activation_degree for value in layer_values]

        num_weights = len(weights)
        position = {exponents: index for index, exponents in enumerate(self.monomials)}
        images: list[dict[Exponents, Fraction]] = [
            {} for _ in range(self.widths[-1] * len(self.monomials))
        ]
        for output, value in enumerate(layer_values):
            for monomial, coefficient in value.terms():
                weight_part, input_part = monomial[:num_weights], monomial[num_weights:]
                index = output * len(self.monomials) + position[input_part]
                images[index][weight_part] = Fraction(
                    int(coefficient.numerator), int(coefficient.denominator)
                )

        return RingMap(
            source=PolynomialRing(self.coefficient_names, field),
            target=PolynomialRing(weights, field),
            images=tuple(images),
        )
