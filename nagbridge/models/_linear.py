"""Linear networks x -> W_L ... W_1 x: determinantal varieties."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import factorial
from typing import Any, ClassVar

from sympy.polys.rings import ring as sparse_ring

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Exponents, Field, PolynomialRing, RingMap
from nagbridge.models._naming import coefficient_name, weight_name
from nagbridge.models._polynomial import MAX_AMBIENT_DIMENSION, check_widths
from nagbridge.models._registry import ModelOption, register_model

__all__ = ["LinearNetwork", "determinantal_degree"]


def determinantal_degree(rows: int, columns: int, rank: int) -> int:
    """Degree of the variety of ``rows`` x ``columns`` matrices of rank at most ``rank``.

    With m = rows, n = columns and r = rank < min(m, n), the classical formula
    (J. Harris, *Algebraic Geometry: A First Course*, Example 19.10)

        prod_(i=0)^(n-r-1)  (m + i)! i! / ((r + i)! (m - r + i)!);

    1 when r >= min(m, n) (all matrices).  2 x 2 of rank 1 is the quadric det = 0,
    2 x 3 of rank 1 the Segre cone over P^1 x P^2, of degree 3:

    >>> determinantal_degree(2, 2, 1), determinantal_degree(2, 3, 1), determinantal_degree(3, 3, 1)
    (2, 3, 6)
    """
    m, n, r = rows, columns, rank
    if r >= min(m, n):
        return 1
    value = Fraction(1)
    for i in range(n - r):
        value *= Fraction(factorial(m + i) * factorial(i), factorial(r + i) * factorial(m - r + i))
    assert value.denominator == 1
    return int(value)


@register_model
@dataclass(frozen=True)
class LinearNetwork:
    """The linear network f(x) = W_L ... W_1 x with widths (d_0, ..., d_L), L >= 1.

    Coordinates: the d_L x d_0 entries of the product matrix M = W_L ... W_1, entry
    (i, j) named ``c_i_e`` with e the j-th unit exponent vector (the coefficient of
    x_j in output i, as for :class:`PolynomialNetwork` with r = 1; see
    :mod:`nagbridge.models._naming`).  Weights ``w_l_i_j`` as there.  The function
    space, an affine cone, is the determinantal variety of d_L x d_0 matrices of rank
    at most rho = min(d_0, ..., d_L), of dimension rho (d_0 + d_L - rho) and degree
    :func:`determinantal_degree` (W. Bruns and U. Vetter, *Determinantal Rings*,
    LNM 1327, Ch. 2; M. Trager, K. Kohn and J. Bruna, *Pure and spurious critical
    points: a geometric study of linear networks*, ICLR 2020).

    Symmetry: the product GL(d_1) x ... x GL(d_(L-1)) of general linear groups of the
    hidden layers (W_l -> g_l W_l, W_(l+1) -> W_(l+1) g_l^(-1)), not a torus, of
    dimension sum d_l^2.  It need not act freely (a hidden layer wider than both
    neighbours has stabilizers), which is why the expected dimension is the
    determinantal one and not #parameters - sum d_l^2.

    >>> net = LinearNetwork((3, 2, 4))
    >>> net.num_parameters, net.symmetry_dimension, net.ambient_dimension
    (14, 4, 12)
    >>> net.expected_dimension, net.expected_degree    # rank <= 2 among 4 x 3 matrices
    (10, 6)
    """

    MODEL_NAME: ClassVar[str] = "linear"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("widths", "ints", "layer widths d0,d1,...,dL, e.g. 3,2,4", required=True),
    )

    widths: tuple[int, ...]

    def __post_init__(self) -> None:
        widths = check_widths(self.widths, 2, "a linear network needs at least two widths d0, d1")
        object.__setattr__(self, "widths", widths)

    @property
    def num_layers(self) -> int:
        """Number L of weight matrices."""
        return len(self.widths) - 1

    @property
    def rank(self) -> int:
        """rho = min(widths), the largest rank of the product matrix."""
        return min(self.widths)

    @property
    def num_parameters(self) -> int:
        """Number sum_l d_l d_(l-1) of weights."""
        return sum(a * b for a, b in zip(self.widths, self.widths[1:], strict=False))

    @property
    def symmetry_dimension(self) -> int:
        """dim of GL(d_1) x ... x GL(d_(L-1)): sum of d_l^2 over the hidden layers."""
        return sum(width**2 for width in self.widths[1:-1])

    @property
    def ambient_dimension(self) -> int:
        """Number d_0 d_L of entries of the product matrix M = W_L ... W_1."""
        return self.widths[0] * self.widths[-1]

    @property
    def expected_dimension(self) -> int:
        """rho (d_0 + d_L - rho), the dimension of the determinantal variety."""
        rho = self.rank
        return rho * (self.widths[0] + self.widths[-1] - rho)

    @property
    def expected_degree(self) -> int:
        """The degree of the determinantal variety (Harris, Example 19.10)."""
        return determinantal_degree(self.widths[-1], self.widths[0], self.rank)

    def describe(self) -> dict[str, Any]:
        """The model as plain data, echoed in every result."""
        return {"model": self.MODEL_NAME, "widths": list(self.widths)}

    @property
    def coefficient_names(self) -> tuple[str, ...]:
        """Names ``c_i_e`` of the entries of M, row by row.

        Entry (i, j) has e the j-th unit exponent vector: the coefficient of x_j in output i.
        """
        d0 = self.widths[0]
        return tuple(
            coefficient_name(i, tuple(int(k == j) for k in range(d0)))
            for i in range(self.widths[-1])
            for j in range(d0)
        )

    def _fixed_block(self, layer: int) -> bool:
        """Whether gauge fixing sets the leading d_l x d_l block of W_l to the identity."""
        return 0 < layer < self.num_layers and self.widths[layer] <= self.widths[layer - 1]

    def weight_names(self, gauge_fixed: bool = False) -> tuple[str, ...]:
        """Names of the weights, W_1 first, row by row (fixed entries left out)."""
        names = []
        for layer in range(1, self.num_layers + 1):
            fixed = gauge_fixed and self._fixed_block(layer)
            for row in range(self.widths[layer]):
                for column in range(self.widths[layer - 1]):
                    if fixed and column < self.widths[layer]:
                        continue
                    names.append(weight_name(layer, row, column))
        return tuple(names)

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map from the entries of M to the weights, M = W_L ... W_1.

        With ``gauge_fixed``, for each hidden layer l with d_l <= d_(l-1) the leading
        d_l x d_l block of W_l is set to the identity, layer after layer from l = 1:
        where that block is invertible, g_l = its inverse in GL(d_l) moves it to the
        identity without changing M, and it is invertible on a dense open set, so the
        closure of the image is unchanged.  Layers wider than the one before are not
        fixed (their block cannot be invertible).
        """
        field = Field.parse(field)
        if self.ambient_dimension > MAX_AMBIENT_DIMENSION:
            raise InvalidInputError(
                "widths", self.widths, f"more than {MAX_AMBIENT_DIMENSION} coordinates"
            )
        weights = self.weight_names(gauge_fixed)
        expansion_ring, *generators = sparse_ring(",".join(weights), "QQ")
        by_name = dict(zip(weights, generators, strict=True))

        def entry(layer: int, row: int, column: int) -> Any:
            name = weight_name(layer, row, column)
            if name in by_name:
                return by_name[name]
            return expansion_ring.one if row == column else expansion_ring.zero

        d0 = self.widths[0]
        product = [[entry(1, i, j) for j in range(d0)] for i in range(self.widths[1])]
        for layer in range(2, self.num_layers + 1):
            rows, inner = self.widths[layer], self.widths[layer - 1]
            product = [
                [
                    sum(
                        (entry(layer, i, k) * product[k][j] for k in range(inner)),
                        expansion_ring.zero,
                    )
                    for j in range(d0)
                ]
                for i in range(rows)
            ]

        images: list[dict[Exponents, Fraction]] = []
        for row in product:
            for value in row:
                images.append(
                    {
                        tuple(monomial): Fraction(int(c.numerator), int(c.denominator))
                        for monomial, c in value.terms()
                    }
                )
        return RingMap(
            source=PolynomialRing(self.coefficient_names, field),
            target=PolynomialRing(weights, field),
            images=tuple(images),
        )
