"""The Macaulay2 adapter: the only module that writes Macaulay2 code.

Every request is generated from integers, lists and a fixed set of method names;
nothing a user typed reaches Macaulay2 as text.  The functions called here live in
``m2scripts/NagBridge.m2``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import sympy

from nagbridge._exceptions import CASCrashedError, CASError
from nagbridge.algebra import HilbertSeries, Ideal, MonomialOrder, RingMap, Terms, VarietyInfo
from nagbridge.backends._base import CASBackend
from nagbridge.backends._process import Dialect, Transcript
from nagbridge.backends._resources import cas_library, cas_string
from nagbridge.backends._wire import WireReader
from nagbridge.problems import (
    EDDegreeProblem,
    FiberProblem,
    ImplicitizationProblem,
    Provenance,
    SingularLocusProblem,
    VarietyComparison,
    VarietySummary,
)

__all__ = ["MACAULAY2_METHODS", "Macaulay2Backend"]

logger = logging.getLogger("nagbridge.backends.macaulay2")

MACAULAY2_METHODS = ("eliminate", "kernel")  # the first is the default

_FLAGS = ["--no-readline", "--silent", "--no-prompts", "--no-debug", "--no-backtrace", "-q"]


def _m2_string(text: str) -> str:
    return cas_string(text, "Macaulay2")


_DIALECT = Dialect(
    name="Macaulay2",
    marker_statement=lambda token: (
        'print concatenate("@@nagbridge", "-end-", ' + _m2_string(token) + ', "@@")'
    ),
    load_statement=lambda path: f"load {_m2_string(path)}",
    is_error=lambda line: " error: " in line or line.startswith("error:"),
    is_warning=lambda line: "warning:" in line.lower(),
    is_out_of_memory=lambda text: any(
        sign in text.lower()
        for sign in ("out of memory", "cannot allocate memory", "std::bad_alloc")
    ),
)


def _m2_terms(polynomial_terms: Terms) -> str:
    return (
        "{"
        + ",".join(
            f"{{{c.numerator},{c.denominator},{{{','.join(map(str, exponents))}}}}}"
            for exponents, c in sorted(polynomial_terms.items())
        )
        + "}"
    )


def _m2_images(ring_map: RingMap) -> str:
    """The images as a Macaulay2 list of {numerator, denominator, {exponents}} terms."""
    return "{" + ",".join(_m2_terms(image) for image in ring_map.images) + "}"


def _m2_ideal(ideal: Ideal) -> str:
    """The generators of ``ideal`` as a Macaulay2 list of term lists."""
    return "{" + ",".join(_m2_terms(ideal.ring.terms(g)) for g in ideal.generators) + "}"


def _m2_integers(values: Sequence[int]) -> str:
    return "{" + ",".join(str(int(v)) for v in values) + "}"


class Macaulay2Backend(CASBackend):
    """Macaulay2 as a persistent session (default) or one process per request.

    ``method`` chooses how the kernel is computed: ``"eliminate"`` (a Gröbner basis
    of the graph ideal in an elimination order) or ``"kernel"`` (Macaulay2's own
    ``kernel`` of the ring map).  The executable is ``executable``, else the
    environment variable ``NAGBRIDGE_M2``, else ``M2`` on ``PATH``.  ``memory_limit``
    caps the address space of the Macaulay2 process, in bytes (Macaulay2 needs about
    250 MiB to start); exceeding it raises :class:`MemoryLimitError`.
    """

    name = "Macaulay2"
    program = "M2"
    variable = "NAGBRIDGE_M2"
    methods = MACAULAY2_METHODS
    dialect = _DIALECT
    minimum_memory = 2**27

    @cached_property
    def package(self) -> Path:
        """The file of the Macaulay2 package ``NagBridge`` that sessions load."""
        return cas_library("NagBridge.m2")

    @property
    def startup(self) -> str:
        """Load the package ``NagBridge`` from the file shipped with nagbridge."""
        package = _m2_string(str(self.package))
        return f"needsPackage({_m2_string('NagBridge')}, FileName => {package})"

    def session_argv(self) -> list[str]:
        """``M2`` without readline, banner, prompts, debugger, backtraces or init files."""
        return [self.executable, *_FLAGS]

    def oneshot_argv(self) -> list[str]:
        """``M2 --script``, followed by the script's path."""
        return [self.executable, "--script"]

    @property
    def version(self) -> str:
        """The version of the Macaulay2 executable, such as ``1.21``."""
        return self.version_output or "unknown"

    # -- requests ------------------------------------------------------------------

    def _call(self, call: str, timeout: float | None) -> tuple[WireReader, Transcript]:
        """Run ``call`` (Macaulay2 code returning a HashTable) and read its JSON answer."""
        machinery = self.session if self.mode == "session" else self.runner
        output = machinery.new_path(".json")
        request = f"nbRequest({_m2_string(str(output))}, () -> {call});\n"

        if self.mode == "session":
            path = self.session.new_path(".m2")
            path.write_text(request, encoding="utf-8")
            transcript = self.session.run_file(path, timeout)
        else:
            path = self.runner.new_path(".m2")
            path.write_text(self.startup + ";\n" + request, encoding="utf-8")
            status, transcript = self.runner.run_script(path, timeout)
            if status != 0 and not transcript.errors:
                raise CASCrashedError(self.name, status, transcript.text)

        if not output.exists():
            message = "\n".join(transcript.errors) or transcript.text.strip()
            raise CASError(self.name, message or "no result was written", call[:500])
        try:
            return WireReader.from_file(self.name, output, transcript.text), transcript
        finally:
            output.unlink(missing_ok=True)
            path.unlink(missing_ok=True)

    def implicitize(
        self, problem: ImplicitizationProblem, timeout: float | None = None
    ) -> tuple[VarietyInfo, Provenance]:
        """The implicit ideal of ``problem`` and the invariants of its quotient."""
        ring_map = problem.ring_map
        call = (
            f"nbImplicitize({problem.field.characteristic}, {ring_map.target.ngens}, "
            f"{_m2_images(ring_map)}, {problem.source_degree}, {_m2_string(self.method)})"
        )
        reader, transcript = self._call(call, timeout)
        return self._variety(reader, ring_map.source, transcript), self._provenance(reader)

    # -- invariants (issue 4) -------------------------------------------------------

    def singular_locus(
        self, problem: SingularLocusProblem, timeout: float | None = None
    ) -> tuple[VarietySummary, tuple[VarietySummary, ...] | None, str]:
        """The singular locus, its minimal primes if asked, and the Macaulay2 version."""
        call = self._ideal_call(
            "nbSingularLocus",
            problem.ideal,
            str(int(problem.codimension)),
            "true" if problem.components else "false",
        )
        reader, _ = self._call(call, timeout)
        return reader.singular_locus_answer(problem.ideal.ring, problem.components)

    def compare_varieties(
        self, first: Ideal, others: Sequence[Ideal], timeout: float | None = None
    ) -> VarietyComparison:
        """V(first) against the union of the V(other): containments of radicals."""
        others_list = "{" + ",".join(_m2_ideal(other) for other in others) + "}"
        reader, _ = self._call(self._ideal_call("nbCompareVarieties", first, others_list), timeout)
        return reader.comparison(first.ring)

    def fiber(
        self, problem: FiberProblem, timeout: float | None = None
    ) -> tuple[int, int, int | None, int | None, str]:
        """Fibre dimension; slice dimension, degree and points; the Macaulay2 version."""
        ring_map = problem.ring_map
        values = ",".join(f"{{{v.numerator},{v.denominator}}}" for v in problem.values)
        call = (
            f"nbFiber({ring_map.source.field.characteristic}, {ring_map.target.ngens}, "
            f"{_m2_images(ring_map)}, {{{values}}}, {_m2_integers(problem.gauge)})"
        )
        reader, _ = self._call(call, timeout)
        return reader.fiber_answer()

    def ed_degree(
        self, problem: EDDegreeProblem, timeout: float | None = None
    ) -> tuple[int, int | None, str]:
        """Dimension of the critical scheme, its degree when finite, the version."""
        call = self._ideal_call(
            "nbEDDegree",
            problem.ideal,
            str(int(problem.codimension)),
            _m2_integers(problem.data),
            _m2_integers(problem.weights),
            "{" + ",".join(_m2_integers(row) for row in problem.projection) + "}",
            "{" + ",".join(_m2_integers(row) for row in problem.mixing) + "}",
        )
        reader, _ = self._call(call, timeout)
        return reader.ed_degree_answer()

    # -- the generic ideal API (issue 5) --------------------------------------------

    def _ideal_call(self, function: str, ideal: Ideal, *extra: str) -> str:
        ring = ideal.ring
        arguments = [str(ring.field.characteristic), str(ring.ngens), _m2_ideal(ideal), *extra]
        return f"{function}({', '.join(arguments)})"

    def groebner_basis(
        self, ideal: Ideal, order: MonomialOrder, timeout: float | None = None
    ) -> tuple[sympy.Poly, ...]:
        """The reduced Gröbner basis of ``ideal`` for ``order`` (any normalisation)."""
        call = self._ideal_call(
            "nbGroebnerBasis", ideal, _m2_string(order.kind), _m2_integers(order.weights)
        )
        reader, _ = self._call(call, timeout)
        return reader.polynomials("groebner_basis", ideal.ring)

    def ideal_invariants(
        self, ideal: Ideal, timeout: float | None = None
    ) -> tuple[bool, int, HilbertSeries]:
        """Homogeneity, Krull dimension of S/I, Hilbert series of S/in(I) (degrevlex)."""
        reader, _ = self._call(self._ideal_call("nbIdealInvariants", ideal), timeout)
        return reader.ideal_invariants_answer()

    def eliminate(
        self, ideal: Ideal, indices: Sequence[int], timeout: float | None = None
    ) -> tuple[sympy.Poly, ...]:
        """The reduced degrevlex basis of the ideal with the variables ``indices`` (0-based)
        eliminated, as polynomials of the whole ring."""
        call = self._ideal_call("nbEliminate", ideal, _m2_integers(indices))
        reader, _ = self._call(call, timeout)
        return reader.polynomials("groebner_basis", ideal.ring)

    def radical(self, ideal: Ideal, timeout: float | None = None) -> VarietySummary:
        """The radical of ``ideal`` with its dimension and degree."""
        reader, _ = self._call(self._ideal_call("nbRadical", ideal), timeout)
        return reader.nested("radical").variety_summary(ideal.ring)

    def minimal_primes(
        self, ideal: Ideal, timeout: float | None = None
    ) -> tuple[VarietySummary, ...]:
        """The minimal primes of ``ideal``, each with its dimension and degree."""
        reader, _ = self._call(self._ideal_call("nbMinimalPrimes", ideal), timeout)
        return reader.summaries("components", ideal.ring)

    def ideal_singular_locus(self, ideal: Ideal, timeout: float | None = None) -> VarietySummary:
        """The radical ideal of the singular locus of V(``ideal``)."""
        reader, _ = self._call(self._ideal_call("nbIdealSingularLocus", ideal), timeout)
        return reader.nested("locus").variety_summary(ideal.ring)

    def kernel(self, ring_map: RingMap, timeout: float | None = None) -> tuple[sympy.Poly, ...]:
        """The reduced degrevlex Gröbner basis of the kernel of ``ring_map`` (any images)."""
        call = (
            f"nbKernel({ring_map.source.field.characteristic}, {ring_map.target.ngens}, "
            f"{_m2_images(ring_map)})"
        )
        reader, _ = self._call(call, timeout)
        return reader.polynomials("groebner_basis", ring_map.source)
