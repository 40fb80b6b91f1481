"""One-dimensional convolutional networks: linear, and with a monomial activation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from math import factorial, prod
from typing import Any, ClassVar

from sympy.polys.rings import ring as sparse_ring

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Exponents, Field, RingMap
from nagbridge.models._expansion import (
    MAX_AMBIENT_DIMENSION,
    Support,
    check_names,
    coefficient_ring_map,
    input_support,
    power_support,
    sum_support,
)
from nagbridge.models._registry import ModelOption, register_model

__all__ = ["LinearConvNetwork", "PolynomialConvNetwork"]


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(name, value, "must be an integer")
    if value < minimum:
        raise InvalidInputError(name, value, f"must be at least {minimum}")
    return value


def _check_filters(filters: object) -> tuple[int, ...]:
    if isinstance(filters, (str, bytes)) or not isinstance(filters, (list, tuple)):
        raise InvalidInputError("filters", filters, "must be a list of filter sizes")
    if not filters:
        raise InvalidInputError("filters", filters, "needs at least one layer")
    for size in filters:
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise InvalidInputError("filters", list(filters), "filter sizes must be integers >= 1")
    return tuple(filters)


def _check_strides(strides: object, num_layers: int) -> tuple[int, ...]:
    if strides is None:
        return (1,) * num_layers
    if isinstance(strides, (str, bytes)) or not isinstance(strides, (list, tuple)):
        raise InvalidInputError("strides", strides, "must be a list of strides")
    if len(strides) != num_layers:
        raise InvalidInputError(
            "strides",
            list(strides),
            f"needs one stride per layer: {num_layers} (as many as filters), not {len(strides)}",
        )
    for stride in strides:
        if isinstance(stride, bool) or not isinstance(stride, int) or stride < 1:
            raise InvalidInputError("strides", list(strides), "strides must be integers >= 1")
    return tuple(strides)


def _cumulative_strides(strides: tuple[int, ...]) -> tuple[int, ...]:
    """S_0 = 1, S_l = s_1 ... s_l, for l = 0 .. L-1."""
    result = [1]
    for stride in strides[:-1]:
        result.append(result[-1] * stride)
    return tuple(result)


def _multinomial_degree(filters: tuple[int, ...], multidegree: tuple[int, ...]) -> int:
    """Degree of the Segre-Veronese variety P^(k_1-1) x ... x P^(k_L-1), O(a_1, ..., a_L).

    (sum n_l)! / prod n_l! * prod a_l^(n_l) with n_l = k_l - 1: the top self-intersection
    of a_1 H_1 + ... + a_L H_L (Harris, *Algebraic Geometry*, Example 18.15 for Segre).
    """
    sizes = [k - 1 for k in filters]
    powers = prod(int(a**n) for a, n in zip(multidegree, sizes, strict=True))
    return factorial(sum(sizes)) // prod(factorial(n) for n in sizes) * powers


class _FilterLayers:
    """What both convolutional models derive from their filter sizes and strides."""

    filters: tuple[int, ...]
    strides: tuple[int, ...] | None

    @property
    def layer_strides(self) -> tuple[int, ...]:
        """The strides, one per layer (all 1 when none were given)."""
        assert self.strides is not None  # set in __post_init__
        return self.strides

    @property
    def num_layers(self) -> int:
        """Number L of convolutional layers: one per filter."""
        return len(self.filters)

    @property
    def num_parameters(self) -> int:
        """Number k_1 + ... + k_L of filter taps."""
        return sum(self.filters)

    @property
    def symmetry_dimension(self) -> int:
        """Dimension L - 1 of the torus rescaling the filters."""
        return self.num_layers - 1

    @property
    def expected_dimension_proved(self) -> bool:
        """Whether :attr:`expected_dimension` is a theorem (True) or an upper bound."""
        return True

    def weight_names(self, gauge_fixed: bool = False) -> tuple[str, ...]:
        """``w_l_j``: tap j of filter l; with ``gauge_fixed``, w_l_0 (l < L) is set to 1."""
        return tuple(
            f"w_{layer}_{tap}"
            for layer, size in enumerate(self.filters, start=1)
            for tap in range(size)
            if not (gauge_fixed and layer < self.num_layers and tap == 0)
        )


@register_model
@dataclass(frozen=True)
class LinearConvNetwork(_FilterLayers):
    """A linear network of one-dimensional convolutions (an LCN), no biases.

    Layer l (l = 1 .. L) convolves its input with a filter w_l of size k_l and stride
    s_l, in the convention of deep learning (cross-correlation):
    (w * y)_i = sum_j w_l[j] y_(i s_l + j).  The composition is again a convolution,
    with stride s_1 ... s_L and the *end-to-end filter* v whose generating polynomial is

        v(t) = w_1(t) w_2(t^(S_1)) w_3(t^(S_2)) ... w_L(t^(S_(L-1))),

    w_l(t) = sum_j w_l[j] t^j, S_l = s_1 ... s_l (Kohn, Merkh, Montúfar, Trager,
    *Geometry of linear convolutional networks*, SIAM J. Appl. Algebra Geom. 2022,
    Sect. 2; Kohn, Montúfar, Shahverdi, Trager, *Function space and critical points of
    linear convolutional networks*, SIAM J. Appl. Algebra Geom. 2024, Sect. 2).  The
    last stride does not change v.  The end-to-end filter has size
    k = k_1 + sum_(l>=2) (k_l - 1) S_(l-1).

    Coordinates: the k coefficients of v, named ``c_0_n`` (the coefficient of t^n in
    the single "output" v(t), as in :mod:`nagbridge.models._naming`).  The variety is
    the Zariski closure of the set of end-to-end filters in the affine space C^k, an
    affine cone (the image is homogeneous of degree L).  Over the reals the function
    space is only semi-algebraic; this is its Zariski closure.

    Symmetry: rescaling the filters, w_l -> lambda_l w_l with prod lambda_l = 1, a
    torus of dimension L - 1.  Expected dimension sum_l k_l - (L - 1): the
    filter-count dimension, a theorem for every filter size and stride (Kohn,
    Montúfar, Shahverdi, Trager 2024, the dimension of M_(k,s); directly: v has
    finitely many factorizations into a factor of degree k_1 - 1 and factors in
    t^(S_(l-1)), up to scalars, since v has finitely many roots).  With all strides 1
    (more precisely S_(l-1) = 1 for every layer with k_l >= 2) the expected dimension is
    k: the network fills C^k, since every complex polynomial factors into linear
    factors (Kohn, Merkh, Montúfar, Trager 2022).  With strides large enough that the
    layers do not overlap (S_l >= the end-to-end size of layers 1 .. l, for each l),
    v is the Kronecker product of the filters padded by zeros, so the variety is the
    cone over the Segre variety P^(k_1-1) x ... x P^(k_L-1): degree
    (sum (k_l - 1))! / prod (k_l - 1)! (Harris, *Algebraic Geometry*, Example 18.15).

    >>> lcn = LinearConvNetwork((2, 2), (2, 1))
    >>> lcn.num_parameters, lcn.symmetry_dimension, lcn.ambient_dimension
    (4, 1, 4)
    >>> lcn.expected_dimension, lcn.expected_degree
    (3, 2)
    """

    MODEL_NAME: ClassVar[str] = "conv"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("filters", "ints", "filter sizes k1,...,kL, e.g. 2,2", required=True),
        ModelOption("strides", "ints", "strides s1,...,sL (default all 1)"),
    )

    filters: tuple[int, ...]
    strides: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        filters = _check_filters(self.filters)
        object.__setattr__(self, "filters", filters)
        object.__setattr__(self, "strides", _check_strides(self.strides, len(filters)))
        if self.ambient_dimension > MAX_AMBIENT_DIMENSION:
            raise InvalidInputError(
                "strides",
                list(self.layer_strides),
                f"the end-to-end filter has {self.ambient_dimension} entries, more than "
                f"{MAX_AMBIENT_DIMENSION}",
            )

    # -- combinatorics, no CAS needed -------------------------------------------------

    @property
    def ambient_dimension(self) -> int:
        """Size k_1 + sum_(l>=2) (k_l - 1) S_(l-1) of the end-to-end filter."""
        offsets = _cumulative_strides(self.layer_strides)
        return 1 + sum((k - 1) * offset for k, offset in zip(self.filters, offsets, strict=True))

    @property
    def expected_dimension(self) -> int:
        """sum k_l - (L - 1): a theorem for every architecture (see the class docstring)."""
        return self.num_parameters - self.symmetry_dimension

    @property
    def is_non_overlapping(self) -> bool:
        """Whether S_l >= k_1 + sum_(m=2..l) (k_m - 1) S_(m-1) for every l < L."""
        offsets = _cumulative_strides(self.layer_strides)
        size = self.filters[0]
        for k, offset in zip(self.filters[1:], offsets[1:], strict=True):
            if offset < size:
                return False
            size += (k - 1) * offset
        return True

    @property
    def expected_degree(self) -> int | None:
        """Degree of the variety where a closed form is known, else None.

        1 when the network fills C^k (stride one); the Segre degree
        (sum (k_l - 1))! / prod (k_l - 1)! when the layers do not overlap.
        """
        if self.expected_dimension == self.ambient_dimension:
            return 1
        if self.is_non_overlapping:
            return _multinomial_degree(self.filters, (1,) * self.num_layers)
        return None

    def describe(self) -> dict[str, Any]:
        """The model as plain data, echoed in every result."""
        return {
            "model": self.MODEL_NAME,
            "filters": list(self.filters),
            "strides": list(self.layer_strides),
        }

    # -- the parametrization ------------------------------------------------------------

    #: What ``gauge_fixed=True`` does, for provenance records.
    GAUGE: ClassVar[str] = "the first tap of every filter but the last fixed to 1"

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map c_0_n -> (coefficient of t^n in v(t)), a polynomial in the taps.

        With ``gauge_fixed``, the first tap of w_1, ..., w_(L-1) is set to 1: on the dense
        open set where it is non-zero, rescaling w_l and w_L moves it to 1 without
        changing v, so the closure of the image is unchanged.
        """
        field = Field.parse(field)
        weights = self.weight_names(gauge_fixed)
        expansion_ring, *generators = sparse_ring(",".join([*weights, "t"]), "QQ")
        by_name = dict(zip([*weights, "t"], generators, strict=True))
        variable = by_name["t"]
        filter_polynomial = expansion_ring.one
        offsets = _cumulative_strides(self.layer_strides)
        for layer, (size, offset) in enumerate(zip(self.filters, offsets, strict=True), start=1):
            filter_polynomial *= sum(
                (
                    by_name.get(f"w_{layer}_{tap}", expansion_ring.one)
                    * variable ** (tap * offset)
                    for tap in range(size)
                ),
                expansion_ring.zero,
            )
        monomials = [(n,) for n in range(self.ambient_dimension)]
        return coefficient_ring_map([filter_polynomial], [monomials], weights, field)


@register_model
@dataclass(frozen=True)
class PolynomialConvNetwork(_FilterLayers):
    """A one-dimensional convolutional network with monomial activation t -> t^r.

    Inputs x_0 .. x_(d_0 - 1).  Layer l convolves with filter w_l of size k_l and
    stride s_l (cross-correlation, no padding, no bias):
    y^l_i = sum_j w_l[j] y^(l-1)_(i s_l + j), so d_l = floor((d_(l-1) - k_l) / s_l) + 1;
    then every layer but the last applies t -> t^r entrywise.  Each of the d_L outputs
    is a form of degree r^(L-1) in x.  ``input_dim`` defaults to the smallest input with
    one output, d_0 = k_1 + sum_(l>=2) (k_l - 1) S_(l-1) (S_l = s_1 ... s_l), the
    setting of Shahverdi, Marchetti, Kohn, *On the geometry and optimization of
    polynomial convolutional networks* (AISTATS 2025).  A longer input adds outputs
    that are the first output with its variables shifted, so it changes neither the
    dimension nor the degree.

    Coordinates: the coefficients ``c_i_e`` (output i, exponent vector e of x; see
    :mod:`nagbridge.models._naming`) of the monomials that occur in output i for
    generic filters; the other coefficients vanish identically, so the ambient space
    is the coordinate subspace spanned by these, of dimension :attr:`ambient_dimension`
    (computed without expanding, from the supports).  The variety is the Zariski
    closure of the image there, an affine cone (scaling w_L scales every output).

    Symmetry: w_l -> lambda w_l, w_(l+1) -> lambda^(-r) w_(l+1) for l < L, a torus of
    dimension L - 1.  For r >= 2 Shahverdi, Marchetti and Kohn prove that the
    parametrization is regular and, up to these rescalings, an isomorphism almost
    everywhere; hence

        dim = k_1 + ... + k_L - L + 1,
        deg = (sum (k_l - 1))! prod_l r^((L-l)(k_l-1)) / (k_l - 1)!   (r >= 2),

    the dimension and degree of a Segre-Veronese variety of P^(k_1-1) x ... x
    P^(k_L-1) embedded by O(r^(L-1), ..., r, 1) (SMK 2025, dimension and degree of the
    neuromanifold).  The degree is that of the affine cone, equal to the projective one.
    We could read SMK's statements but not every hypothesis of their setting; the
    tests confirm both formulas on both CAS, and the dimension by exact Jacobian ranks,
    for overlapping and non-overlapping strides and for filters of size 1.  r = 1 is
    the linear model ``conv``.

    >>> pcn = PolynomialConvNetwork((2, 2), 2, (2, 1))
    >>> pcn.input_width, pcn.output_width, pcn.ambient_dimension
    (4, 1, 6)
    >>> pcn.expected_dimension, pcn.expected_degree
    (3, 4)
    """

    MODEL_NAME: ClassVar[str] = "polyconv"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("filters", "ints", "filter sizes k1,...,kL, e.g. 2,2", required=True),
        ModelOption("activation_degree", "int", "the exponent r >= 2 of t -> t^r", required=True),
        ModelOption("strides", "ints", "strides s1,...,sL (default all 1)"),
        ModelOption("input_dim", "int", "input length d0 (default: the one with one output)"),
    )

    filters: tuple[int, ...]
    activation_degree: int
    strides: tuple[int, ...] | None = None
    input_dim: int | None = None

    def __post_init__(self) -> None:
        filters = _check_filters(self.filters)
        object.__setattr__(self, "filters", filters)
        object.__setattr__(self, "strides", _check_strides(self.strides, len(filters)))
        _check_int("activation_degree", self.activation_degree, 1)
        if self.activation_degree == 1:
            raise InvalidInputError(
                "activation_degree", 1, "must be at least 2; the linear case is model conv"
            )
        minimum = self._minimal_input()
        if self.input_dim is None:
            object.__setattr__(self, "input_dim", minimum)
        elif _check_int("input_dim", self.input_dim, 1) < minimum:
            raise InvalidInputError(
                "input_dim",
                self.input_dim,
                f"must be at least {minimum} for filters {list(filters)} and strides "
                f"{list(self.layer_strides)}, to leave at least one output",
            )
        check_names("polyconv", "input_dim", self.input_dim, self.input_width, self.output_width)

    def _minimal_input(self) -> int:
        width = 1
        for size, stride in zip(reversed(self.filters), reversed(self.layer_strides), strict=True):
            width = stride * (width - 1) + size
        return width

    # -- combinatorics, no CAS needed -------------------------------------------------

    @property
    def widths(self) -> tuple[int, ...]:
        """Layer lengths d_0, ..., d_L."""
        assert self.input_dim is not None  # set in __post_init__
        widths = [self.input_dim]
        for size, stride in zip(self.filters, self.layer_strides, strict=True):
            widths.append((widths[-1] - size) // stride + 1)
        return tuple(widths)

    @property
    def input_width(self) -> int:
        """Input length d_0 (the number of variables x_i)."""
        return self.widths[0]

    @property
    def output_width(self) -> int:
        """Number d_L of outputs."""
        return self.widths[-1]

    @property
    def output_degree(self) -> int:
        """Degree r^(L-1) of every output, a form in x."""
        return int(self.activation_degree ** (self.num_layers - 1))

    @cached_property
    def output_monomials(self) -> tuple[tuple[Exponents, ...], ...]:
        """For each output, the exponent vectors occurring in it, lex-descending."""
        values: list[Support] = input_support(self.input_width)
        for layer, (size, stride) in enumerate(
            zip(self.filters, self.layer_strides, strict=True), start=1
        ):
            width = self.widths[layer]
            values = [
                sum_support(values[i * stride + j] for j in range(size)) for i in range(width)
            ]
            if layer < self.num_layers:
                values = [
                    power_support(value, self.activation_degree, "filters") for value in values
                ]
            if sum(len(value) for value in values) > MAX_AMBIENT_DIMENSION:
                raise InvalidInputError(
                    "filters",
                    list(self.filters),
                    f"the outputs have more than {MAX_AMBIENT_DIMENSION} coefficients",
                )
        return tuple(tuple(sorted(value, reverse=True)) for value in values)

    @property
    def ambient_dimension(self) -> int:
        """Number of monomials occurring in the outputs for generic filters."""
        return sum(len(monomials) for monomials in self.output_monomials)

    @property
    def expected_dimension(self) -> int:
        """sum k_l - L + 1 (Shahverdi, Marchetti, Kohn 2025).

        A theorem, so it never exceeds the ambient dimension, which need not be listed.
        """
        return self.num_parameters - self.symmetry_dimension

    @property
    def expected_degree(self) -> int:
        """(sum (k_l - 1))! prod_l r^((L-l)(k_l-1)) / (k_l - 1)! (SMK 2025, r >= 2)."""
        multidegree = tuple(
            int(self.activation_degree ** (self.num_layers - layer))
            for layer in range(1, self.num_layers + 1)
        )
        return _multinomial_degree(self.filters, multidegree)

    def describe(self) -> dict[str, Any]:
        """The model as plain data, echoed in every result."""
        return {
            "model": self.MODEL_NAME,
            "filters": list(self.filters),
            "activation_degree": self.activation_degree,
            "strides": list(self.layer_strides),
            "input_dim": self.input_dim,
        }

    # -- the parametrization ------------------------------------------------------------

    #: What ``gauge_fixed=True`` does, for provenance records.
    GAUGE: ClassVar[str] = "the first tap of every filter but the last fixed to 1"

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map c_i_e -> (coefficient of x^e in output i), polynomials in the taps.

        With ``gauge_fixed``, the first tap of w_1, ..., w_(L-1) is set to 1: on the
        dense open set where it is non-zero, w_l -> w_l / w_l[0] and
        w_(l+1) -> w_l[0]^r w_(l+1) move it to 1 without changing the outputs.
        """
        field = Field.parse(field)
        monomials = self.output_monomials
        weights = self.weight_names(gauge_fixed)
        inputs = [f"x_{i}" for i in range(self.input_width)]
        expansion_ring, *generators = sparse_ring(",".join([*weights, *inputs]), "QQ")
        by_name = dict(zip([*weights, *inputs], generators, strict=True))
        values = [by_name[name] for name in inputs]
        for layer, (size, stride) in enumerate(
            zip(self.filters, self.layer_strides, strict=True), start=1
        ):
            taps = [by_name.get(f"w_{layer}_{tap}", expansion_ring.one) for tap in range(size)]
            values = [
                sum(
                    (taps[j] * values[i * stride + j] for j in range(size)),
                    expansion_ring.zero,
                )
                for i in range(self.widths[layer])
            ]
            if layer < self.num_layers:
                values = [value**self.activation_degree for value in values]
        return coefficient_ring_map(values, monomials, weights, field)
