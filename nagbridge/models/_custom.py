"""A researcher's own polynomial map, given as text in nagbridge's strict grammar."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra import Field, PolynomialRing, RingMap, parse_polynomial
from nagbridge.models._registry import ModelOption, register_model

__all__ = ["CustomMap"]


@register_model
@dataclass(frozen=True)
class CustomMap:
    """The polynomial map parameters -> outputs given by ``outputs[name] = polynomial``.

    ``parameters`` names the coordinates of the parameter space; ``outputs`` maps each
    output coordinate name to a polynomial in the parameters, written in the grammar of
    :func:`nagbridge.algebra.parse_polynomial` (exact rationals, ``*``, ``+``, ``-``,
    ``^``, parentheses; nothing else).  The variety is the Zariski closure of the image
    in the affine space of the outputs.  No symmetry is known, so the expected
    dimension is min(#parameters, #outputs), an upper bound.

    >>> conic = CustomMap(("s", "t"), {"a": "s^2", "b": "s*t", "c": "t^2"})
    >>> conic.num_parameters, conic.ambient_dimension, conic.expected_dimension
    (2, 3, 2)
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
                raise InvalidInputError(f"output {name}", text, error.reason) from None
            images.append(target.terms(polynomial))
        return RingMap(PolynomialRing(tuple(self.outputs), field), target, tuple(images))
