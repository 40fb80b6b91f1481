"""Proven upper bounds on the dimension of a neurovariety, from its sub-networks.

For widths d = (d_0, ..., d_L) and activation t -> t^r with r >= 2, write V(a, b) for
the neurovariety of the sub-network with widths (d_a, ..., d_b): d_b-tuples of forms
of degree r^(b-a-1) in d_a variables (for b = a + 1, all d_b x d_a matrices).  Cutting
at a hidden layer a < i < b, every function of V(a, b) is G(s(H)) with H in V(a, i) and
G in V(i, b).  The map (H, G) -> G(s(H)) is constant on the orbits of the torus of
layer i, t . (H, G) = (diag(t) H, G(diag(t)^(-r) .)), which keeps both varieties (it
rescales rows of W_i and columns of W_(i+1)) and acts freely where no row of H
vanishes.  Its generic fibres therefore have dimension at least d_i, and

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
from math import comb

__all__ = ["ALEXANDER_HIRSCHOWITZ_EXCEPTIONS", "dimension_upper_bound", "shallow_dimension"]


def _ambient(widths: tuple[int, ...], activation_degree: int) -> int:
    degree = activation_degree ** (len(widths) - 2)
    return widths[-1] * comb(widths[0] + degree - 1, degree)


#: (d_0, r, k) for which the k-th secant of the Veronese v_r(P^(d_0 - 1)) is defective
#: although r >= 3: Alexander and Hirschowitz (1995).  Each is defective by exactly 1.
ALEXANDER_HIRSCHOWITZ_EXCEPTIONS = frozenset({(3, 4, 5), (4, 4, 9), (5, 4, 14), (5, 3, 7)})


def shallow_dimension(num_variables: int, hidden_width: int, activation_degree: int) -> int:
    """Dimension of the neurovariety of (n, k, 1) with r >= 2, by Alexander–Hirschowitz.

    Its functions sum_j c_j (l_j . x)^r are the affine cone over the k-th secant variety
    of the Veronese variety v_r(P^(n-1)), of dimension min(k n, C(n + r - 1, r)), except
    (J. Alexander and A. Hirschowitz, *Polynomial interpolation in several variables*,
    J. Algebraic Geom. 4 (1995)): for r = 2 it is the variety of quadrics of rank at most
    rho = min(k, n), of dimension rho n - C(rho, 2); and the four cases of
    :data:`ALEXANDER_HIRSCHOWITZ_EXCEPTIONS` are one less.

    >>> shallow_dimension(3, 2, 2), shallow_dimension(3, 5, 4), shallow_dimension(3, 4, 4)
    (5, 14, 12)
    """
    n, k, r = num_variables, hidden_width, activation_degree
    if r == 2:
        rank = min(k, n)
        return rank * n - comb(rank, 2)
    generic = min(k * n, comb(n + r - 1, r))
    return generic - 1 if (n, r, k) in ALEXANDER_HIRSCHOWITZ_EXCEPTIONS else generic


@cache
def _subnetwork_bound(widths: tuple[int, ...], activation_degree: int) -> int:
    if len(widths) == 2:
        return widths[0] * widths[1]
    if len(widths) == 3 and widths[2] == 1:
        return shallow_dimension(widths[0], widths[1], activation_degree)
    bound = _ambient(widths, activation_degree)
    for cut in range(1, len(widths) - 1):
        left = _subnetwork_bound(widths[: cut + 1], activation_degree)
        right = _subnetwork_bound(widths[cut:], activation_degree)
        bound = min(bound, left + right - widths[cut])
    return bound


def dimension_upper_bound(widths: Sequence[int], activation_degree: int) -> int:
    """A proven upper bound on the affine dimension of the neurovariety.

    For r = 1 this is the dimension rho (d_0 + d_L - rho), rho = min(widths), of the
    matrices of rank at most rho, which is the exact value.  For r >= 2 it is the
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
    if activation_degree == 1:
        rank = min(widths)
        return rank * (widths[0] + widths[-1] - rank)
    return _subnetwork_bound(widths, int(activation_degree))
