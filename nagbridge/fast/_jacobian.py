"""The Jacobian of a polynomial network with respect to its weights, sampled modulo p.

For weights W_1, ..., W_L (and biases b_l when the network has them), input points x_1,
..., x_N and output combinations lambda_1, ..., lambda_N, row k of the sampled Jacobian
is the gradient, with respect to every parameter, of the scalar lambda_k . f(x_k; W).
One backward pass over all points at once computes it, by the chain rule: with z_l = W_l
a_(l-1) + b_l, a_0 = x, a_l = s_l(z_l) (s_l(t) = t^(r_l), or a polynomial sum_i a_i
t^i),

    d(lambda . f)/d W_l[i, j] = g_l[i] * a_(l-1)[j],   d(lambda . f)/d b_l[i] = g_l[i],
    g_L = lambda,   g_(l-1) = (W_l^T g_l) * s_(l-1)'(z_(l-1))   (entrywise product).

Everything is exact arithmetic in GF(p), vectorised over the points with numpy int64.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import pairwise

import numpy as np

from nagbridge._exceptions import InvalidInputError
from nagbridge.fast._modular import IntArray, matmul_mod
from nagbridge.models import PolynomialNetwork

__all__ = [
    "coefficients_mod",
    "network_gradients",
    "sample_jacobian",
    "sample_network_jacobian",
]


def _activation_mod(coefficients: Sequence[int], values: IntArray, prime: int) -> IntArray:
    """sum_i a_i values^i modulo ``prime`` by Horner's rule (a_i already reduced)."""
    result = np.zeros_like(values)
    for coefficient in reversed(coefficients):
        result = (result * values + coefficient) % prime
    return result


def _derivative(coefficients: Sequence[int], prime: int) -> list[int]:
    return [i * a % prime for i, a in enumerate(coefficients)][1:]


def network_gradients(
    weights: Sequence[IntArray],
    points: IntArray,
    combinations: IntArray,
    activation_degree: int,
    prime: int,
    *,
    activations: Sequence[Sequence[int]] | None = None,
    biases: Sequence[IntArray] | None = None,
) -> IntArray:
    """Rows d(lambda_k . f(x_k; W))/dW for the network with matrices ``weights``.

    ``weights[l - 1]`` is W_l (shape d_l x d_(l-1)); ``points`` has one input x_k per
    row (N x d_0) and ``combinations`` one lambda_k per row (N x d_L); all entries lie
    in [0, prime).  The activation is t^r with r = ``activation_degree``, unless
    ``activations`` gives, for each hidden layer, the coefficients a_0, ..., a_k of
    its polynomial reduced mod ``prime``; then g_(l-1) uses s'(z) = sum i a_i z^(i-1).
    With ``biases`` (b_l = ``biases[l - 1]``, length d_l), z_l = W_l a_(l-1) + b_l and
    d(lambda . f)/d b_l[i] = g_l[i].  The columns follow
    :meth:`PolynomialNetwork.weight_names`: layer by layer, W_l row by row, then b_l.
    The result is N x (number of parameters), entries in [0, prime).

    >>> one = np.ones((1, 1), dtype=np.int64)
    >>> w1, w2 = np.array([[3]]), np.array([[5]])          # f(x) = 5 (3 x)^2
    >>> network_gradients([w1, w2], 2 * one, one, 2, 101).tolist()   # [2*5*3*x^2, 9 x^2]
    [[19, 36]]
    >>> b = [np.array([1]), np.array([0])]                 # f(x) = 5 (3 x + 1)^2 + 0
    >>> network_gradients([w1, w2], 2 * one, one, 2, 101, biases=b).tolist()
    [[39, 70, 49, 1]]
    """
    num_hidden = len(weights) - 1
    if activations is None:
        monomial = [0] * activation_degree + [1]
        activations = [monomial] * num_hidden
    slopes = [_derivative(coefficients, prime) for coefficients in activations]

    pre_activations: list[IntArray] = []
    outputs: list[IntArray] = [points % prime]
    for layer, matrix in enumerate(weights, start=1):
        pre_activation = matmul_mod(outputs[-1], np.ascontiguousarray(matrix.T), prime)
        if biases is not None:
            pre_activation = (pre_activation + biases[layer - 1][np.newaxis, :]) % prime
        pre_activations.append(pre_activation)
        if layer < len(weights):
            outputs.append(_activation_mod(activations[layer - 1], pre_activation, prime))

    num_points = points.shape[0]
    layers: list[list[IntArray]] = []
    gradient = combinations % prime
    for layer in range(len(weights), 0, -1):
        matrix = weights[layer - 1]
        previous = outputs[layer - 1]
        block = gradient[:, :, np.newaxis] * previous[:, np.newaxis, :] % prime
        layers.append([block.reshape(num_points, matrix.size)])
        if biases is not None:
            layers[-1].append(gradient)
        if layer > 1:
            slope = _activation_mod(slopes[layer - 2], pre_activations[layer - 2], prime)
            gradient = matmul_mod(gradient, matrix, prime) * slope % prime
    return np.concatenate([block for blocks in layers[::-1] for block in blocks], axis=1)


def coefficients_mod(coefficients: Sequence[Fraction], prime: int) -> list[int]:
    """Rational coefficients reduced modulo ``prime`` (denominators must be invertible)."""
    reduced = []
    for coefficient in coefficients:
        if coefficient.denominator % prime == 0:
            raise InvalidInputError(
                "prime",
                prime,
                f"divides the denominator of the activation coefficient {coefficient}",
            )
        inverse = pow(coefficient.denominator, -1, prime)
        reduced.append(coefficient.numerator * inverse % prime)
    return reduced


def sample_network_jacobian(
    model: PolynomialNetwork, prime: int, num_points: int, rng: np.random.Generator
) -> IntArray:
    """The Jacobian of ``model`` (degrees per layer, biases, polynomial activation).

    Weights, biases, points and combinations are uniformly random in GF(prime); with
    one output (d_L = 1) the combinations are all 1.
    """
    widths = model.widths
    weights = [
        rng.integers(0, prime, size=(rows, columns), dtype=np.int64)
        for columns, rows in pairwise(widths)
    ]
    biases = None
    if model.biases:
        biases = [rng.integers(0, prime, size=rows, dtype=np.int64) for rows in widths[1:]]
    activations = [
        coefficients_mod(model.activation_coefficients(layer), prime)
        for layer in range(1, model.num_layers)
    ]
    points = rng.integers(0, prime, size=(num_points, widths[0]), dtype=np.int64)
    if widths[-1] == 1:
        combinations = np.ones((num_points, 1), dtype=np.int64)
    else:
        combinations = rng.integers(0, prime, size=(num_points, widths[-1]), dtype=np.int64)
    return network_gradients(
        weights, points, combinations, 1, prime, activations=activations, biases=biases
    )


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
