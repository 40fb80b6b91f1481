"""Ring maps given by the images of the variables."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from nagbridge._exceptions import InvalidInputError
from nagbridge.algebra._ring import PolynomialRing, Terms

__all__ = ["RingMap"]


@dataclass(frozen=True)
class RingMap:
    """The ring map phi: source -> target sending ``source.variables[j]`` to ``images[j]``.

    For a parametrization, ``source`` is the ring of output coordinates, ``target``
    the ring of parameters, and ker(phi) is the ideal of the Zariski closure of the
    image of the polynomial map target-space -> source-space.

    ``images[j]`` is a polynomial of ``target``, given by its terms.
    """

    source: PolynomialRing
    target: PolynomialRing
    images: tuple[Terms, ...]

    def __post_init__(self) -> None:
        if len(self.images) != self.source.ngens:
            raise InvalidInputError(
                "ring map",
                len(self.images),
                f"needs one image per source variable ({self.source.ngens})",
            )
        for image in self.images:
            for exponents in image:
                if len(exponents) != self.target.ngens or min(exponents, default=0) < 0:
                    raise InvalidInputError(
                        "exponent vector", exponents, f"expected {self.target.ngens} entries >= 0"
                    )

    def image_polynomials(self) -> list[sympy.Poly]:
        return [self.target.poly(image) for image in self.images]

    def common_image_degree(self) -> int | None:
        """The degree d if every image is homogeneous of degree d, else None.

        Then phi is homogeneous when the source variables get degree d, so a CAS can
        use the grading.
        """
        degrees = {sum(exponents) for image in self.images for exponents in image}
        return degrees.pop() if len(degrees) == 1 else None
