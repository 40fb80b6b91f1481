"""fast_dimension against dimensions known from mathematics, and what its result certifies."""

from __future__ import annotations

import json
from fractions import Fraction
from math import comb, prod

import pytest

from nagbridge import InvalidInputError, PolynomialNetwork
from nagbridge.fast import FastDimensionResult, fast_dimension
from nagbridge.fast._dimension import entry_degree


def dimension(widths: tuple[int, ...], r: int, **options: object) -> FastDimensionResult:
    network = PolynomialNetwork(widths, r)
    return fast_dimension(network, seed=2024, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("widths", "r", "expected"),
    [
        # a (u x + v y)^3: the cone over the twisted cubic in the 4 binary cubic coefficients.
        ((2, 1, 1), 3, 2),
        # Three binary quadrics in the span of two squares: det of their 3 x 3 coefficient
        # matrix vanishes, one cubic equation in 9-space.
        ((2, 2, 3), 2, 8),
        # (a, b) (u x + v y)^2: the 2 x 3 coefficient matrix has rank one, a cone over
        # P^1 x P^1 in 6-space.
        ((2, 1, 2), 2, 3),
        # Every binary quadric is a combination of two squares: filling, 3 coefficients.
        ((2, 2, 1), 2, 3),
        # Ternary quadrics of rank <= 2: the determinant of the symmetric 3 x 3 matrix.
        ((3, 2, 1), 2, 5),
        # Two ternary quadrics in the span of two squares: 8 = 10 weights - 2 rescalings.
        ((3, 2, 2), 2, 8),
        # Binary quartics: q1^2 + q2^2 with q1, q2 any binary quadrics fills all 5
        # coefficients (elimination does not finish on this one; the rank does).
        ((2, 2, 2, 1), 2, 5),
    ],
)
def test_agrees_with_symbolically_known_dimensions(widths, r, expected):
    result = dimension(widths, r)
    assert result.dimension == expected
    assert result.defect == result.expected_dimension - expected


def _secant_dimension(n: int, r: int, k: int) -> int:
    """Affine dimension of the k-th secant of v_r(P^(n-1)) (Alexander–Hirschowitz 1995)."""
    if r == 2:
        rank = min(k, n)  # quadrics of rank <= k: symmetric n x n matrices of rank <= k
        return rank * n - comb(rank, 2)
    generic = min(k * n, comb(n + r - 1, r))
    return generic - 1 if (n, r, k) in {(3, 4, 5), (4, 4, 9), (5, 4, 14), (5, 3, 7)} else generic


@pytest.mark.parametrize(
    ("n", "r", "k"),
    [
        # Generic cases: min(k n, C(n + r - 1, r)).
        (3, 3, 3),  # 9 of 10 ternary cubics
        (3, 3, 4),  # filling: 10
        (4, 3, 3),  # 12 of 20
        (2, 4, 3),  # binary quartics, filling: 5
        (4, 4, 5),  # 20 of 35
        (3, 4, 6),  # filling: 15
        (5, 3, 6),  # 30 of 35
        (5, 3, 8),  # filling: 35
        (3, 4, 4),  # 12 of 15
        (4, 4, 8),  # 32 of 35
        (4, 4, 10),  # filling: 35
        (3, 5, 7),  # ternary quintics: 7 * 3 = 21 = C(7, 5), filling
        # r = 2, 2 <= k <= n - 1: quadrics of rank <= k, dimension k n - C(k, 2).
        (3, 2, 2),
        (4, 2, 2),
        (4, 2, 3),
        (5, 2, 2),
        (5, 2, 3),
        (5, 2, 4),
        (6, 2, 5),
        # The four exceptions for r >= 3, each one below min(k n, C(n + r - 1, r)).
        (3, 4, 5),  # 14, not 15: sums of five 4th powers are a hypersurface (Clebsch)
        (4, 4, 9),  # 34, not 35
        (5, 4, 14),  # 69, not 70
        (5, 3, 7),  # 34, not 35
    ],
)
def test_shallow_networks_are_secants_of_veronese_varieties(n, r, k):
    result = dimension((n, k, 1), r)
    assert result.dimension == _secant_dimension(n, r, k)
    assert result.is_filling == (result.dimension == comb(n + r - 1, r))


@pytest.mark.parametrize(
    ("n", "r", "k"),
    [(3, 2, 2), (4, 2, 3), (3, 4, 5), (4, 4, 9), (5, 4, 14), (5, 3, 7)],
)
def test_alexander_hirschowitz_exceptions_are_reported_as_defects(n, r, k):
    # Kileel–Trager–Bruna count min(#params - k, ambient) = min(k n, C(n + r - 1, r)) here,
    # and the exceptional secants are smaller: a positive defect.
    result = dimension((n, k, 1), r)
    assert result.expected_dimension == min(k * n, comb(n + r - 1, r))
    assert result.defect == result.expected_dimension - _secant_dimension(n, r, k) > 0


@pytest.mark.parametrize(
    ("widths", "expected"),
    [
        ((3, 1, 2), 4),  # rank-1 maps R^3 -> R^2: 1 * (3 + 2 - 1)
        ((4, 2, 3), 10),  # rank <= 2 maps R^4 -> R^3: 2 * (4 + 3 - 2)
        ((2, 3, 2), 4),  # rho = 2: all 2 x 2 matrices
        ((4, 2, 5, 3), 10),  # deep linear, rho = 2: 2 * (4 + 3 - 2)
    ],
)
def test_linear_networks_are_determinantal(widths, expected):
    # r = 1: the end-to-end matrix W_L ... W_1 has rank <= rho = min(widths), and the
    # matrices of rank <= rho form a variety of dimension rho (d_0 + d_L - rho).
    result = dimension(widths, 1)
    assert result.dimension == expected == result.expected_dimension
    assert result.failure_probability_bound == 0


def test_deep_binary_network_reaches_the_subnetwork_bound():
    # Widths (2, ..., 2, 1), 8 and 9 layers, r = 2.  The last two layers (2, 2, 1)
    # produce an arbitrary binary quadric in the two values before them: 3 coefficients,
    # where the weight count (6 weights - 2 rescalings) says 4.  So the dimension is at
    # most the KTB count #params - #hidden = 2L minus 1.  The rank is a certified lower
    # bound, so reaching 2L - 1 proves the dimension, with a defect of exactly 1.
    for layers in (8, 9):
        widths = (2,) * layers + (1,)
        result = dimension(widths, 2)
        model = result.model
        assert model.num_parameters - model.symmetry_dimension == 2 * layers
        assert result.expected_dimension == 2 * layers  # the ambient 2^(L-1) + 1 is larger
        assert result.dimension == 2 * layers - 1 == result.upper_bound
        assert result.is_exact and result.failure_probability_bound == 0
        assert result.defect == 1


@pytest.mark.parametrize(
    ("widths", "r"),
    [
        ((2,) * 10, 2),  # 9 layers of width 2, two outputs of degree 256
        ((3,) * 10, 2),  # 9 layers of width 3
        ((2,) * 8 + (1,), 3),  # r = 3: (2, 2, 1) makes binary cubics, 4 = 6 - 2, no loss
    ],
)
def test_deep_networks_attain_the_parameter_count(widths, r):
    # #params - #hidden is a proven upper bound (each fibre contains a free orbit of the
    # rescaling torus); a rank equal to it certifies the dimension.  Equi-width networks
    # are known to attain it (Finkel, Rodriguez, Wu, Yahl 2024); here the rank shows it.
    model = PolynomialNetwork(widths, r)
    result = fast_dimension(model, seed=5)
    assert model.num_parameters - model.symmetry_dimension < model.ambient_dimension
    assert result.dimension == model.num_parameters - model.symmetry_dimension
    assert result.defect == 0 and result.is_exact


def test_wide_network_fills_its_ambient_space():
    # (10, 70, 70, 1), r = 2: 5670 weights, one quartic in 10 variables, C(13, 4) = 715
    # coefficients.  The last two layers give Q(l_1^2, ..., l_70^2) for any quadric Q;
    # 70 generic squares span all 55 quadrics in 10 variables, their pairwise products
    # span all quartics, so the network fills (KTB's expected dimension is attained); a
    # rank of 715 = ambient certifies it.
    result = dimension((10, 70, 70, 1), 2)
    assert result.num_parameters >= 5000
    assert result.ambient_dimension == comb(13, 4) == 715
    assert result.dimension == result.expected_dimension == 715
    assert result.is_filling and result.is_exact


@pytest.mark.slow
def test_wide_four_layer_network_reaches_its_cut_bound():
    # (10, 50, 50, 50, 1), r = 2: 5550 weights, KTB count 5550 - 150 = 5400.  Cut after
    # layer 2: the 50 quadrics of the first two layers are any 50 of the 55-dimensional
    # space of quadrics in 10 variables (2750 coefficients), and the last two layers make
    # any quadric in their 50 squares (C(51, 2) = 1275); 50 rescalings are shared, so
    # dim <= 2750 + 1275 - 50 = 3975, and the rank reaches it.
    result = dimension((10, 50, 50, 50, 1), 2, trials=1)
    assert result.num_parameters == 5550 and result.expected_dimension == 5400
    assert result.dimension == result.upper_bound == 3975
    assert result.defect == 1425


def test_deep_network_beyond_the_symbolic_limit():
    # 94 million coefficients: the symbolic parametrization is refused, the rank is not.
    model = PolynomialNetwork((10, 2, 2, 2, 1), 3)
    with pytest.raises(InvalidInputError):
        model.parametrization()
    result = fast_dimension(model, seed=3)
    assert result.dimension == model.num_parameters - model.symmetry_dimension == 24


def test_failure_bound_of_an_uncertified_defect_shrinks_with_trials():
    # (3, 4, 2, 1), r = 2: f = c1 q1^2 + c2 q2^2 with (q1, q2) any two ternary quadrics
    # (the first two layers fill all 12 coefficients).  A binary quadric in q1, q2 is a
    # product of two members of their pencil, so f ranges over products of two ternary
    # quadrics: dimension 6 + 6 - 1 = 11, while the cut bounds only give 12.  The rank
    # finds 11 but cannot prove it, so the result carries a positive failure bound.
    bounds = []
    for trials in (1, 2, 3):
        result = dimension((3, 4, 2, 1), 2, trials=trials)
        assert result.dimension == 11 and result.upper_bound == 12
        assert not result.is_exact
        assert result.trials == len(result.ranks) == len(result.primes) == trials
        assert len(set(result.primes)) == trials  # distinct default primes
        per_trial = [Fraction(12 * entry_degree(result.model), p) for p in result.primes]
        assert result.failure_probability_bound == prod(per_trial)
        bounds.append(result.failure_probability_bound)
    assert 1 > bounds[0] > bounds[1] > bounds[2] > 0


def test_trials_stop_once_the_dimension_is_proven():
    result = dimension((2, 2, 3), 2, trials=5)
    assert result.trials == 1 and result.failure_probability_bound == 0


def test_given_primes_are_used_in_turn():
    result = dimension((3, 4, 2, 1), 2, trials=3, primes=[1048583, 2147483629])
    assert result.primes == (1048583, 2147483629, 1048583)
    assert result.dimension == 11


def test_seed_makes_ranks_reproducible():
    first = dimension((3, 4, 2, 1), 2, trials=2)
    second = dimension((3, 4, 2, 1), 2, trials=2)
    assert first.ranks == second.ranks and first.primes == second.primes


def test_to_dict_is_json_with_the_documented_keys():
    result = dimension((3, 4, 2, 1), 2)
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {
        "dimension",
        "expected_dimension",
        "ambient_dimension",
        "num_parameters",
        "defect",
        "is_filling",
        "method",
        "primes",
        "trials",
        "ranks",
        "failure_probability_bound",
        "seconds",
        "upper_bound",
        "is_exact",
        "model",
    }
    assert data["method"] == "jacobian-rank-mod-p"
    assert data["model"] == {"model": "polynomial", "widths": [3, 4, 2, 1], "activation_degree": 2}
    # KTB: min(22 weights - 6 rescalings, C(6, 4) = 15 quartic coefficients) = 15.
    assert (data["dimension"], data["expected_dimension"], data["defect"]) == (11, 15, 4)
    assert data["primes"] == list(result.primes) and data["ranks"] == list(result.ranks)
    # The float never understates the exact bound.
    assert 0 < result.failure_probability_bound <= Fraction(data["failure_probability_bound"])


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"trials": 0}, "trials"),
        ({"trials": -2}, "trials"),
        ({"trials": 1.5}, "trials"),
        ({"trials": True}, "trials"),
        ({"trials": "2"}, "trials"),
        ({"primes": []}, "primes"),
        ({"primes": 2147483647}, "primes"),
        ({"primes": "2147483647"}, "primes"),
        ({"primes": [2147483648]}, "prime"),  # 2^31, outside the range
        ({"primes": [2147483659]}, "prime"),  # prime, but above 2^31
        ({"primes": [1048571]}, "prime"),  # prime, but below 2^20
        ({"primes": [2147483645]}, "prime"),  # in range, not prime (5 * ...)
        ({"primes": [2147483647, 7.0]}, "prime"),
        ({"seed": -1}, "seed"),
        ({"seed": "x"}, "seed"),
    ],
)
def test_bad_options_are_rejected_with_their_name(options, named):
    with pytest.raises(InvalidInputError) as caught:
        fast_dimension(PolynomialNetwork((2, 2, 3), 2), **options)
    assert caught.value.name == named
    assert repr(caught.value.value) in str(caught.value)


def test_a_model_must_be_a_polynomial_network():
    with pytest.raises(InvalidInputError) as caught:
        fast_dimension((2, 2, 3))  # type: ignore[arg-type]
    assert caught.value.name == "model"
