"""Polynomial networks f(x) = W_L s(W_(L-1) ... s(W_1 x + b_1) ...) + b_L, s polynomial."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from math import comb, prod
from typing import Any, ClassVar

from sympy.polys.rings import ring as sparse_ring

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Exponents, Field, PolynomialRing, RingMap
from nagbridge.models._naming import (
    bias_name,
    coefficient_name,
    monomial_exponents,
    monomials_up_to,
    weight_name,
)
from nagbridge.models._registry import ModelOption, register_model

__all__ = ["PolynomialNetwork"]

#: Keep generated problems within what a CAS can hold: listing the output coefficients
#: and building the parametrization refuse output spaces with more coordinates than this.
#: Constructing a model and its combinatorics (and the fast routes) have no such limit.
MAX_AMBIENT_DIMENSION = 100_000


def check_integer(name: str, value: object, minimum: int) -> int:
    """``value`` as an int of at least ``minimum``, else an error naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(name, value, "must be an integer")
    if value < minimum:
        raise InvalidInputError(name, value, f"must be at least {minimum}")
    return value


def check_widths(widths: object, minimum_count: int, too_few: str) -> tuple[int, ...]:
    """``widths`` as a tuple of at least ``minimum_count`` positive ints; ``too_few`` says
    why fewer do not make the model."""
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__iter__"):
        raise InvalidInputError("widths", widths, "must be a sequence of integers")
    checked = tuple(widths)
    for width in checked:
        check_integer("width", width, 1)
    if len(checked) < minimum_count:
        raise InvalidInputError("widths", checked, too_few)
    return checked


def _check_activation(value: object) -> tuple[Fraction, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidInputError("activation", value, "must be a list of rational coefficients")
    coefficients = []
    for entry in value:
        if isinstance(entry, bool) or not isinstance(entry, (int, Fraction)):
            raise InvalidInputError(
                "activation", value, "coefficients must be integers or Fractions"
            )
        coefficients.append(Fraction(entry))
    if not coefficients:
        raise InvalidInputError("activation", value, "must not be empty")
    if coefficients[-1] == 0:
        raise InvalidInputError(
            "activation", value, "its last coefficient a_k (of t^k) must be non-zero"
        )
    if len(coefficients) < 2:
        raise InvalidInputError(
            "activation", value, "must have degree at least 1 (a constant is not an activation)"
        )
    return tuple(coefficients)


@register_model
@dataclass(frozen=True)
class PolynomialNetwork:
    """A fully connected network with polynomial activation, optionally with biases.

    With widths (d_0, ..., d_L), the weights are matrices W_l of size d_l x d_(l-1),
    with ``biases`` also vectors b_l of size d_l (every layer, the output layer too),
    and the network computes

        z_1 = W_1 x + b_1,  z_l = W_l s_(l-1)(z_(l-1)) + b_l,  f(x) = z_L,

    s_l applied entrywise.  The activation of hidden layer l is either the monomial
    s_l(t) = t^(r_l) (``activation_degree``: one degree r for all hidden layers, or a
    list of L - 1 degrees), or the polynomial s(t) = a_0 + a_1 t + ... + a_k t^k in
    every hidden layer (``activation``: the coefficients a_0, ..., a_k, a_k != 0).
    The two options are mutually exclusive; exactly one is required.

    *Coordinates.*  Each output is a polynomial of degree at most
    D = r_1 ... r_(L-1) (= k^(L-1) for a polynomial activation) in x_0, ..., x_(d0-1).
    Without biases and with a monomial activation the outputs are forms of degree
    exactly D and the coordinates are the coefficients of the degree-D monomials;
    otherwise (biases, or a polynomial activation) they are the coefficients of all
    monomials of degree <= D, named alike (:mod:`nagbridge.models._naming`).
    Coefficients that vanish on every network (e.g. the even ones of an odd
    activation without biases) are coordinates too: the ideal contains them.  The
    *neurovariety* is the Zariski closure of the image, an affine cone in every case
    (scaling W_L, and b_L, scales f), so its ideal is homogeneous.

    *Symmetries and expected dimension.*  With a monomial activation (with or
    without biases) each hidden neuron carries a rescaling symmetry: row k of W_l
    and entry k of b_l times t, column k of W_(l+1) times t^(-r_l), which acts freely
    on a dense set; the symmetry dimension is d_1 + ... + d_(L-1) and

        expected dimension = min(#parameters - (d_1 + ... + d_(L-1)), ambient dimension),

    the count of Kileel, Trager and Bruna, *On the expressive power of deep polynomial
    neural networks* (NeurIPS 2019), an upper bound on the dimension; a single-term
    activation a t^r counts as monomial.  A polynomial activation with two or more
    terms has no continuous rescaling symmetry in general, and nagbridge claims none:
    the symmetry dimension is 0 and the expected dimension min(#parameters, ambient)
    is only the trivial upper bound (Finkel, Rodriguez, Wu and Yahl, *Activation
    thresholds and expressiveness of polynomial neural networks*, 2024, study when
    such networks fill).  Some have hidden symmetries all the same: with biases a
    quadratic activation is a shifted t^2, so the true dimension is lower.

    For r = 1 in every layer (a linear network, see also :class:`LinearNetwork`) the
    symmetry group is the product of the general linear groups GL(d_l) of the hidden
    layers, and the function space is the determinantal variety of d_L x d_0
    matrices of rank at most rho = min(widths), of dimension rho (d_0 + d_L - rho)
    (Bruns and Vetter, *Determinantal Rings*, 1988); with biases the outputs are
    affine maps x -> M x + b with b arbitrary, d_L more.

    >>> net = PolynomialNetwork((2, 2, 3), 2)
    >>> net.num_parameters, net.symmetry_dimension, net.ambient_dimension
    (10, 2, 9)
    >>> net.expected_dimension
    8
    >>> biased = PolynomialNetwork((2, 2, 3), 2, biases=True)
    >>> biased.num_parameters, biased.ambient_dimension, biased.expected_dimension
    (15, 18, 13)
    >>> PolynomialNetwork((2, 2, 1), activation=(0, 1, 1)).describe()
    {'model': 'polynomial', 'widths': [2, 2, 1], 'activation': ['0', '1', '1']}
    """

    MODEL_NAME: ClassVar[str] = "polynomial"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("widths", "ints", "layer widths d0,d1,...,dL, e.g. 2,2,3", required=True),
        ModelOption(
            "activation_degree",
            "int_or_ints",
            "the exponent r of t -> t^r, or one exponent per hidden layer (r1,...,r(L-1))",
        ),
        ModelOption("biases", "bool", "add a bias vector to every layer (default false)"),
        ModelOption(
            "activation",
            "rationals",
            "coefficients a0,a1,...,ak of the activation a0 + a1 t + ... + ak t^k "
            "(instead of activation_degree)",
        ),
    )

    widths: tuple[int, ...]
    activation_degree: int | tuple[int, ...] | None = None
    biases: bool = False
    activation: tuple[Fraction, ...] | None = None

    def __post_init__(self) -> None:
        widths = check_widths(
            self.widths,
            3,
            "a polynomial network needs at least two layers (three widths d0, d1, d2), "
            "so that an activation sits between them",
        )
        object.__setattr__(self, "widths", widths)
        if not isinstance(self.biases, bool):
            raise InvalidInputError("biases", self.biases, "must be true or false")

        if self.activation is not None:
            if self.activation_degree is not None:
                raise InvalidInputError(
                    "activation",
                    self.activation,
                    "conflicts with activation_degree (give one of the two)",
                )
            object.__setattr__(self, "activation", _check_activation(self.activation))
            return
        degree = self.activation_degree
        if degree is None:
            raise InvalidInputError(
                "activation_degree", None, "is required (or give the activation's coefficients)"
            )
        if isinstance(degree, (list, tuple)):
            degrees = tuple(check_integer("activation degree", r, 1) for r in degree)
            if len(degrees) != len(widths) - 2:
                raise InvalidInputError(
                    "activation_degree",
                    list(degrees),
                    f"needs one degree per hidden layer: {len(widths) - 2} for widths "
                    f"{','.join(map(str, widths))}",
                )
            object.__setattr__(self, "activation_degree", degrees)
        else:
            check_integer("activation degree", degree, 1)

    # -- combinatorics, no CAS needed -------------------------------------------------

    @property
    def num_layers(self) -> int:
        """Number L of layers (weight matrices W_1, ..., W_L)."""
        return len(self.widths) - 1

    @property
    def degrees(self) -> tuple[int, ...]:
        """The degree of the activation of each hidden layer, (r_1, ..., r_(L-1))."""
        if self.activation is not None:
            return (len(self.activation) - 1,) * (self.num_layers - 1)
        if isinstance(self.activation_degree, tuple):
            return self.activation_degree
        assert isinstance(self.activation_degree, int)
        return (self.activation_degree,) * (self.num_layers - 1)

    def activation_coefficients(self, layer: int) -> tuple[Fraction, ...]:
        """Coefficients a_0, ..., a_k of the activation of hidden layer ``layer`` (1-based)."""
        if self.activation is not None:
            return self.activation
        degree = self.degrees[layer - 1]
        return (Fraction(0),) * degree + (Fraction(1),)

    @property
    def is_monomial(self) -> bool:
        """Whether every activation is a single term a t^r (so neurons can be rescaled)."""
        if self.activation is None:
            return True
        return sum(1 for a in self.activation if a != 0) == 1

    @property
    def is_homogeneous(self) -> bool:
        """Whether the outputs are forms of degree exactly D: no biases, monomial activation."""
        return not self.biases and self.is_monomial

    @property
    def output_degree(self) -> int:
        """The degree D = r_1 ... r_(L-1) of the outputs (a bound with biases)."""
        return prod(self.degrees)

    @property
    def num_parameters(self) -> int:
        """Number sum_l d_l d_(l-1) of weights, plus d_1 + ... + d_L with biases."""
        weights = sum(a * b for a, b in zip(self.widths, self.widths[1:], strict=False))
        return weights + (sum(self.widths[1:]) if self.biases else 0)

    @property
    def hidden_widths(self) -> tuple[int, ...]:
        """The hidden widths (d_1, ..., d_(L-1))."""
        return self.widths[1:-1]

    @property
    def is_linear(self) -> bool:
        """Whether every activation is the identity up to scale (all degrees 1)."""
        return self.is_monomial and all(r == 1 for r in self.degrees)

    @property
    def symmetry_dimension(self) -> int:
        """Dimension of the group acting on the parameters with the same function.

        sum d_l^2 for a linear network (GL(d_l) per hidden layer), d_1 + ... + d_(L-1)
        for a monomial activation (one rescaling per hidden neuron), 0 (none claimed)
        for a polynomial activation with several terms.
        """
        if not self.is_monomial:
            return 0
        if self.is_linear:
            return sum(width**2 for width in self.hidden_widths)
        return sum(self.hidden_widths)

    @property
    def ambient_dimension(self) -> int:
        """Number of coordinates: d_L times the number of monomials of degree D (<= D)."""
        d0, degree = self.widths[0], self.output_degree
        if self.is_homogeneous:
            return self.widths[-1] * comb(d0 + degree - 1, degree)
        return self.widths[-1] * comb(d0 + degree, degree)

    @property
    def expected_dimension(self) -> int:
        """An upper bound on the dimension; see the class docstring for its source."""
        if self.is_linear:
            rank = min(self.widths)
            shift = self.widths[-1] if self.biases else 0
            return rank * (self.widths[0] + self.widths[-1] - rank) + shift
        return min(self.num_parameters - self.symmetry_dimension, self.ambient_dimension)

    def describe(self) -> dict[str, Any]:
        """The model as plain data, echoed in every result (only non-default options)."""
        description: dict[str, Any] = {"model": self.MODEL_NAME, "widths": list(self.widths)}
        if self.activation is not None:
            description["activation"] = [str(a) for a in self.activation]
        elif isinstance(self.activation_degree, tuple):
            description["activation_degree"] = list(self.activation_degree)
        else:
            description["activation_degree"] = self.activation_degree
        if self.biases:
            description["biases"] = True
        return description

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
        """Exponent vectors of the output monomials (see :mod:`nagbridge.models._naming`)."""
        self.check_expandable()
        if self.is_homogeneous:
            return tuple(monomial_exponents(self.widths[0], self.output_degree))
        return tuple(monomials_up_to(self.widths[0], self.output_degree))

    @cached_property
    def coefficient_names(self) -> tuple[str, ...]:
        """Names ``c_i_e`` of the coordinates, output by output, in :attr:`monomials` order."""
        return tuple(
            coefficient_name(output, exponents)
            for output in range(self.widths[-1])
            for exponents in self.monomials
        )

    def weight_names(self, gauge_fixed: bool = False) -> tuple[str, ...]:
        """Names of the parameters, layer by layer: W_l row by row, then b_l (with biases).

        With ``gauge_fixed`` and a monomial activation, the first entry of each row of
        W_1, ..., W_(L-1) (one weight per hidden neuron) is left out: it is set to 1.
        With a polynomial activation of several terms nothing is fixed (no rescaling
        symmetry is claimed).
        """
        fix = gauge_fixed and self.is_monomial
        names = []
        for layer in range(1, self.num_layers + 1):
            rows, columns = self.widths[layer], self.widths[layer - 1]
            for row in range(rows):
                for column in range(columns):
                    if fix and layer < self.num_layers and column == 0:
                        continue
                    names.append(weight_name(layer, row, column))
            if self.biases:
                names.extend(bias_name(layer, row) for row in range(rows))
        return tuple(names)

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map from output coefficients to parameters whose kernel is the ideal.

        With ``gauge_fixed`` and a monomial activation, one weight per hidden neuron is
        set to 1.  This does not change the closure of the image: on the dense open
        set where that weight is non-zero, the neuron's rescaling symmetry (which also
        rescales its bias) moves it to 1 without changing f.  With a polynomial
        activation of several terms ``gauge_fixed`` fixes nothing.  Raises
        :class:`~nagbridge.InvalidInputError` when the output space has more than
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

        def bias(layer: int, row: int) -> Any:
            return by_name.get(bias_name(layer, row), expansion_ring.zero)

        def activate(layer: int, value: Any) -> Any:
            total, power = expansion_ring.zero, expansion_ring.one
            for degree, coefficient in enumerate(self.activation_coefficients(layer)):
                if degree:
                    power = power * value
                if coefficient:
                    total += expansion_ring.domain.convert(coefficient) * power
            return total

        layer_values = [by_name[name] for name in inputs]
        for layer in range(1, self.num_layers + 1):
            rows, columns = self.widths[layer], self.widths[layer - 1]
            layer_values = [
                sum(
                    (
                        weight(layer, row, column) * layer_values[column]
                        for column in range(columns)
                    ),
                    bias(layer, row),
                )
                for row in range(rows)
            ]
            if layer < self.num_layers:
                layer_values = [activate(layer, value) for value in layer_values]

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
