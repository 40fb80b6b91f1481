"""Shallow networks (d0, k, 1): secant varieties of Veronese varieties.

The Alexander–Hirschowitz dimension count lives here, and
:mod:`nagbridge.fast._bounds` uses it for the shallow pieces of deep networks.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb
from typing import Any, ClassVar

from nagbridge.algebra import Field, RingMap
from nagbridge.models._polynomial import PolynomialNetwork, check_integer
from nagbridge.models._registry import ModelOption, register_model

__all__ = [
    "ALEXANDER_HIRSCHOWITZ_EXCEPTIONS",
    "ShallowNetwork",
    "secant_expected_dimension",
    "shallow_dimension",
]

#: (d_0, r, k) for which the k-th secant of the Veronese v_r(P^(d_0 - 1)) is defective
#: although r >= 3: Alexander and Hirschowitz (1995).  Each is defective by exactly 1.
ALEXANDER_HIRSCHOWITZ_EXCEPTIONS = frozenset({(3, 4, 5), (4, 4, 9), (5, 4, 14), (5, 3, 7)})


def secant_expected_dimension(num_variables: int, hidden_width: int, degree: int) -> int:
    """The parameter count min(k n, C(n + r - 1, r)) of the affine cone over sigma_k(v_r).

    >>> secant_expected_dimension(3, 5, 4)
    15
    """
    n, k, r = num_variables, hidden_width, degree
    return min(k * n, comb(n + r - 1, r))


def shallow_dimension(num_variables: int, hidden_width: int, activation_degree: int) -> int:
    """Dimension of the neurovariety of (n, k, 1), by the Alexander–Hirschowitz theorem.

    Its functions sum_j c_j (l_j . x)^r are the affine cone over the k-th secant variety
    of the Veronese variety v_r(P^(n-1)), of dimension min(k n, C(n + r - 1, r)), except
    (J. Alexander and A. Hirschowitz, *Polynomial interpolation in several variables*,
    J. Algebraic Geom. 4 (1995); M. C. Brambilla and G. Ottaviani, *On the
    Alexander–Hirschowitz theorem*, J. Pure Appl. Algebra 212 (2008)): for r = 2 it is
    the variety of quadrics of rank at most rho = min(k, n), of dimension
    rho n - C(rho, 2); and the four cases of :data:`ALEXANDER_HIRSCHOWITZ_EXCEPTIONS`
    are one less.  For r = 1 it is the space of linear forms, of dimension n.

    >>> shallow_dimension(3, 2, 2), shallow_dimension(3, 5, 4), shallow_dimension(3, 4, 4)
    (5, 14, 12)
    """
    n, k, r = num_variables, hidden_width, activation_degree
    if r == 2:
        rank = min(k, n)
        return rank * n - comb(rank, 2)
    generic = secant_expected_dimension(n, k, r)
    return generic - 1 if (n, r, k) in ALEXANDER_HIRSCHOWITZ_EXCEPTIONS else generic


@register_model
@dataclass(frozen=True)
class ShallowNetwork:
    """The network (d0, k, 1) with activation t^r: sums of k r-th powers of linear forms.

    The function f(x) = sum_(j<k) c_j (l_j . x)^r is a form of degree r in the d0
    inputs; as for :class:`PolynomialNetwork` (of which this is the case widths
    (d0, k, 1)), the coordinates are its C(d0 + r - 1, r) coefficients ``c_0_e``
    (see :mod:`nagbridge.models._naming`) and the weights ``w_1_j_i`` (l_j) and
    ``w_2_0_j`` (c_j).  The neurovariety is the affine cone over the k-th secant
    variety sigma_k(v_r(P^(d0-1))) of the Veronese variety (Kileel, Trager and Bruna,
    NeurIPS 2019, Section 3): an affine cone, its ideal homogeneous.

    Quotiented symmetry: the rescaling of each hidden neuron (l_j -> t l_j,
    c_j -> t^(-r) c_j), so k dimensions, for r >= 2 (for r = 1 the function is just
    a linear form).  :attr:`generic_dimension` is the parameter count
    min(k d0, C(d0 + r - 1, r)); :attr:`expected_dimension` is the true dimension by
    the Alexander–Hirschowitz theorem (:func:`shallow_dimension`), smaller exactly in
    the defective cases: r = 2 with 2 <= k <= d0 - 1, and (d0, r, k) = (3, 4, 5),
    (4, 4, 9), (5, 3, 7), (5, 4, 14).

    >>> net = ShallowNetwork(3, 5, 4)
    >>> net.num_parameters, net.symmetry_dimension, net.ambient_dimension
    (20, 5, 15)
    >>> net.generic_dimension, net.expected_dimension, net.is_defective
    (15, 14, True)
    """

    MODEL_NAME: ClassVar[str] = "shallow"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("input_dim", "int", "the number d0 of inputs", required=True),
        ModelOption("width", "int", "the number k of hidden neurons", required=True),
        ModelOption("activation_degree", "int", "the exponent r of t -> t^r", required=True),
    )

    input_dim: int
    width: int
    activation_degree: int

    def __post_init__(self) -> None:
        check_integer("input_dim", self.input_dim, 1)
        check_integer("width", self.width, 1)
        check_integer("activation_degree", self.activation_degree, 1)

    def network(self) -> PolynomialNetwork:
        """The same model as a :class:`PolynomialNetwork` with widths (d0, k, 1)."""
        return PolynomialNetwork((self.input_dim, self.width, 1), self.activation_degree)

    @property
    def num_parameters(self) -> int:
        """k d0 + k: the k linear forms and their k coefficients."""
        return self.width * (self.input_dim + 1)

    @property
    def symmetry_dimension(self) -> int:
        """k rescalings (r >= 2); for r = 1, GL(k) acts: k^2."""
        return self.width if self.activation_degree >= 2 else self.width**2

    @property
    def ambient_dimension(self) -> int:
        """C(d0 + r - 1, r), the number of forms of degree r in d0 variables."""
        return comb(self.input_dim + self.activation_degree - 1, self.activation_degree)

    @property
    def generic_dimension(self) -> int:
        """The parameter count min(k d0, ambient), what a non-defective secant has."""
        if self.activation_degree == 1:
            return self.input_dim
        return secant_expected_dimension(self.input_dim, self.width, self.activation_degree)

    @property
    def expected_dimension(self) -> int:
        """The dimension by Alexander–Hirschowitz (1995), exceptions included."""
        return shallow_dimension(self.input_dim, self.width, self.activation_degree)

    @property
    def is_defective(self) -> bool:
        """Whether the secant variety is smaller than its parameter count says."""
        return self.expected_dimension < self.generic_dimension

    def describe(self) -> dict[str, Any]:
        """The model as plain data, echoed in every result."""
        return {
            "model": self.MODEL_NAME,
            "input_dim": self.input_dim,
            "width": self.width,
            "activation_degree": self.activation_degree,
        }

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map of the network (d0, k, 1); see :meth:`PolynomialNetwork.parametrization`.

        With ``gauge_fixed`` (and r >= 2) the first entry of each l_j is set to 1.
        """
        return self.network().parametrization(field, gauge_fixed)
