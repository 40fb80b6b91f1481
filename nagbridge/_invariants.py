"""Invariants of neurovarieties: singular locus, fibres and identifiability, ED degree.

Each function computes the implicit ideal (or the parametrization) of a model, any
object of the :class:`~nagbridge.problems.Model` protocol (a registered model, a
:class:`~nagbridge.models.CustomMap`), then asks one CAS (Macaulay2 or Singular) for
the invariant.  Coordinates are the source variables of the model's parametrization:
for networks the monomial coefficients ``c_i_e`` of the outputs (see
:mod:`nagbridge.models._naming`), where the neurovariety is an affine cone.  What only
makes sense for a :class:`~nagbridge.PolynomialNetwork` (the comparison with narrower
networks, weight matrices ``W1 ...``) stays specific to networks.
"""

from __future__ import annotations

import dataclasses
import json
import random
import time
from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import factorial, lcm, prod
from pathlib import Path
from typing import Any

import flint

from nagbridge._api import get_backend, implicitize
from nagbridge._exceptions import CASNotFoundError, InvalidInputError
from nagbridge.algebra import Ideal, RingMap
from nagbridge.fast import fast_dimension
from nagbridge.models import LinearNetwork, PolynomialNetwork, ShallowNetwork
from nagbridge.models._naming import weight_name
from nagbridge.problems import (
    INNER_PRODUCTS,
    EDDegreeProblem,
    EDDegreeResult,
    FiberProblem,
    FiberResult,
    Model,
    SingularLocusProblem,
    SingularLocusResult,
    SubnetworkCheck,
)

__all__ = [
    "INVARIANT_BACKENDS",
    "check_weights",
    "ed_degree",
    "fiber",
    "inner_product_weights",
    "load_weights",
    "singular_locus",
    "sub_architectures",
]

#: Which CAS the invariant functions accept; ``auto`` is Singular when installed.
INVARIANT_BACKENDS = ("auto", "macaulay2", "singular")

Weights = tuple[tuple[tuple[Fraction, ...], ...], ...]


def _check_model(model: object) -> Model:
    """Any model with the pipeline's protocol; a network's size is checked here too."""
    needed = ("parametrization", "describe", "ambient_dimension", "num_parameters")
    if not all(hasattr(model, name) for name in needed):
        raise InvalidInputError(
            "model", model, "expected a model (a registered model or a CustomMap)"
        )
    check_expandable = getattr(model, "check_expandable", None)
    if callable(check_expandable):
        check_expandable()
    return model  # type: ignore[return-value]  # the protocol's members are checked above


def _adapter(backend: object, mode: str) -> Any:
    """A shared CAS session: ``auto`` is Singular if installed, else Macaulay2."""
    if not isinstance(backend, str):
        return backend
    choice = backend.lower()
    if choice not in INVARIANT_BACKENDS:
        raise InvalidInputError(
            "backend", backend, f"expected one of {', '.join(INVARIANT_BACKENDS)}"
        )
    if choice != "auto":
        return get_backend(choice, mode)
    try:
        return get_backend("singular", mode)
    except CASNotFoundError:
        return get_backend("macaulay2", mode)


def _cas_version(adapter: Any, reported: str | None = None) -> str | None:
    return reported or getattr(adapter, "version", None)


def sub_architectures(widths: Sequence[int]) -> tuple[tuple[int, ...], ...]:
    """The widths obtained by decreasing one hidden width by one (distinct, in order).

    >>> sub_architectures((2, 2, 3))
    ((2, 1, 3),)
    >>> sub_architectures((3, 1, 2, 2))
    ((3, 0, 2, 2), (3, 1, 1, 2))
    """
    found: list[tuple[int, ...]] = []
    for index in range(1, len(widths) - 1):
        smaller = (*widths[:index], widths[index] - 1, *widths[index + 1 :])
        if smaller not in found:
            found.append(smaller)
    return tuple(found)


def _sub_ideal(widths: tuple[int, ...], network: PolynomialNetwork, adapter: Any) -> Ideal:
    """The implicit ideal of a narrower network in the coefficient ring of ``network``.

    A hidden width 0 gives the zero function (the ideal of the origin), or the constant
    functions when later layers add something to the empty layer: biases, or an
    activation with s(0) = a_0 != 0 followed by another hidden layer (then every
    constant is reached by W_L).  Otherwise the narrower network has the same input
    width, output width and output degree, hence the same coefficient variables.
    """
    ring = network.parametrization(gauge_fixed=True).source
    if min(widths) == 0:
        empty = widths.index(0)
        shifted = network.activation is not None and network.activation[0] != 0
        constants = network.biases or (shifted and empty < network.num_layers - 1)
        size = len(network.monomials)
        zero = [i for i in range(ring.ngens) if not constants or any(network.monomials[i % size])]
        return Ideal(ring, tuple(ring.poly({_unit(i, ring.ngens): Fraction(1)}) for i in zero))
    narrower = dataclasses.replace(network, widths=widths)
    return implicitize(narrower, backend=adapter).implicit_ideal


def _as_network(model: object) -> PolynomialNetwork | None:
    """The model as a :class:`PolynomialNetwork`, when it is one (a shallow network is)."""
    if isinstance(model, PolynomialNetwork):
        return model
    if isinstance(model, ShallowNetwork):
        return model.network()
    return None


def _model_name(model: object) -> str:
    describe = getattr(model, "describe", None)
    description: object = describe() if callable(describe) else {}
    if isinstance(description, Mapping) and "model" in description:
        return str(description["model"])
    return type(model).__name__


def _unit(index: int, length: int) -> tuple[int, ...]:
    return tuple(1 if i == index else 0 for i in range(length))


def singular_locus(
    model: Model,
    *,
    backend: Any = "auto",
    mode: str = "session",
    components: bool = False,
    subnetworks: bool | None = None,
    timeout: float | None = None,
) -> SingularLocusResult:
    """The singular locus of the variety of ``model`` (closure of its image), over QQ.

    With I the (prime) implicit ideal and c its codimension, the singular locus is
    V(I + I_c(Jac I)) by the Jacobian criterion (Eisenbud, *Commutative Algebra*,
    Cor. 16.20).  The ideal I + I_c(Jac I) is in general not radical; the reported
    ``locus`` is the reduced locus, its radical (Nullstellensatz), with the dimension
    and degree of the affine cone of that reduced set.  The degree of the scheme
    I + I_c(Jac I) (points counted with multiplicity) is kept as ``scheme_degree``.
    With
    ``components``, its minimal primes (irreducible components) are computed too.
    With ``subnetworks`` (the default, None, means: for polynomial networks), it is
    compared with the union of the neurovarieties of the architectures with one hidden
    width decreased by one ("singularities are subnetworks"), on radicals: the
    comparison says which containments hold.  Only a
    :class:`~nagbridge.PolynomialNetwork` has sub-architectures, and a
    :class:`~nagbridge.models.ShallowNetwork` (d0, k, r), which is the network with
    widths (d0, k, 1) and the same coefficient coordinates; ``subnetworks=True`` for
    another model raises :class:`~nagbridge.InvalidInputError`.

    For linear networks (r = 1) the neurovariety is the determinantal variety of
    d_L x d_0 matrices of rank <= rho, whose singular locus is rank <= rho - 1
    (Bruns and Vetter, *Determinantal Rings*, 2.6).
    """
    checked = _check_model(model)
    if not isinstance(components, bool) or not isinstance(subnetworks, (bool, type(None))):
        raise InvalidInputError("components/subnetworks", (components, subnetworks), "booleans")
    network = _as_network(checked)
    is_network = network is not None
    if subnetworks is None:
        subnetworks = is_network
    if subnetworks and not is_network:
        raise InvalidInputError(
            "subnetworks", True, f"needs a polynomial network, not a {_model_name(checked)} model"
        )
    adapter = _adapter(backend, mode)
    started = time.perf_counter()

    neurovariety = implicitize(checked, backend=adapter, timeout=timeout)
    codimension = checked.ambient_dimension - neurovariety.dimension
    problem = SingularLocusProblem(
        neurovariety.implicit_ideal, codimension, components, checked.describe()
    )
    scheme, parts, version = adapter.singular_locus(problem, timeout=timeout)
    # the reduced locus: I + minors is in general not radical (its degree counts the
    # points with multiplicity), so the locus reported is V(rad(I + minors))
    locus = scheme if scheme.is_empty else adapter.radical(scheme.ideal, timeout=timeout)

    check = None
    if subnetworks and network is not None:
        architectures = sub_architectures(network.widths)
        ideals = [_sub_ideal(widths, network, adapter) for widths in architectures]
        comparison = adapter.compare_varieties(locus.ideal, ideals, timeout=timeout)
        check = SubnetworkCheck(architectures, comparison)

    return SingularLocusResult(
        model=checked.describe(),
        neurovariety_dimension=neurovariety.dimension,
        ambient_dimension=checked.ambient_dimension,
        locus=locus,
        scheme_degree=scheme.degree,
        components=parts,
        subnetworks=check,
        backend=adapter.name,
        cas_version=_cas_version(adapter, version),
        seconds=time.perf_counter() - started,
    )


# -- fibres -----------------------------------------------------------------------------


def _exact(value: object, where: str) -> Fraction:
    if isinstance(value, (bool, float)):
        raise InvalidInputError(
            f"weight {where}", value, "must be exact: an integer or a string such as '3/2'"
        )
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        try:
            parsed = Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidInputError(
                f"weight {where}", value, "is not an integer or a fraction such as '3/2'"
            ) from None
        if "." in value or "e" in value.lower():
            raise InvalidInputError(
                f"weight {where}", value, "must be exact: an integer or a fraction p/q"
            )
        return parsed
    raise InvalidInputError(f"weight {where}", value, "must be an integer or a string p/q")


def _weight_matrices(widths: Sequence[int], weights: Mapping[str, Any]) -> Weights:
    """Validate ``{"W1": [[...], ...], ..., "WL": ...}`` against the layer ``widths``."""
    expected = [f"W{layer}" for layer in range(1, len(widths))]
    if sorted(weights) != sorted(expected):
        raise InvalidInputError(
            "weight matrices", sorted(map(str, weights)), f"expected exactly {expected}"
        )
    matrices = []
    for layer, name in enumerate(expected, start=1):
        rows, columns = widths[layer], widths[layer - 1]
        matrix = weights[name]
        if (
            not isinstance(matrix, list)
            or len(matrix) != rows
            or not all(isinstance(row, list) and len(row) == columns for row in matrix)
        ):
            lengths = (
                [len(row) if isinstance(row, list) else None for row in matrix]
                if isinstance(matrix, list)
                else None
            )
            if lengths is None:
                shape = type(matrix).__name__
            elif len(set(lengths)) == 1:
                shape = f"{len(lengths)} x {lengths[0]}"
            else:
                shape = f"rows of lengths {lengths}"
            raise InvalidInputError(
                f"shape of {name}",
                shape,
                f"expected {rows} rows of {columns} entries (d_{layer} x d_{layer - 1})",
            )
        matrices.append(
            tuple(
                tuple(_exact(entry, f"{name}[{i}][{j}]") for j, entry in enumerate(row))
                for i, row in enumerate(matrix)
            )
        )
    return tuple(matrices)


def _is_matrix_format(weights: Mapping[str, Any]) -> bool:
    """Whether ``weights`` names weight matrices W1, W2, ... (a network's own format)."""
    return any(isinstance(key, str) and key[:1] == "W" and key[1:].isdigit() for key in weights)


def check_weights(model: Model, weights: object) -> tuple[Fraction, ...]:
    """Validate a parameter point of ``model``; the values in the parametrization's order.

    Two formats.  For any model, a table ``{"name": value, ...}`` with exactly the
    parameter names of ``model.parametrization()`` (the target variables, no gauge
    fixing), e.g. ``{"s": 1, "t": "3/2"}`` for a custom map or ``{"w_1_0_0": 1, ...}``
    for a network.  For a :class:`~nagbridge.PolynomialNetwork` without biases and a
    :class:`~nagbridge.models.LinearNetwork` (the network with r = 1; its parameters
    are the same w_l_i_j, W_1 first, row by row) also the matrices
    ``{"W1": [[...], ...], ..., "WL": ...}``, W_l with d_l rows of d_(l-1) entries.
    Values are exact: integers, or strings "p/q".

    >>> from nagbridge.models import CustomMap
    >>> conic = CustomMap(("s", "t"), {"a": "s^2", "b": "s*t", "c": "t^2"})
    >>> check_weights(conic, {"t": "3/2", "s": 1})
    (Fraction(1, 1), Fraction(3, 2))
    """
    if not isinstance(weights, Mapping):
        raise InvalidInputError(
            "weights", type(weights).__name__, 'expected a table {"name": value, ...}'
        )
    if isinstance(model, PolynomialNetwork) and _is_matrix_format(weights):
        if model.biases:
            raise InvalidInputError(
                "weights",
                sorted(str(key) for key in weights),
                "a network with biases takes its point by parameter names "
                "(w_l_i_j and b_l_i), not as matrices W1, ...",
            )
        matrices = _weight_matrices(model.widths, weights)
        return tuple(entry for matrix in matrices for row in matrix for entry in row)
    if isinstance(model, LinearNetwork) and _is_matrix_format(weights):
        matrices = _weight_matrices(model.widths, weights)
        by_name = {
            weight_name(layer, i, j): entry
            for layer, matrix in enumerate(matrices, start=1)
            for i, row in enumerate(matrix)
            for j, entry in enumerate(row)
        }
        return tuple(by_name[name] for name in model.weight_names(gauge_fixed=False))
    names = model.parametrization(gauge_fixed=False).target.variables
    unknown = sorted(str(key) for key in weights if key not in names)
    if unknown:
        raise InvalidInputError(
            "weight names", unknown, f"not parameters of the model; expected {list(names)}"
        )
    missing = [name for name in names if name not in weights]
    if missing:
        raise InvalidInputError("weights", missing, "missing: give a value to every parameter")
    return tuple(_exact(weights[name], name) for name in names)


def read_weight_file(path: str | Path) -> object:
    """The JSON data of a weight file (checked against a model by :func:`check_weights`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInputError(
            "weight file", str(path), f"cannot be read ({error.strerror})"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInputError("weight file", str(path), f"is not JSON ({error.msg})") from None


def load_weights(model: Model, path: str | Path) -> tuple[Fraction, ...]:
    """Read and validate a JSON weight file (see :func:`check_weights`)."""
    return check_weights(model, read_weight_file(path))


def _evaluate(ring_map: RingMap, point: Sequence[Fraction]) -> tuple[Fraction, ...]:
    values = []
    for image in ring_map.images:
        total = Fraction(0)
        for exponents, coefficient in image.items():
            term = coefficient
            for value, power in zip(point, exponents, strict=True):
                if power:
                    term *= value**power
            total += term
        values.append(total)
    return tuple(values)


def jacobian_rank(ring_map: RingMap, point: Sequence[Fraction]) -> int:
    """The rank of the Jacobian of ``ring_map`` at ``point``, exactly over QQ (FLINT)."""
    rows = []
    for image in ring_map.images:
        row = [Fraction(0)] * ring_map.target.ngens
        for exponents, coefficient in image.items():
            for j, power in enumerate(exponents):
                if not power:
                    continue
                term = coefficient * power
                for k, (value, e) in enumerate(zip(point, exponents, strict=True)):
                    exponent = e - 1 if k == j else e
                    if exponent:
                        term *= value**exponent
                row[j] += term
        rows.append(row)
    matrix = flint.fmpq_mat(
        len(rows),
        ring_map.target.ngens,
        [flint.fmpq(v.numerator, v.denominator) for row in rows for v in row],
    )
    return int(matrix.rank())


def _permutation_group_order(model: Model) -> int:
    """prod d_i! over the hidden layers of a network; a model may declare its own."""
    if isinstance(model, PolynomialNetwork):
        return prod(factorial(width) for width in model.hidden_widths)
    order = getattr(model, "permutation_group_order", 1)
    return order if isinstance(order, int) and not isinstance(order, bool) and order > 0 else 1


def fiber(
    model: Model,
    weights: object,
    *,
    backend: Any = "auto",
    mode: str = "session",
    timeout: float | None = None,
) -> FiberResult:
    """The fibre of the parametrization through ``weights``, and identifiability.

    ``weights`` is a parameter point in one of the formats of :func:`check_weights`.
    The fibre {w' : f(w') = f(w)} of the full parametrization f (no parameter fixed)
    is computed over QQ (its dimension over the algebraic closure), and cut by the
    gauge slice where its points are counted: w'_j = 1 for the parameters that the
    model's gauge fixing sets to 1 (those of ``parametrization(gauge_fixed=False)``
    missing from ``parametrization(gauge_fixed=True)``).  For a network that is
    w'_l_k_0 = 1 (l < L), one point per orbit of the rescaling torus through a point
    with non-zero fixed weights (see :class:`~nagbridge.problems.FiberResult`); a model
    without gauge fixing (a :class:`~nagbridge.models.CustomMap`) has an empty slice
    condition, and its fibre is counted as it is.  The generic fibre dimension is
    #parameters - dim (fibre dimension theorem), with the dimension from
    :func:`~nagbridge.fast.fast_dimension`; ``weights`` is a regular point when the
    exact Jacobian rank there equals that generic rank.  ``permutation_group_order``
    is prod d_i! for a network, a model's own ``permutation_group_order`` attribute
    if it has one, else 1.
    """
    checked = _check_model(model)
    point = check_weights(checked, weights)
    adapter = _adapter(backend, mode)
    started = time.perf_counter()

    ring_map = checked.parametrization(gauge_fixed=False)
    values = _evaluate(ring_map, point)
    names = ring_map.target.variables
    kept = set(checked.parametrization(gauge_fixed=True).target.variables)
    gauge = tuple(index for index, name in enumerate(names) if name not in kept)
    problem = FiberProblem(ring_map, values, gauge, checked.describe())
    dimension, slice_dimension, slice_degree, slice_points, version = adapter.fiber(
        problem, timeout=timeout
    )

    generic = fast_dimension(checked)
    fixed = [names[index] for index in gauge]
    return FiberResult(
        model=checked.describe(),
        num_parameters=len(names),
        generic_rank=generic.dimension,
        generic_rank_certified=generic.is_exact,
        jacobian_rank=jacobian_rank(ring_map, point),
        fiber_dimension=dimension,
        slice_dimension=slice_dimension,
        slice_degree=slice_degree,
        slice_points=slice_points,
        permutation_group_order=_permutation_group_order(checked),
        backend=adapter.name,
        cas_version=_cas_version(adapter, version),
        seconds=time.perf_counter() - started,
        **(
            {}
            if isinstance(checked, PolynomialNetwork)
            else {
                "slice_description": (
                    f"parameters {', '.join(fixed)} set to 1 (the model's gauge fixing)"
                    if fixed
                    else "no parameter fixed: the model has no gauge fixing"
                ),
                "counted": "distinct complex points of the fibre in the slice",
            }
        ),
    )


# -- ED degree --------------------------------------------------------------------------


def _multinomial(exponents: Sequence[int]) -> int:
    return factorial(sum(exponents)) // prod(factorial(e) for e in exponents)


def _coefficient_exponents(name: str) -> tuple[int, ...] | None:
    """The exponent vector e of a coefficient name ``c_i_e0_e1...``, else None."""
    parts = name.split("_")
    if len(parts) < 3 or parts[0] != "c" or not all(part.isdigit() for part in parts[1:]):
        return None
    return tuple(int(part) for part in parts[2:])


def inner_product_weights(model: Model, inner_product: str) -> tuple[Fraction, ...]:
    """The diagonal of the inner product on the output coordinates, in ring order.

    ``euclidean``: all 1.  ``bombieri-weyl``: 1/multinomial(e) for the coefficient of
    x^e, so that <f, f> = sum_e |c_e|^2 / binom(d; e), invariant under orthogonal
    changes of x (Bombieri-Weyl; see Draisma et al. 2016, Sect. 8).  It needs output
    coordinates that are monomial coefficients: those of a network, or of any model
    whose coordinates follow the naming ``c_i_e0_e1...`` of
    :mod:`nagbridge.models._naming`; other models get the Euclidean one only.

    >>> [str(w) for w in inner_product_weights(PolynomialNetwork((2, 1, 1), 3),
    ...                                          "bombieri-weyl")]
    ['1', '1/3', '1/3', '1']
    """
    if inner_product not in INNER_PRODUCTS:
        raise InvalidInputError(
            "inner product", inner_product, f"expected one of {', '.join(INNER_PRODUCTS)}"
        )
    if isinstance(model, PolynomialNetwork):
        # Outputs of degree <= D (biases, polynomial activations): the weights of the
        # homogenization, x^e -> x^e h^(D - |e|).
        top = model.output_degree
        per_monomial = [
            Fraction(1)
            if inner_product == "euclidean"
            else Fraction(1, _multinomial((*e, top - sum(e))))
            for e in model.monomials
        ]
        return tuple(per_monomial * model.widths[-1])
    names = model.parametrization(gauge_fixed=True).source.variables
    if inner_product == "euclidean":
        return tuple(Fraction(1) for _ in names)
    exponents = [_coefficient_exponents(name) for name in names]
    if any(e is None for e in exponents):
        example = next(name for name, e in zip(names, exponents, strict=True) if e is None)
        raise InvalidInputError(
            "inner product",
            inner_product,
            f"needs monomial coefficients c_i_e as coordinates; {_model_name(model)} "
            f"has coordinates such as {example}",
        )
    return tuple(Fraction(1, _multinomial(e)) for e in exponents if e is not None)


def ed_degree(
    model: Model,
    *,
    inner_product: str = "euclidean",
    backend: Any = "auto",
    mode: str = "session",
    seed: int | None = None,
    timeout: float | None = None,
) -> EDDegreeResult:
    """The ED degree of the variety of ``model``: critical points of the distance to data.

    Counts the complex critical points of sum_e lambda_e (c_e - u_e)^2 on the smooth
    part of the variety (for networks the affine cone; c the output coordinates), for
    integer data u drawn uniformly from [-1000, 1000]
    (``seed`` makes it reproducible), over QQ; ``lambda`` is the diagonal of
    ``inner_product`` (see :func:`inner_product_weights`).  This equals the ED degree
    unless u lies on the ED discriminant, a proper subvariety (Draisma, Horobet,
    Ottaviani, Sturmfels, Thomas 2016, Sect. 7).  Eckart-Young: for r = 1 the
    Euclidean ED degree of m x n matrices of rank <= rho is C(min(m, n), rho)
    (ibid., Example 2.3).
    """
    checked = _check_model(model)
    lambdas = inner_product_weights(checked, inner_product)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InvalidInputError("seed", seed, "must be an integer")
    adapter = _adapter(backend, mode)
    started = time.perf_counter()

    neurovariety = implicitize(checked, backend=adapter, timeout=timeout)
    codimension = checked.ambient_dimension - neurovariety.dimension
    generator = random.Random(seed)
    data = tuple(generator.randint(-1000, 1000) for _ in lambdas)
    scale = lcm(*(w.denominator for w in lambdas))
    integer_weights = tuple(int(w * scale) for w in lambdas)
    problem = EDDegreeProblem(
        neurovariety.implicit_ideal,
        codimension,
        data,
        integer_weights,
        inner_product,
        checked.describe(),
    )
    dimension, count, version = adapter.ed_degree(problem, timeout=timeout)
    if count is None:
        raise InvalidInputError(
            "data",
            data,
            f"the critical scheme has dimension {dimension}, not 0: the data point is "
            "not generic; try another seed",
        )
    return EDDegreeResult(
        model=checked.describe(),
        inner_product=inner_product,
        ed_degree=count,
        data=data,
        weights=lambdas,
        field="QQ",
        backend=adapter.name,
        cas_version=_cas_version(adapter, version),
        seconds=time.perf_counter() - started,
    )
