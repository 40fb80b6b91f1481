"""Lightning self-attention: attention without softmax, one or more layers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from math import comb, prod
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from sympy.polys.rings import ring as sparse_ring

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Exponents, Field, RingMap
from nagbridge.models._expansion import (
    MAX_AMBIENT_DIMENSION,
    Support,
    cap_by_ambient,
    check_names,
    coefficient_ring_map,
    input_support,
    product_support,
    sum_support,
)
from nagbridge.models._registry import ModelOption, register_model

__all__ = ["LightningAttention"]


def _positive(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(name, value, "must be an integer")
    if value < 1:
        raise InvalidInputError(name, value, "must be at least 1")
    return value


def _per_layer(name: str, value: object, length: int, what: str) -> tuple[int, ...]:
    """An integer (the same for all) or a list of ``length`` integers, each >= 1."""
    if isinstance(value, (list, tuple)):
        if len(value) != length:
            raise InvalidInputError(
                name, list(value), f"needs {length} entries ({what}), not {len(value)}"
            )
        return tuple(_positive(name, entry) for entry in value)
    return (_positive(name, value),) * length


def _determinantal_degree(size: int, rank: int) -> int:
    """Degree of the variety of size x size matrices of rank <= ``rank``.

    prod_(i=0)^(size-rank-1) C(size+i, rank) / C(rank+i, rank) (Harris, *Algebraic
    Geometry*, Example 19.10).
    """
    numerator = prod(comb(size + i, rank) for i in range(size - rank))
    denominator = prod(comb(rank + i, rank) for i in range(size - rank))
    return numerator // denominator


@register_model
@dataclass(frozen=True)
class LightningAttention:
    """A network of lightning self-attention layers: attention without normalization.

    Tokens x_1, ..., x_t in C^(d_0) are the columns of X (d_0 x t).  Layer i has a value
    matrix V_i (d_i x d_(i-1)) and query and key matrices Q_i, K_i (a_i x d_(i-1), a_i
    the attention rank), and maps Y (d_(i-1) x t) to

        V_i Y (Y^T K_i^T Q_i Y),   that is, token j -> sum_k <K_i y_k, Q_i y_j> V_i y_k,

    the convention of Henry, Marchetti, Kohn, *Geometry of lightning self-attention:
    identifiability and dimension* (ICLR 2025), and of the authors' code (NeuroDim,
    ``attn.py``).  The l layers are composed; each output entry is a form of degree
    3^l in the d_0 t entries of X.  ``dim`` is d (all d_i equal) or the list
    d_0, ..., d_l; ``attention_rank`` is a (all layers) or a_1, ..., a_l, with
    a_i <= d_(i-1).

    Coordinates: variables ``x_i_p`` (token i, entry p, 0-based; input index
    i d_0 + p); output index j d_l + k is entry k of token j; the coordinates are the
    coefficients ``c_o_e`` of the monomials occurring in output o for generic weights
    (the others vanish identically; see :mod:`nagbridge.models._naming`).  The variety
    is the Zariski closure of the image there, an affine cone (scaling V_l scales
    every output).

    Symmetry quotiented, per HMK 2025: in each layer GL(a_i) acting by
    (Q_i, K_i) -> (G Q_i, G^(-T) K_i) and the rescaling (V_i, K_i) -> (c V_i, K_i / c);
    between layers i and i + 1, GL(d_i) acting by V_i -> C V_i,
    (V_(i+1), Q_(i+1), K_(i+1)) -> (V_(i+1) C^(-1), Q_(i+1) C^(-1), K_(i+1) C^(-1)).
    Dimension sum_i (a_i^2 + 1) + sum_(i<l) d_i^2; the expected dimension is

        sum_i (d_i d_(i-1) + a_i (2 d_(i-1) - a_i)) - sum_(i<l) d_i^2 - l,

    capped by the ambient dimension.  For d_i = d, a_i = a this is the formula
    l (a (2d - a) + d^2) - (l - 1) d^2 - l of HMK 2025 (the value the authors' code
    plots as "Expected"), who describe the generic fibres of deep networks under
    hypotheses on the dimensions.  :attr:`expected_dimension_proved` is True for one
    layer with t >= 2 tokens (proof below) and for d_i = d, a_i = a with t >= 2
    (HMK 2025; their experiments use t = 3, our tests check t = 2 and 3 by exact
    Jacobian ranks).  Otherwise the value is only the count "parameters minus the
    group", not proved, and it can exceed the dimension:

    - t = 1: the attention sees only the symmetric part of K^T Q (d = 2, a = 2, one
      layer: 6, not 7);
    - a_1 < a_2: with a_1 = 1 the first layer's output z r^T has rank one, so layer 2
      sees only z^T M_2 z, the symmetric part of M_2 (d = 3, a = (1, 2): 18, not 20);
    - d_1 > d_0: the tokens of layer 1 span only the image of V_1 (d = (2, 3, 2),
      a = 1: 8, not 9).

    One layer, t >= 2, M = K^T Q: the coefficients of token j's entry k on the
    monomials x_(p,i) x_(q,i) x_(r,j), i != j, are the entries of T = V (x) M
    symmetrised in (p, q).  So the function is a linear image of the cone over the
    Segre product of P(C^(d_1 x d_0)) with the variety of d_0 x d_0 matrices of rank
    <= a; no non-zero V (x) M is antisymmetric in (p, q), so the projection is finite
    and keeps the dimension d_1 d_0 + a (2 d_0 - a) - 1.  Its degree is
    C(n + m, n) deg(rank <= a), n = d_1 d_0 - 1, m = a (2 d_0 - a) - 1 (Segre
    product; Harris, *Algebraic Geometry*, Examples 18.15 and 19.10), divided by the
    degree of the projection: 1 when d_1 >= 2 (the generic fibre is one orbit, HMK
    2025); 2 when d_1 = 1, a = 1 and d_0 >= 2, where T = v (x) u (x) w is seen only
    through its symmetrisation in (v, u), so swapping v and u gives a second point
    outside the orbit (for d_0 = 1 the swap is a rescaling).
    :attr:`expected_degree` reports these values, and None for d_1 = 1 < a.

    >>> attention = LightningAttention(dim=2, attention_rank=1, tokens=2)
    >>> attention.num_parameters, attention.symmetry_dimension, attention.ambient_dimension
    (8, 2, 40)
    >>> attention.expected_dimension, attention.expected_degree
    (6, 20)
    """

    MODEL_NAME: ClassVar[str] = "attention"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("dim", "int_or_ints", "token dimension d, or d0,...,dl", required=True),
        ModelOption(
            "attention_rank", "int_or_ints", "rank a of Q and K, or a1,...,al", required=True
        ),
        ModelOption("layers", "int", "number l of attention layers (default 1)"),
        ModelOption("tokens", "int", "number t of tokens (default 2)"),
    )

    dim: int | tuple[int, ...]
    attention_rank: int | tuple[int, ...]
    layers: int = 1
    tokens: int = 2

    def __post_init__(self) -> None:
        _positive("layers", self.layers)
        _positive("tokens", self.tokens)
        if isinstance(self.dim, list):
            object.__setattr__(self, "dim", tuple(self.dim))
        if isinstance(self.attention_rank, list):
            object.__setattr__(self, "attention_rank", tuple(self.attention_rank))
        dims = self.dims
        ranks = self.ranks
        for layer, (rank, width) in enumerate(zip(ranks, dims, strict=False), start=1):
            if rank > width:
                raise InvalidInputError(
                    "attention_rank",
                    self.attention_rank,
                    f"the rank {rank} of layer {layer} exceeds the dimension {width} of its "
                    "input tokens",
                )
        check_names("attention", "dim", self.dim, dims[0] * self.tokens, dims[-1] * self.tokens)

    # -- combinatorics, no CAS needed -------------------------------------------------

    @property
    def dims(self) -> tuple[int, ...]:
        """Token dimensions d_0, ..., d_l."""
        return _per_layer("dim", self.dim, self.layers + 1, "d0,...,dl: layers + 1")

    @property
    def ranks(self) -> tuple[int, ...]:
        """Attention ranks a_1, ..., a_l."""
        return _per_layer("attention_rank", self.attention_rank, self.layers, "one per layer")

    @property
    def num_parameters(self) -> int:
        """Number of weights: sum_i (d_i d_(i-1) + 2 a_i d_(i-1)).

        The entries of V_i (d_i x d_(i-1)) and of Q_i, K_i (a_i x d_(i-1)), i = 1 .. l.
        """
        dims = self.dims
        return sum(
            dims[i] * dims[i - 1] + 2 * self.ranks[i - 1] * dims[i - 1]
            for i in range(1, self.layers + 1)
        )

    @property
    def symmetry_dimension(self) -> int:
        """sum_i (a_i^2 + 1) + sum_(i<l) d_i^2 (see the class docstring)."""
        return sum(rank**2 + 1 for rank in self.ranks) + sum(width**2 for width in self.dims[1:-1])

    @property
    def output_degree(self) -> int:
        """Degree 3^l of each output entry, a form in the entries of X."""
        return int(3**self.layers)

    @cached_property
    def output_monomials(self) -> tuple[tuple[Exponents, ...], ...]:
        """For each output (token j, entry k at index j d_l + k), its monomials.

        All entries of a token share one support U_j: V_i, and K_i^T Q_i, have no
        identically zero entry, so the next layer's token j has support
        union_k (U_k + U_k + U_j) (sumsets).
        """
        variables = input_support(self.dims[0] * self.tokens)
        d0 = self.dims[0]
        supports: list[Support] = [
            sum_support(variables[j * d0 : (j + 1) * d0]) for j in range(self.tokens)
        ]
        for _ in range(self.layers):
            supports = [
                sum_support(
                    product_support(
                        product_support(supports[k], supports[k], "layers"), supports[j], "layers"
                    )
                    for k in range(self.tokens)
                )
                for j in range(self.tokens)
            ]
            if sum(map(len, supports)) * self.dims[-1] > MAX_AMBIENT_DIMENSION:
                raise InvalidInputError(
                    "layers",
                    self.layers,
                    f"the outputs have more than {MAX_AMBIENT_DIMENSION} coefficients",
                )
        return tuple(
            tuple(sorted(supports[j], reverse=True))
            for j in range(self.tokens)
            for _ in range(self.dims[-1])
        )

    @property
    def ambient_dimension(self) -> int:
        """Number of monomials occurring in the outputs for generic weights.

        For one layer: d_1 t ((t - 1) d_0 C(d_0 + 1, 2) + C(d_0 + 2, 3)) (token j's
        entries are cubic in x_j, or quadratic in one other token x_k and linear in x_j).
        """
        return sum(len(monomials) for monomials in self.output_monomials)

    @property
    def expected_dimension(self) -> int:
        """The formula of the class docstring (HMK 2025), capped by the ambient dimension.

        Where it is proved it needs no cap, and the ambient space is not listed.
        """
        dims = self.dims
        value = (
            sum(
                dims[i] * dims[i - 1] + self.ranks[i - 1] * (2 * dims[i - 1] - self.ranks[i - 1])
                for i in range(1, self.layers + 1)
            )
            - sum(width**2 for width in dims[1:-1])
            - self.layers
        )
        if self.expected_dimension_proved:  # a dimension never exceeds the ambient one
            return value
        return cap_by_ambient(value, lambda: self.ambient_dimension, "layers", self.layers)

    @property
    def expected_dimension_proved(self) -> bool:
        """Whether :attr:`expected_dimension` is a theorem (True) or an upper bound."""
        if self.tokens < 2:
            return False
        return self.layers == 1 or (len(set(self.dims)) == 1 and len(set(self.ranks)) == 1)

    @property
    def expected_degree(self) -> int | None:
        """The degree for one layer and t >= 2 (class docstring), else None (not known).

        The d_1 = 1 value halves the Segre degree, since the map is two-to-one there.
        """
        if self.layers != 1 or self.tokens < 2:
            return None
        d0, d1 = self.dims
        rank = self.ranks[0]
        if d1 == 1 and rank > 1:
            return None
        n, m = d1 * d0 - 1, rank * (2 * d0 - rank) - 1
        segre_product = comb(n + m, n) * _determinantal_degree(d0, rank)
        return segre_product // 2 if d1 == 1 and d0 >= 2 else segre_product

    def describe(self) -> dict[str, Any]:
        """The model as plain data, echoed in every result."""

        def plain(value: int | tuple[int, ...]) -> int | list[int]:
            return list(value) if isinstance(value, tuple) else value

        return {
            "model": self.MODEL_NAME,
            "dim": plain(self.dim),
            "attention_rank": plain(self.attention_rank),
            "layers": self.layers,
            "tokens": self.tokens,
        }

    # -- the parametrization ------------------------------------------------------------

    #: What ``gauge_fixed=True`` does, for provenance records.
    GAUGE: ClassVar[str] = (
        "in every layer the first a_i columns of Q_i fixed to the identity and V_i[0][0] to 1"
    )

    def _fixed(self, gauge_fixed: bool) -> dict[str, int]:
        """Weights set to constants by the gauge: Q_i's first a_i columns = I, V_i[0][0] = 1."""
        if not gauge_fixed:
            return {}
        fixed = {}
        for layer, rank in enumerate(self.ranks, start=1):
            fixed[f"v_{layer}_0_0"] = 1
            for row in range(rank):
                for column in range(rank):
                    fixed[f"q_{layer}_{row}_{column}"] = int(row == column)
        return fixed

    def weight_names(self, gauge_fixed: bool = False) -> tuple[str, ...]:
        """``v_i_r_c``, ``q_i_r_c``, ``k_i_r_c``: entry (r, c) of V_i, Q_i, K_i, layer by layer.

        With ``gauge_fixed``, the first a_i columns of Q_i are set to the identity and
        V_i[0][0] to 1, for every layer.
        """
        fixed = self._fixed(gauge_fixed)
        names = []
        for layer, rank in enumerate(self.ranks, start=1):
            rows_in, rows_out = self.dims[layer - 1], self.dims[layer]
            for letter, rows in (("v", rows_out), ("q", rank), ("k", rank)):
                for row in range(rows):
                    for column in range(rows_in):
                        name = f"{letter}_{layer}_{row}_{column}"
                        if name not in fixed:
                            names.append(name)
        return tuple(names)

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map c_o_e -> (coefficient of x^e in output o), polynomials in the weights.

        With ``gauge_fixed``, on the dense open set where Q_i's first a_i columns form an
        invertible block and V_i[0][0] != 0, the GL(a_i) action and the rescaling move
        them to the identity and 1 without changing the function, so the closure of the
        image is unchanged.  The GL(d_i) symmetry between layers is not fixed.
        """
        field = Field.parse(field)
        monomials = self.output_monomials
        weights = self.weight_names(gauge_fixed)
        fixed = self._fixed(gauge_fixed)
        d0 = self.dims[0]
        inputs = [f"x_{token}_{entry}" for token in range(self.tokens) for entry in range(d0)]
        expansion_ring, *generators = sparse_ring(",".join([*weights, *inputs]), "QQ")
        by_name = dict(zip([*weights, *inputs], generators, strict=True))

        def entry(letter: str, layer: int, row: int, column: int) -> Any:
            name = f"{letter}_{layer}_{row}_{column}"
            if name in fixed:
                return expansion_ring(fixed[name])
            return by_name[name]

        def apply(letter: str, layer: int, rows: int, vector: list[Any]) -> list[Any]:
            return [
                sum(
                    (entry(letter, layer, row, c) * value for c, value in enumerate(vector)),
                    expansion_ring.zero,
                )
                for row in range(rows)
            ]

        tokens = [[by_name[f"x_{token}_{p}"] for p in range(d0)] for token in range(self.tokens)]
        for layer, rank in enumerate(self.ranks, start=1):
            values = [apply("v", layer, self.dims[layer], token) for token in tokens]
            queries = [apply("q", layer, rank, token) for token in tokens]
            keys = [apply("k", layer, rank, token) for token in tokens]
            new_tokens = []
            for j in range(self.tokens):
                output = [expansion_ring.zero] * self.dims[layer]
                for k in range(self.tokens):
                    weight = sum(
                        (a * b for a, b in zip(keys[k], queries[j], strict=True)),
                        expansion_ring.zero,
                    )
                    output = [o + weight * v for o, v in zip(output, values[k], strict=True)]
                new_tokens.append(output)
            tokens = new_tokens
        outputs = [value for token in tokens for value in token]
        return coefficient_ring_map(outputs, monomials, weights, field)

    # -- the Jacobian sampled mod p, without expanding -----------------------------------

    @property
    def jacobian_entry_degree(self) -> int:
        """Total degree of an entry of :meth:`sample_jacobian` in all its random values.

        Y_i = V_i Y_(i-1) (Y_(i-1)^T K_i^T Q_i Y_(i-1)) has degree 3 deg_w(Y_(i-1)) + 3
        in the weights (Y_0 = X has 0), so deg_w(Y_l) = 3 (3^l - 1) / 2, and degree 3^l
        in X; an entry d(lambda . Y_l)/dw loses one weight degree and gains one from
        lambda.
        """
        weight_degree = 3 * (self.output_degree - 1) // 2
        return int(weight_degree - 1 + self.output_degree + 1)

    def sample_jacobian(
        self, prime: int, num_points: int, rng: np.random.Generator
    ) -> NDArray[np.int64]:
        """Rows d(lambda_k . f(X_k; w))/dw mod ``prime`` at random w, X_k and lambda_k.

        w (all weights, columns in the order of :meth:`weight_names` without gauge),
        the token matrices X_k (d_0 x t) and the output combinations lambda_k
        (d_l x t) are drawn uniformly from GF(p); ``num_points`` rows.  Forward mode,
        one tangent per weight, exact in Python integers: with A = V Y, S = (K Y)^T Q Y
        and Y' = A S (class docstring),

            dY' = (dV Y + V dY) S + A ((dK Y + K dY)^T Q Y + (K Y)^T (dQ Y + Q dY)).

        Nothing is expanded, so the cost is polynomial in d_i, t, l and the number of
        rows; this is what :func:`~nagbridge.fast.fast_dimension` samples (the argument
        that the rank of such rows is the rank of the coefficient Jacobian is in its
        docstring).

        >>> attention = LightningAttention(dim=2, attention_rank=1)
        >>> rows = attention.sample_jacobian(2147483647, 10, np.random.default_rng(0))
        >>> rows.shape
        (10, 8)
        """
        num_weights = self.num_parameters
        dims, tokens = self.dims, self.tokens

        def draw(*shape: int) -> NDArray[Any]:
            values = rng.integers(0, prime, size=shape, dtype=np.int64)
            return values.astype(object)

        current = draw(num_points, dims[0], tokens)
        tangent = np.zeros((num_weights, num_points, dims[0], tokens), dtype=object)
        column = 0
        for layer, rank in enumerate(self.ranks, start=1):
            rows_in, rows_out = dims[layer - 1], dims[layer]
            matrices = {"v": draw(rows_out, rows_in), "q": draw(rank, rows_in)}
            matrices["k"] = draw(rank, rows_in)
            products = {letter: matrix @ current % prime for letter, matrix in matrices.items()}
            derivatives = {letter: matrix @ tangent % prime for letter, matrix in matrices.items()}
            for letter in ("v", "q", "k"):  # the weight's own column: d(M Y)/dM[r, c]
                for row in range(matrices[letter].shape[0]):
                    for entry in range(rows_in):
                        derivatives[letter][column, :, row, :] += current[:, entry, :]
                        column += 1
            keys_t = np.swapaxes(products["k"], -1, -2)
            scores = keys_t @ products["q"] % prime
            d_scores = (
                np.swapaxes(derivatives["k"], -1, -2) @ products["q"] + keys_t @ derivatives["q"]
            ) % prime
            tangent = (derivatives["v"] @ scores + products["v"] @ d_scores) % prime
            current = products["v"] @ scores % prime
        combinations = draw(num_points, dims[-1], tokens)
        rows = (tangent * combinations).sum(axis=(2, 3)) % prime
        return np.asarray(rows.T, dtype=np.int64)
