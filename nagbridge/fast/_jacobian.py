"""The Jacobian of a polynomial network with respect to its weights, sampled modulo p.

For weights W_1, ..., W_L, input points x_1, ..., x_N and output combinations
lambda_1, ..., lambda_N, row k of the sampled Jacobian is the gradient, with respect to
every weight, of the scalar lambda_k . f(x_k; W).  One backward pass over all points
at once computes it: with z_l = W_l a_(l-1), a_0 = x, a_l = z_l^r,

    d(lambda . f)/d W_l[i, j] = g_l[i] * a_(l-1)[j],   g_L = lambda,
    g_(l-1) = (W_l^T g_l) * r z_(l-1)^(r-1)   (entrywise product).

Everything is exact arithmetic in GF(p), vectorised over the points with numpy int64.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from nagbridge.fast._modular import IntArray, matmul_mod, power_mod

__all__ = ["network_gradients", "sample_jacobian"]


def network_gradients(
    weights: Sequence[IntArray],
    points: IntArray,
    combinations: IntArray,
    activation_degree: int,
    prime: int,
) -> IntArray:
    """Rows d(lambda_k . f(x_k; W))/dW for the network with matrices ``weights``.

    ``weights[l - 1]`` is W_l (shape d_l x d_(l-1)); ``points`` has one input x_k per
    row (N x d_0) and ``combinations`` one lambda_k per row (N x d_L); all entries lie
    in [0, prime).  The columns follow :meth:`PolynomialNetwork.weight_names`: W_1 first,
    each matrix row by row.  The result is N x (number of weights), entries in [0, prime).

    >>> one = np.ones((1, 1), dtype=np.int64)
    >>> w1, w2 = np.array([[3]]), np.array([[5]])          # f(x) = 5 (3 x)^2
    >>> network_gradients([w1, w2], 2 * one, one, 2, 101).tolist()   # [2*5*3*x^2, 9 x^2]
    [[19, 36]]
    """
    pre_activations: list[IntArray] = []
    activations: list[IntArray] = [points % prime]
    for layer, matrix in enumerate(weights, start=1):
        pre_activation = matmul_mod(activations[-1], np.ascontiguousarray(matrix.T), prime)
        pre_activations.append(pre_activation)
        if layer < len(weights):
            activations.append(power_mod(pre_activation, activation_degree, prime))

    num_points = points.shape[0]
    blocks: list[IntArray] = []
    gradient = combinations % prime
    for layer in range(len(weights), 0, -1):
        matrix = weights[layer - 1]
        previous = activations[layer - 1]
        block = gradient[:, :, np.newaxis] * previous[:, np.newaxis, :] % prime
        blocks.append(block.reshape(num_points, matrix.size))
        if layer > 1:
            slope = power_mod(pre_activations[layer - 2], activation_degree - 1, prime)
            slope = slope * (activation_degree % prime) % prime
            gradient = matmul_mod(gradient, matrix, prime) * slope % prime
    return np.concatenate(blocks[::-1], axis=1)


def sample_jacobian(
    widths: Sequence[int],
    activation_degree: int,
    prime: int,
    num_points: int,
    rng: np.random.Generator,
) -> IntArray:
    """The Jacobian at uniformly random weights, points and combinations in GF(prime).

    With one output (d_L = 1) the combinations are all 1: they would only rescale rows.
    """
    weights = [
        rng.integers(0, prime, size=(rows, columns), dtype=np.int64)
        for columns, rows in pairwise(widths)
    ]
    points = rng.integers(0, prime, size=(num_points, widths[0]), dtype=np.int64)
    if widths[-1] == 1:
        combinations = np.ones((num_points, 1), dtype=np.int64)
    else:
        combinations = rng.integers(0, prime, size=(num_points, widths[-1]), dtype=np.int64)
    return network_gradients(weights, points, combinations, activation_degree, prime)
