"""Coefficient fields: the rationals QQ and prime fields GF(p)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from nagbridge._exceptions import InvalidInputError

__all__ = ["MAX_CHARACTERISTIC", "Field"]

#: Both CAS accept prime fields of characteristic below 2**31.
MAX_CHARACTERISTIC = 2**31

#: Names of inexact fields, refused with their own reason.
_INEXACT = frozenset({"RR", "CC", "R", "C", "REAL", "REALS", "COMPLEX", "FLOAT", "RR_53"})

_PRIME_FIELD = re.compile(r"^(?:GF\(\s*(\d+)\s*\)|GF(\d+)|ZZ/(\d+)|F_?(\d+))$", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    """The coefficient field QQ (``characteristic == 0``) or GF(p) for a prime p < 2^31.

    >>> Field.parse("GF(32003)")
    Field(characteristic=32003)
    >>> str(Field.parse("qq")), str(Field(7))
    ('QQ', 'GF(7)')
    """

    characteristic: int = 0

    def __post_init__(self) -> None:
        p = self.characteristic
        if isinstance(p, bool) or not isinstance(p, int):
            raise InvalidInputError("field characteristic", p, "must be an integer")
        if p == 0:
            return
        if not 2 <= p < MAX_CHARACTERISTIC or not sympy.isprime(p):
            raise InvalidInputError(
                "field characteristic", p, "must be 0 (QQ) or a prime below 2^31"
            )

    @classmethod
    def parse(cls, text: str | Field) -> Field:
        """Read ``QQ``, ``GF(p)``, ``GFp`` or ``ZZ/p`` (p prime < 2^31); reject the rest.

        A non-prime ``GF(q)``, an inexact field (``RR``, ``CC``), ``ZZ`` and anything
        that is not a string or a :class:`Field` raise
        :class:`~nagbridge.InvalidInputError` naming ``field``.

        >>> Field.parse("GF(8)")
        Traceback (most recent call last):
        ...
        nagbridge._exceptions.InvalidInputError: invalid field 'GF(8)': 8 is not a prime; \
GF(p) needs a prime p below 2^31
        """
        if isinstance(text, Field):
            return text
        if not isinstance(text, str):
            hint = f" (write 'GF({text})' for a prime field)" if isinstance(text, int) else ""
            raise InvalidInputError(
                "field", text, f"expected a Field or its name, QQ or GF(p){hint}"
            )
        stripped = text.strip()
        if stripped.upper() in {"QQ", "Q"}:
            return cls(0)
        if stripped.upper() in _INEXACT:
            raise InvalidInputError(
                "field", text, "is not exact: the fields are QQ and GF(p), p prime < 2^31"
            )
        if stripped.upper() in {"ZZ", "Z"}:
            raise InvalidInputError("field", text, "ZZ is not a field: use QQ or GF(p)")
        match = _PRIME_FIELD.match(stripped)
        if match is None:
            raise InvalidInputError("field", text, "expected QQ or GF(p) with p prime < 2^31")
        digits = next(group for group in match.groups() if group)
        if len(digits) > 10 or int(digits) >= MAX_CHARACTERISTIC:
            raise InvalidInputError(
                "field", text, f"{digits[:12]} is not below 2^31, the bound of both CAS"
            )
        characteristic = int(digits)
        if not sympy.isprime(characteristic):
            raise InvalidInputError(
                "field", text, f"{characteristic} is not a prime; GF(p) needs a prime p below 2^31"
            )
        return cls(characteristic)

    @property
    def is_rational(self) -> bool:
        return self.characteristic == 0

    @property
    def domain(self) -> Any:
        """The sympy domain of this field (``QQ`` or ``GF(p)``)."""
        if self.is_rational:
            return sympy.QQ
        return sympy.GF(self.characteristic)

    def element(self, value: Fraction) -> Any:
        """Convert an exact rational to an element of this field's sympy domain."""
        if self.is_rational:
            return sympy.QQ(value.numerator, value.denominator)
        p = self.characteristic
        if value.denominator % p == 0:
            raise InvalidInputError("coefficient", str(value), f"denominator vanishes in GF({p})")
        residue = value.numerator * pow(value.denominator, -1, p) % p
        return self.domain(residue)

    def __str__(self) -> str:
        return "QQ" if self.is_rational else f"GF({self.characteristic})"
