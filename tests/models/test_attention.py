"""Lightning self-attention: combinatorics, parametrization, dimension and degree.

Sources of the expected values, written out where used:
- HMK 2025: Henry, Marchetti, Kohn, *Geometry of lightning self-attention:
  identifiability and dimension*, ICLR 2025.  With d_i = d and a_i = a for all l layers
  the neuromanifold has dimension l (a (2d - a) + d^2) - (l - 1) d^2 - l (the formula
  the authors' code, NeuroDim ``dim_estimator.py``, plots as "Expected"; for l = 1 it
  is d^2 + a (2d - a) - 1).
- The single-layer degree: the function is a finite linear projection of the cone over
  the Segre product of P^(d_1 d_0 - 1) with the rank <= a matrices (see the
  :class:`~nagbridge.LightningAttention` docstring), so its degree is
  C(n + m, n) * deg(rank <= a), n = d_1 d_0 - 1, m = a (2 d_0 - a) - 1, over the degree
  of the projection (Harris, *Algebraic Geometry*, Examples 18.15 and 19.10).
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import comb

import flint
import pytest

from nagbridge import InvalidInputError, LightningAttention, implicitize
from nagbridge._invariants import jacobian_rank
from nagbridge.models import model_from_options

PRIME = 2_147_483_629  # a prime below 2^31


def _attention_layer(tokens, value, query, key):
    """Token j -> sum_k <K y_k, Q y_j> V y_k, written out from the definition."""

    def apply(matrix, vector):
        return [sum(a * b for a, b in zip(row, vector, strict=True)) for row in matrix]

    values = [apply(value, y) for y in tokens]
    queries = [apply(query, y) for y in tokens]
    keys = [apply(key, y) for y in tokens]
    result = []
    for j in range(len(tokens)):
        output = [0 * values[0][0]] * len(value)
        for k in range(len(tokens)):
            weight = sum(a * b for a, b in zip(keys[k], queries[j], strict=True))
            output = [o + weight * v for o, v in zip(output, values[k], strict=True)]
        result.append(output)
    return result


def _matrices(model, weights):
    """(V_i, Q_i, K_i) per layer from a dictionary name -> value (missing names: gauge)."""
    layers = []
    for layer, rank in enumerate(model.ranks, start=1):
        d_in, d_out = model.dims[layer - 1], model.dims[layer]
        fixed = model._fixed(gauge_fixed=True)

        def matrix(letter, rows, layer=layer, d_in=d_in, fixed=fixed):
            return [
                [
                    weights.get(
                        f"{letter}_{layer}_{r}_{c}",
                        Fraction(fixed.get(f"{letter}_{layer}_{r}_{c}", 0)),
                    )
                    for c in range(d_in)
                ]
                for r in range(rows)
            ]

        layers.append((matrix("v", d_out), matrix("q", rank), matrix("k", rank)))
    return layers


# -- combinatorics ----------------------------------------------------------------------


def _single_layer_ambient(d0, d1, t):
    """Token j's entries: cubic monomials in x_j (C(d0 + 2, 3)), or x_(p,i) x_(q,i) x_(r,j)
    for each other token i (C(d0 + 1, 2) d0 each); d1 t outputs."""
    return d1 * t * ((t - 1) * d0 * comb(d0 + 1, 2) + comb(d0 + 2, 3))


@pytest.mark.parametrize(
    ("dim", "rank", "layers", "tokens", "params", "symmetries", "expected"),
    [
        # V 2x2, Q and K 1x2: 4 + 2 + 2 = 8; GL(1) and the scaling: 2; HMK: 4 + 3 - 1 = 6.
        (2, 1, 1, 2, 8, 2, 6),
        # Q, K 2x2: 4 + 8 = 12; GL(2) and scaling: 5; HMK: 4 + 4 - 1 = 7.
        (2, 2, 1, 2, 12, 5, 7),
        # d = 3, a = 2: 9 + 12 = 21; 4 + 1 = 5; HMK: 9 + 2*4 - 1 = 16.
        (3, 2, 1, 3, 21, 5, 16),
        # Two layers, d = 2, a = 1: 16; 2 (1 + 1) + GL(2) between: 8; HMK: 2 (3 + 4) - 4 - 2.
        (2, 1, 2, 2, 16, 8, 8),
        # Two layers, d = 3, a = 2: 42; 2 (4 + 1) + 9 = 19; HMK: 2 (8 + 9) - 9 - 2 = 23.
        (3, 2, 2, 2, 42, 19, 23),
    ],
)
def test_combinatorics(dim, rank, layers, tokens, params, symmetries, expected):
    model = LightningAttention(dim, rank, layers, tokens)
    assert model.num_parameters == params
    assert model.symmetry_dimension == symmetries
    assert model.expected_dimension == expected
    assert model.expected_dimension_proved
    hmk = layers * (rank * (2 * dim - rank) + dim**2) - (layers - 1) * dim**2 - layers
    assert model.expected_dimension == hmk


@pytest.mark.parametrize(
    ("d0", "d1", "t"), [(2, 2, 2), (3, 3, 2), (2, 3, 3), (3, 1, 4), (1, 1, 2)]
)
def test_single_layer_ambient_dimension(d0, d1, t):
    model = LightningAttention((d0, d1), 1, 1, t)
    assert model.ambient_dimension == _single_layer_ambient(d0, d1, t)
    assert len(model.parametrization().source.variables) == model.ambient_dimension


def test_one_token_is_only_an_upper_bound():
    """With t = 1 the output (x^T M x) V x sees only the symmetric part of M; for d = 2,
    a = 2 that is any symmetric 2 x 2 matrix (3 entries): dim 4 + 3 - 1 = 6 < 7."""
    model = LightningAttention(2, 2, 1, 1)
    assert not model.expected_dimension_proved
    assert model.expected_dimension == 7
    ring_map = model.parametrization()
    assert jacobian_rank(ring_map, _random_point(ring_map, 2)) == 6


# -- the parametrization ----------------------------------------------------------------


def _random_point(ring_map, seed):
    rng = random.Random(seed)
    return [
        Fraction(rng.choice([-1, 1]) * rng.randint(1, 40), rng.randint(1, 6))
        for _ in ring_map.target.variables
    ]


@pytest.mark.parametrize("gauge_fixed", [False, True])
@pytest.mark.parametrize(
    ("dim", "rank", "layers", "tokens"),
    [(2, 1, 1, 2), ((3, 2), 2, 1, 3), (1, 1, 2, 2), ((2, 1, 2), 1, 2, 2)],
)
def test_parametrization_is_the_network(dim, rank, layers, tokens, gauge_fixed):
    """sum_e image_(o,e)(w) x^e equals output o of the layers applied to a random X."""
    model = LightningAttention(dim, rank, layers, tokens)
    ring_map = model.parametrization(gauge_fixed=gauge_fixed)
    rng = random.Random(9)
    names = ring_map.target.variables
    weights = {name: Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for name in names}
    d0 = model.dims[0]
    x = [
        [Fraction(rng.randint(-3, 3), rng.randint(1, 2)) for _ in range(d0)] for _ in range(tokens)
    ]
    values = x
    for value, query, key in _matrices(model, weights):
        values = _attention_layer(values, value, query, key)
    expected = [entry for token in values for entry in token]

    flat_x = [entry for token in x for entry in token]
    point = [weights[name] for name in names]
    position = 0
    for output, monomials in enumerate(model.output_monomials):
        total = Fraction(0)
        for exponents in monomials:
            coefficient = Fraction(0)
            for weight_exponents, c in ring_map.images[position].items():
                term = c
                for w, e in zip(point, weight_exponents, strict=True):
                    term *= w**e
                coefficient += term
            for xi, e in zip(flat_x, exponents, strict=True):
                coefficient *= xi**e
            total += coefficient
            position += 1
        assert total == expected[output]


# -- dimension ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dim", "rank", "tokens"),
    [(3, 1, 2), (3, 2, 2), (3, 3, 2), (2, 1, 3), ((2, 3), 1, 2), ((3, 2), 2, 2), ((3, 1), 2, 2)],
)
def test_single_layer_jacobian_rank(dim, rank, tokens):
    """One layer, t >= 2: d_1 d_0 + a (2 d_0 - a) - 1 (HMK 2025; proof in the docstring)."""
    model = LightningAttention(dim, rank, 1, tokens)
    d0, d1 = model.dims
    ring_map = model.parametrization()
    expected = d1 * d0 + rank * (2 * d0 - rank) - 1
    assert jacobian_rank(ring_map, _random_point(ring_map, 4)) == expected


def _evaluation_jacobian_rank(model, samples, seed):
    """Rank mod p of d(output entries at random X_s)/d(weights) at random weights.

    Forward differentiation with pairs (value, gradient) mod p.  Each row is a
    combination of rows of the coefficient Jacobian at the same weights, and reducing
    mod p can only lower a rank, so this is a lower bound for the dimension.
    """
    rng = random.Random(seed)
    names = model.weight_names()
    count = len(names)
    index = {name: i for i, name in enumerate(names)}

    def constant(value):
        return (value % PRIME, [0] * count)

    def add(a, b):
        return ((a[0] + b[0]) % PRIME, [(x + y) % PRIME for x, y in zip(a[1], b[1], strict=True)])

    def multiply(a, b):
        return (
            a[0] * b[0] % PRIME,
            [(a[0] * y + b[0] * x) % PRIME for x, y in zip(a[1], b[1], strict=True)],
        )

    weights = {}
    for name in names:
        gradient = [0] * count
        gradient[index[name]] = 1
        weights[name] = (rng.randrange(PRIME), gradient)

    def matrix(letter, layer, rows, columns):
        return [
            [weights[f"{letter}_{layer}_{r}_{c}"] for c in range(columns)] for r in range(rows)
        ]

    def apply(m, vector):
        result = []
        for row in m:
            total = constant(0)
            for entry, value in zip(row, vector, strict=True):
                total = add(total, multiply(entry, value))
            result.append(total)
        return result

    rows = []
    for _ in range(samples):
        tokens = [
            [constant(rng.randrange(PRIME)) for _ in range(model.dims[0])]
            for _ in range(model.tokens)
        ]
        for layer, rank in enumerate(model.ranks, start=1):
            d_in, d_out = model.dims[layer - 1], model.dims[layer]
            values = [apply(matrix("v", layer, d_out, d_in), y) for y in tokens]
            queries = [apply(matrix("q", layer, rank, d_in), y) for y in tokens]
            keys = [apply(matrix("k", layer, rank, d_in), y) for y in tokens]
            new_tokens = []
            for j in range(model.tokens):
                output = [constant(0)] * d_out
                for k in range(model.tokens):
                    weight = constant(0)
                    for a, b in zip(keys[k], queries[j], strict=True):
                        weight = add(weight, multiply(a, b))
                    output = [
                        add(o, multiply(weight, v)) for o, v in zip(output, values[k], strict=True)
                    ]
                new_tokens.append(output)
            tokens = new_tokens
        rows.extend(entry[1] for token in tokens for entry in token)
    matrix_mod_p = flint.nmod_mat(len(rows), count, [v for row in rows for v in row], PRIME)
    return int(matrix_mod_p.rank())


@pytest.mark.parametrize(
    ("dim", "rank", "layers", "tokens"),
    [(2, 1, 2, 2), (2, 2, 2, 2), (3, 2, 2, 3), (3, 1, 2, 2), (2, 1, 3, 2), (3, 3, 2, 2)],
)
def test_deep_dimension_lower_bound_meets_hmk(dim, rank, layers, tokens):
    """HMK 2025: l (a (2d - a) + d^2) - (l - 1) d^2 - l.  The evaluation Jacobian gives a
    lower bound; the quotient by the symmetry group of that dimension, an upper bound."""
    model = LightningAttention(dim, rank, layers, tokens)
    hmk = layers * (rank * (2 * dim - rank) + dim**2) - (layers - 1) * dim**2 - layers
    samples = hmk + 3
    assert _evaluation_jacobian_rank(model, samples, seed=1) == hmk
    assert model.expected_dimension == hmk


@pytest.mark.parametrize(
    ("dim", "rank", "dimension", "degree"),
    [
        # d = 1: token j -> m v x_j (x_1^2 + x_2^2); one coordinate direction: a line.
        (1, 1, 1, 1),
        # d_0 = 2, d_1 = 1, a = 1: dimension 2 + 3 - 1 = 4; Segre degree C(1 + 2, 1) * 2 = 6
        # (the rank <= 1 2x2 matrices are a quadric), halved: v and u = K^T can be swapped.
        ((2, 1), 1, 4, 3),
        # d = 2, a = 1: dimension 4 + 3 - 1 = 6; degree C(3 + 2, 3) * 2 = 20.
        (2, 1, 6, 20),
        # d = 2, a = 2: dimension 4 + 4 - 1 = 7; Segre P^3 x P^3: C(6, 3) = 20.
        (2, 2, 7, 20),
    ],
)
def test_single_layer_neurovariety(backend, dim, rank, dimension, degree):
    model = LightningAttention(dim, rank, 1, 2)
    assert (model.expected_dimension, model.expected_degree) == (dimension, degree)
    result = implicitize(model, backend=backend)
    assert (result.dimension, result.degree) == (dimension, degree)


# -- invalid options --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"dim": 2, "attention_rank": 3}, "attention_rank"),
        ({"dim": [3, 2, 1], "attention_rank": [2, 3], "layers": 2}, "attention_rank"),
        ({"dim": [2, 2], "attention_rank": 1, "layers": 2}, "dim"),
        ({"dim": 2, "attention_rank": [1, 1], "layers": 1}, "attention_rank"),
        ({"dim": 0, "attention_rank": 1}, "dim"),
        ({"dim": -2, "attention_rank": 1}, "dim"),
        ({"dim": 2, "attention_rank": 0}, "attention_rank"),
        ({"dim": 2, "attention_rank": 1, "layers": 0}, "layers"),
        ({"dim": 2, "attention_rank": 1, "tokens": 0}, "tokens"),
    ],
)
def test_rejects_bad_options(options, name):
    with pytest.raises(InvalidInputError) as caught:
        model_from_options("attention", options)
    assert caught.value.name == name


def test_registered_under_its_name():
    model = model_from_options(
        "attention", {"dim": 3, "attention_rank": 2, "layers": 2, "tokens": 3}
    )
    assert model == LightningAttention(3, 2, 2, 3)
    assert model.describe() == {
        "model": "attention",
        "dim": 3,
        "attention_rank": 2,
        "layers": 2,
        "tokens": 3,
    }


@pytest.mark.singular
@pytest.mark.slow
def test_scalar_values_halve_the_segre_degree(singular_session):
    """d_0 = 3, d_1 = 1, a = 1: dimension 3 + 5 - 1 = 7; Segre product of P^2 with the
    rank <= 1 3x3 matrices (Segre P^2 x P^2, degree 6, dimension 4): C(2 + 4, 2) * 6 = 90,
    halved by the swap of v and u: 45."""
    model = LightningAttention((3, 1), 1, 1, 2)
    assert model.expected_degree == 45
    result = implicitize(model, backend=singular_session)
    assert (result.dimension, result.degree) == (7, 45)


@pytest.mark.singular
def test_gauge_fixing_keeps_the_variety(singular_session):
    """Fixing Q's first a columns to I and V[0][0] to 1 moves a dense open set of weights
    along their orbits without changing the function, so the ideal is the same."""
    model = LightningAttention(2, 1, 1, 2)
    fixed = implicitize(model, backend=singular_session, gauge_fixed=True)
    free = implicitize(model, backend=singular_session, gauge_fixed=False)
    assert fixed.hilbert_polynomial == free.hilbert_polynomial
    assert fixed.groebner_basis == free.groebner_basis


@pytest.mark.parametrize(
    ("dim", "rank", "upper"),
    [
        # a = (1, 2), d = 3: layer 1 outputs z r^T (rank one, A_1 = (X^T u)(w^T X)), so
        # layer 2 is (z^T M_2 z) (r^T r) V_2 z r^T: M_2 enters only through its symmetric
        # part, a generic symmetric 3 x 3 matrix (6 parameters, not the 8 of rank <= 2):
        # at most 20 - 2 = 18.
        (3, (1, 2), 18),
        # d = (2, 3, 2), a = 1: layer 1's tokens lie in the image of V_1, a plane, so the
        # network is one with d = (2, 2, 2), a = 1: 2 (3 + 4) - 4 - 2 = 8.
        ((2, 3, 2), 1, 8),
    ],
)
def test_beyond_hmk_hypotheses_the_count_is_too_large(dim, rank, upper):
    """Outside d_i = d, a_i = a the count parameters - group is not the dimension; the
    upper bound by hand above is met by the evaluation Jacobian's lower bound."""
    model = LightningAttention(dim, rank, 2, 2)
    assert not model.expected_dimension_proved
    assert model.expected_dimension > upper
    assert _evaluation_jacobian_rank(model, model.expected_dimension + 4, seed=2) == upper
