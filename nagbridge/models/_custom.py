"""A researcher's own polynomial map: text in nagbridge's strict grammar, or sympy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import sympy

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import (
    Exponents,
    Field,
    PolynomialRing,
    RingMap,
    parse_polynomial,
    polynomial_from_sympy,
    polynomial_text,
)
from nagbridge.models._naming import coefficient_name
from nagbridge.models._registry import ModelOption, register_model

__all__ = ["CustomMap"]


@register_model
@dataclass(frozen=True)
class CustomMap:
    """The polynomial map parameters -> outputs given by ``outputs[name] = polynomial``.

    ``parameters`` names the coordinates of the parameter space; ``outputs`` maps each
    output coordinate name to a polynomial in the parameters, written in the grammar of
    :func:`nagbridge.algebra.parse_polynomial` (exact rationals, ``*``, ``+``, ``-``,
    ``^``, parentheses; nothing else); a bad polynomial raises
    :class:`~nagbridge.InvalidInputError` naming the output (``outputs.a``) and the
    position of the bad character.  The variety is the Zariski closure of the image
    in the affine space of the outputs.  No symmetry is known, so the expected
    dimension is min(#parameters, #outputs), an upper bound.

    >>> conic = CustomMap(("s", "t"), {"a": "s^2", "b": "s*t", "c": "t^2"})
    >>> conic.num_parameters, conic.ambient_dimension, conic.expected_dimension
    (2, 3, 2)

    The same map from sympy expressions (:meth:`from_sympy`), and a network given by
    weights, inputs and outputs (:meth:`from_network`) are turned into this text form
    exactly, so every front end (batch specs, the CLI) sees one kind of model.
    """

    MODEL_NAME: ClassVar[str] = "custom"
    OPTIONS: ClassVar[tuple[ModelOption, ...]] = (
        ModelOption("parameters", "strs", "names of the parameters", required=True),
        ModelOption("outputs", "mapping", "output name -> polynomial text", required=True),
    )

    parameters: tuple[str, ...]
    outputs: Mapping[str, str]

    def __post_init__(self) -> None:
        if isinstance(self.parameters, str) or not isinstance(self.parameters, Sequence):
            raise InvalidInputError("parameters", self.parameters, "must be a list of names")
        object.__setattr__(self, "parameters", tuple(self.parameters))
        if not isinstance(self.outputs, Mapping) or not self.outputs:
            raise InvalidInputError("outputs", self.outputs, "must map names to polynomials")
        object.__setattr__(self, "outputs", dict(self.outputs))
        PolynomialRing(tuple(self.outputs))  # validates the output names
        overlap = set(self.parameters) & set(self.outputs)
        if overlap:
            raise InvalidInputError(
                "outputs", sorted(overlap), "output names must differ from parameter names"
            )
        self.parametrization()  # parse everything now: bad text never waits for a CAS

    @classmethod
    def from_sympy(
        cls,
        parameters: Sequence[sympy.Symbol | str],
        outputs: Mapping[str, object] | Sequence[object],
    ) -> CustomMap:
        """The map whose outputs are sympy expressions in the ``parameters`` (symbols).

        ``outputs`` maps output names to expressions, or lists the expressions, then
        named ``y_0``, ``y_1``, ...  Each expression is converted exactly through
        ``sympy.Poly`` (see :func:`~nagbridge.algebra.polynomial_from_sympy`): a float,
        a symbol that is not a parameter or a non-polynomial expression raises
        :class:`~nagbridge.InvalidInputError` naming the output (``outputs.a``, or
        ``outputs[0]`` for a list).  A symbol with
        assumptions (``positive=True``) stands for the parameter of its name.

        >>> s, t = sympy.symbols("s t")
        >>> CustomMap.from_sympy([s, t], {"a": s**2, "b": s * t / 2}).outputs
        {'a': 's^2', 'b': '1/2*s*t'}
        """
        names = _names("parameters", parameters)
        ring = PolynomialRing(names)
        # (output name, the option named in errors, expression)
        if isinstance(outputs, Mapping):
            items = [(name, f"outputs.{name}", value) for name, value in outputs.items()]
        elif isinstance(outputs, Sequence) and not isinstance(outputs, (str, bytes)):
            items = [
                (f"y_{index}", f"outputs[{index}]", expression)
                for index, expression in enumerate(outputs)
            ]
        else:
            raise InvalidInputError(
                "outputs", str(outputs), "must map names to sympy expressions, or list them"
            )
        plain = _plain_symbols(parameters, ring)
        texts = {}
        for name, label, expression in items:
            if isinstance(expression, sympy.Basic):
                expression = expression.xreplace(plain)
            polynomial = polynomial_from_sympy(expression, ring, label)
            texts[str(name)] = polynomial_text(ring.terms(polynomial), names)
        return cls(names, texts)

    @classmethod
    def from_network(
        cls,
        weights: Sequence[sympy.Symbol | str],
        inputs: Sequence[sympy.Symbol | str],
        outputs: Sequence[object],
    ) -> CustomMap:
        """The function space of a network: its outputs' coefficients in the inputs.

        ``outputs`` are sympy polynomials in the ``weights`` and the ``inputs``
        x_0, ..., x_(n-1) (the network's functions f_i(w; x)).  Writing
        f_i = sum_e c_i_e(w) x^e, the map sends w to the coefficients c_i_e(w): its
        image is the set of functions the network computes, and the Zariski closure of
        the image is the neurovariety (Kileel, Trager, Bruna, NeurIPS 2019).  The
        coordinates follow the naming of the built-in models, ``c_i_e0_..._e(n-1)``
        (:mod:`nagbridge.models._naming`), output by output, monomials in descending
        lex order; only monomials with a non-zero coefficient polynomial get a
        coordinate (the others vanish on the whole function space).

        >>> a, u, v, x, y = sympy.symbols("a u v x y")
        >>> net = CustomMap.from_network([a, u, v], [x, y], [a * (u * x + v * y) ** 2])
        >>> net.outputs
        {'c_0_2_0': 'a*u^2', 'c_0_1_1': '2*a*u*v', 'c_0_0_2': 'a*v^2'}
        """
        weight_names = _names("weights", weights)
        input_names = _names("inputs", inputs)
        shared = set(weight_names) & set(input_names)
        if shared:
            raise InvalidInputError("inputs", sorted(shared), "are also weights")
        if isinstance(outputs, (str, bytes)) or not isinstance(outputs, Sequence) or not outputs:
            raise InvalidInputError("outputs", str(outputs), "must list the network's outputs")
        ring = PolynomialRing((*weight_names, *input_names))
        plain = _plain_symbols([*weights, *inputs], ring)
        count = len(weight_names)
        texts: dict[str, str] = {}
        for index, expression in enumerate(outputs):
            if isinstance(expression, sympy.Basic):
                expression = expression.xreplace(plain)
            polynomial = polynomial_from_sympy(expression, ring, f"outputs[{index}]")
            by_monomial: dict[Exponents, dict[Exponents, Fraction]] = {}
            for exponents, coefficient in ring.terms(polynomial).items():
                if coefficient == 0:
                    continue
                weight_part, input_part = exponents[:count], exponents[count:]
                by_monomial.setdefault(input_part, {})[weight_part] = coefficient
            for monomial in sorted(by_monomial, reverse=True):
                texts[coefficient_name(index, monomial)] = polynomial_text(
                    by_monomial[monomial], weight_names
                )
        if not texts:
            raise InvalidInputError("outputs", str(outputs), "every output is zero")
        return cls(weight_names, texts)

    @property
    def num_parameters(self) -> int:
        return len(self.parameters)

    @property
    def symmetry_dimension(self) -> int:
        return 0

    @property
    def ambient_dimension(self) -> int:
        return len(self.outputs)

    @property
    def expected_dimension(self) -> int:
        return min(self.num_parameters, self.ambient_dimension)

    def describe(self) -> dict[str, Any]:
        return {
            "model": "custom",
            "parameters": list(self.parameters),
            "outputs": dict(self.outputs),
        }

    def parametrization(self, field: Field | str = "QQ", gauge_fixed: bool = False) -> RingMap:
        """The ring map outputs -> parameters; ``gauge_fixed`` has no effect (no symmetry)."""
        field = Field.parse(field)
        target = PolynomialRing(self.parameters, field)
        images: list[dict[tuple[int, ...], Fraction]] = []
        for name, text in self.outputs.items():
            try:
                polynomial = parse_polynomial(text, target)
            except InvalidInputError as error:
                raise InvalidInputError(f"outputs.{name}", text, error.reason) from None
            images.append(target.terms(polynomial))
        return RingMap(PolynomialRing(tuple(self.outputs), field), target, tuple(images))


def _names(option: str, symbols: object) -> tuple[str, ...]:
    """The names of a list of sympy symbols (or of names), checked as variable names."""
    if isinstance(symbols, (str, bytes)) or not isinstance(symbols, Sequence):
        raise InvalidInputError(option, str(symbols), "must be a list of sympy symbols")
    names = []
    for entry in symbols:
        if isinstance(entry, sympy.Symbol):
            names.append(entry.name)
        elif isinstance(entry, str):
            names.append(entry)
        else:
            raise InvalidInputError(option, str(entry), "is not a sympy Symbol")
    PolynomialRing(tuple(names))  # validates the names and their distinctness
    return tuple(names)


def _plain_symbols(
    given: Sequence[sympy.Symbol | str], ring: PolynomialRing
) -> dict[sympy.Basic, sympy.Basic]:
    """Replace symbols carrying assumptions by the ring's plain symbols of the same name."""
    return {
        entry: plain
        for entry, plain in zip(given, ring.symbols, strict=True)
        if isinstance(entry, sympy.Symbol) and entry != plain
    }
