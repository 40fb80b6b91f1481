"""Proven upper bounds on the dimension of a neurovariety, from its sub-networks.

For widths d = (d_0, ..., d_L) and activations t -> t^(r_l) (not all r_l = 1), write
V(a, b) for the neurovariety of the sub-network with widths (d_a, ..., d_b): d_b-tuples
of forms of degree r_(a+1) ... r_(b-1) in d_a variables (for b = a + 1, all d_b x d_a
matrices). Cutting at a hidden layer a < i < b, every function of V(a, b) is G(s(H))
with H in V(a, i) and G in V(i, b). The map (H, G) -> G(s(H)) is constant on the orbits
of the torus of layer i, t . (H, G) = (diag(t) H, G(diag(t)^(-r_i) .)), which keeps both
varieties (it rescales rows of W_i and columns of W_(i+1)) and acts freely where no row
of H vanishes. Its generic fibres therefore have dimension at least d_i, and

    dim V(a, b) <= dim V(a, i) + dim V(i, b) - d_i.

Applied recursively, together with the ambient dimension and the exact dimension of
single-output shallow pieces (d_a, k, 1) given by the Alexander–Hirschowitz theorem
(:func:`shallow_dimension`), this gives :func:`dimension_upper_bound`.  Cutting at
every layer recovers the count of Kileel, Trager and Bruna (NeurIPS 2019),
#parameters - (d_1 + ... + d_(L-1)), so the bound never exceeds their expected
dimension; it is smaller when a sub-network is forced to be small, e.g. when the last
two layers (2, 2, 1) can only produce a binary quadric (3 coefficients, where the
count gives 2 * 2 + 2 - 2 = 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from math import comb, prod

from nagbridge.models import PolynomialNetwork
from nagbridge.models._shallow import ALEXANDER_HIRSCHOWITZ_EXCEPTIONS, shallow_dimension

__all__ = [
    "ALEXANDER_HIRSCHOWITZ_EXCEPTIONS",
    "dimension_upper_bound",
    "network_upper_bound",
    "shallow_dimension",
]


def _ambient(widths: tuple[int, ...], degrees: tuple[int, ...]) -> int:
    degree = prod(degrees)
    return widths[-1] * comb(widths[0] + degree - 1, degree)


@cache
def _subnetwork_bound(widths: tuple[int, ...], degrees: tuple[int, ...]) -> int:
    if len(widths) == 2:
        return widths[0] * widths[1]
    if len(widths) == 3 and widths[2] == 1:
        return shallow_dimension(widths[0], widths[1], degrees[0])
    bound = _ambient(widths, degrees)
    for cut in range(1, len(widths) - 1):
        left = _subnetwork_bound(widths[: cut + 1], degrees[: cut - 1])
        right = _subnetwork_bound(widths[cut:], degrees[cut:])
        bound = min(bound, left + right - widths[cut])
    return bound


def dimension_upper_bound(widths: Sequence[int], activation_degree: int | Sequence[int]) -> int:
    """A proven upper bound on the affine dimension of the neurovariety.

    ``activation_degree`` is one degree r for every hidden layer or one per hidden
    layer (r_1, ..., r_(L-1)); the activations are monomials t^(r_l), no biases.
    When every r_l is 1 this is the dimension rho (d_0 + d_L - rho), rho = min(widths),
    of the matrices of rank at most rho, which is the exact value.  Otherwise it is the
    minimum, over all ways of cutting the network at hidden layers, of the bound in
    the module docstring, never above the expected dimension of Kileel, Trager and
    Bruna (2019); for a shallow network (d_0, k, 1) it is the exact dimension.  It is
    not always attained: for (3, 4, 2, 1), r = 2, it is 12, but c_1 q_1^2 + c_2 q_2^2
    factors as a product of two ternary quadrics, a variety of dimension 6 + 6 - 1 = 11.

    >>> dimension_upper_bound((2, 2, 3), 2)          # KTB: min(10 - 2, 9)
    8
    >>> dimension_upper_bound((2, 2, 2, 2, 1), 2)    # KTB says 8; (2, 2, 1) is a quadric
    7
    """
    widths = tuple(int(width) for width in widths)
    if isinstance(activation_degree, int):
        degrees = (int(activation_degree),) * (len(widths) - 2)
    else:
        degrees = tuple(int(r) for r in activation_degree)
    if all(r == 1 for r in degrees):
        rank = min(widths)
        return rank * (widths[0] + widths[-1] - rank)
    return _subnetwork_bound(widths, degrees)


def network_upper_bound(model: PolynomialNetwork) -> int:
    """A proven upper bound on the dimension of any :class:`PolynomialNetwork`.

    Monomial activations without biases: :func:`dimension_upper_bound`.  With biases
    (monomial activation): the rescaling torus of the hidden neurons still has free
    orbits in the fibres, so min(#parameters - sum of hidden widths, ambient), or the
    exact affine-map count rho (d_0 + d_L - rho) + d_L for a linear network.  With a
    polynomial activation of several terms no symmetry is proven, so
    min(#parameters, ambient).  In the last two cases this is the model's
    ``expected_dimension``.

    >>> from nagbridge.models import PolynomialNetwork
    >>> network_upper_bound(PolynomialNetwork((2, 2, 1), activation=(0, 1, 1)))
    6
    """
    if model.is_homogeneous:
        return dimension_upper_bound(model.widths, model.degrees)
    return model.expected_dimension
