"""The Singular adapter: the only module that writes Singular code.

Every request is generated from integers, lists and a fixed set of method names;
nothing a user typed reaches Singular as text.  The procedures called here live in
``singularlib/nagbridge.lib``.

Choice of the default route.  Milliseconds per request inside Singular 4.3.1 (mean
of 5, post-processing included) on the 2-core development machine, over QQ, for
polynomial networks with gauge fixing (fixed) or without (free)::

    widths, r       gauge   eliminate    elim   elim1  preimage   M2 eliminate
    (3,2,2), 2      fixed         158  170000     159       158           2100
    (3,2,2), 2      free          208    3456     745       767            760
    (2,2,3), 2      fixed          12      37      15        12             60
    (2,2,3), 2      free           36     265      97        79             90
    (3,2,1), 2      both         4-5     9-13     6-7       4-5           < 10
    (2,1,1), 3      both         3-4      7-9     6-7       4-5           < 10

(Macaulay2 column: session round trip minus its fixed cost.)  ``eliminate`` in the
weighted graph ring is never slower, and on (3,2,2) without gauge fixing it is 3.6
times faster than ``elim1`` and ``preimage``: there the images are homogeneous and
the weights make the graph ideal homogeneous too.  With gauge fixing the images are
not homogeneous, every ring is weighted 1, and ``eliminate``, ``elim1`` and
``preimage`` run the same computation.  elim.lib's ``elim`` homogenizes first and
is far slower here.  So ``eliminate`` is the default.  ``python -m
bench.singular_routes`` measures the same routes as session round trips, which add
about 0.1 s per request.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import sympy

from nagbridge._exceptions import CASCrashedError, CASError, InvalidInputError
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

__all__ = ["SINGULAR_METHODS", "SingularBackend"]

logger = logging.getLogger("nagbridge.backends.singular")

#: How the kernel of the ring map is computed, fastest first (the first is the default):
#:
#: - ``"eliminate"``: Singular's ``eliminate`` of the parameters from the graph ideal
#:   ``(x_i - phi_i(t))``, in a ring weighted so that the graph ideal is homogeneous
#:   when the images are;
#: - ``"elim"``: elim.lib's ``elim`` on the same graph ideal (a Hilbert-driven
#:   standard basis for the ring weights);
#: - ``"elim1"``: elim.lib's ``elim1`` (``eliminate`` in a ``dp`` ring, weights dropped);
#: - ``"preimage"``: Singular's ``preimage`` of the zero ideal under the map.
SINGULAR_METHODS = ("eliminate", "elim", "elim1", "preimage")


#: ``-q``: no banner or library messages; ``--no-rc``: no user start-up file;
#: ``-t``: leave the terminal alone (no readline, no echo); ``--cntrlc=q``: answer
#: Singular's own question after an interrupt with "quit".  The answer "abort"
#: (``--cntrlc=a``, back to top level) was tried and rejected: in Debian's 4.3.1 an
#: aborted ``std`` or ``eliminate`` ends in a segmentation fault, after which the
#: process drops the pending end marker (and sometimes stops answering), so the
#: session would wait out two interrupt grace periods before killing it anyway.
#: Quitting ends the process at once and the session restarts it (about 40 ms).
_FLAGS = ["-q", "--no-rc", "-t", "--cntrlc=q"]

#: Prompts ("> " and ". ") that may precede a line before ``option(noprompt)`` acts.
_PROMPT = re.compile(r"^(?:[>.] +)+")
_VERSION = re.compile(r"version\s+(\d+(?:\.\d+)+)")


def _singular_string(text: str) -> str:
    return cas_string(text, "Singular")


def _unprompted(line: str) -> str:
    return _PROMPT.sub("", line)


#: How Singular announces a failure of its own (a signal caught by its handler);
#: after it the process "tries to restart" in an unreliable state.
_INTERNAL_FAILURE = re.compile(
    r"^Singular : signal \d+|Segment fault/Bus error|please inform the authors"
)


def _is_internal_failure(line: str) -> bool:
    return _INTERNAL_FAILURE.search(_unprompted(line)) is not None


def _is_error(line: str) -> bool:
    """Singular reports errors on lines beginning with "?" (a syntax error ends with a
    line "error at token ..."), and its own failures as a caught signal."""
    text = _unprompted(line)
    return text.startswith(("?", "error at token")) or _is_internal_failure(text)


def _is_warning(line: str) -> bool:
    return _unprompted(line).startswith("// **")


_DIALECT = Dialect(
    name="Singular",
    marker_statement=lambda token: (
        '"@@nagbridge" + "-end-" + ' + _singular_string(token) + ' + "@@";'
    ),
    load_statement=lambda path: f"< {_singular_string(path)};",
    is_error=_is_error,
    is_warning=_is_warning,
    # omalloc's last words before Singular halts with status 14
    is_out_of_memory=lambda text: "no more memory" in text,
)


def check_complete(code: str) -> None:
    """Refuse Singular code that would leave the interpreter waiting for more input.

    A file loaded with ``<`` that ends inside a ``{...}`` block, a string or a
    ``/* ... */`` comment does not simply fail: Singular reports "premature end of
    file" and goes on reading the rest from its standard input, swallowing the end
    marker of the request (unbalanced parentheses, by contrast, are an ordinary
    syntax error).  Every request is therefore checked here, before it is sent, with
    the lexical rules of Singular's scanner: ``//`` and ``/* */`` comments and
    double-quoted strings with backslash escapes, outside of which braces must
    balance.

    >>> check_complete('proc nbF() { return("}"); }  // {')
    >>> check_complete("proc nbF() {")
    Traceback (most recent call last):
    ...
    nagbridge._exceptions.InvalidInputError: invalid Singular request 'proc nbF() {': \
leaves 1 '{' open
    """
    depth, index, length = 0, 0, len(code)
    while index < length:
        two = code[index : index + 2]
        if two == "//":
            newline = code.find("\n", index)
            index = length if newline < 0 else newline + 1
            continue
        if two == "/*":
            end = code.find("*/", index + 2)
            if end < 0:
                raise InvalidInputError("Singular request", code[:80], "leaves a comment open")
            index = end + 2
            continue
        character = code[index]
        if character == '"':
            index += 1
            while index < length and code[index] != '"':
                index += 2 if code[index] == "\\" else 1
            if index >= length:
                raise InvalidInputError("Singular request", code[:80], "leaves a string open")
        elif character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
        index += 1
    if depth > 0:
        raise InvalidInputError("Singular request", code[:80], f"leaves {depth} '{{' open")


def _singular_terms(polynomial_terms: Terms) -> str:
    return (
        "list("
        + ",".join(
            f"list({c.numerator},{c.denominator},intvec({','.join(map(str, exponents))}))"
            for exponents, c in sorted(polynomial_terms.items())
        )
        + ")"
    )


def _singular_images(ring_map: RingMap) -> str:
    """The images as a Singular list of list(numerator, denominator, intvec(exponents)).

    One image per line, so that no line of the request file grows with the problem.
    """
    return "list(\n" + ",\n".join(_singular_terms(image) for image in ring_map.images) + "\n)"


def _singular_ideal(ideal: Ideal) -> str:
    """The generators of ``ideal`` as a Singular list of term lists, one per line."""
    return (
        "list(\n"
        + ",\n".join(_singular_terms(ideal.ring.terms(g)) for g in ideal.generators)
        + "\n)"
    )


def _singular_integers(values: Sequence[int]) -> str:
    return "list(" + ",".join(str(int(v)) for v in values) + ")"


class SingularBackend(CASBackend):
    """Singular as a persistent session (default) or one process per request.

    ``method`` chooses how the kernel is computed; see :data:`SINGULAR_METHODS`.
    The executable is ``executable``, else the environment variable
    ``NAGBRIDGE_SINGULAR``, else ``Singular`` on ``PATH``.  ``memory_limit`` caps
    the address space of the Singular process, in bytes (Singular needs about
    32 MiB to start); exceeding it raises :class:`MemoryLimitError`.

    Results follow the conventions of :class:`~nagbridge.algebra.VarietyInfo`: the
    implicit ideal I of S = K[c...] with minimal generators (I is homogeneous for a
    network), its reduced Gröbner basis for degrevlex (Singular's ``dp``, variables
    in the order of the ring), the Krull dimension and degree of S/I, and the Hilbert
    polynomial of S/I in the standard grading.

    Known limit: Singular 4.3.1 returns Hilbert series as machine-integer vectors, so
    Hilbert polynomials whose h-vector entries exceed 2^31 are out of reach.
    """

    name = "Singular"
    program = "Singular"
    variable = "NAGBRIDGE_SINGULAR"
    methods = SINGULAR_METHODS
    dialect = _DIALECT
    minimum_memory = 2**26

    @cached_property
    def library(self) -> Path:
        """The file of the Singular library ``nagbridge.lib`` that sessions load."""
        return cas_library("nagbridge.lib", "singularlib")

    @property
    def startup(self) -> str:
        """Switch prompts off and load ``nagbridge.lib`` from the file shipped with nagbridge."""
        return f"option(noprompt); LIB {_singular_string(str(self.library))};"

    def session_argv(self) -> list[str]:
        """``Singular -q --no-rc -t --cntrlc=q``: quiet, no ``.singularrc``, no tty."""
        return [self.executable, *_FLAGS]

    def oneshot_argv(self) -> list[str]:
        """The session's command line, followed by the script's path."""
        return [self.executable, *_FLAGS]

    @property
    def version(self) -> str:
        """The version of the Singular executable, such as ``4.3.1``."""
        match = _VERSION.search(self.version_output)
        return match.group(1) if match else "unknown"

    # -- requests ------------------------------------------------------------------

    def _run(self, code: str, timeout: float | None) -> tuple[Path, Transcript]:
        """Run ``code`` (complete Singular statements) and return what it printed.

        Raises :class:`CASError` with Singular's own lines when it reported an error.
        The request file is returned so the caller can remove it with its output.
        """
        check_complete(code)
        status: int | None = None
        if self.mode == "session":
            path = self.session.new_path(".sing")
            path.write_text(code + "\n", encoding="utf-8")
            transcript = self.session.run_file(path, timeout)
        else:
            path = self.runner.new_path(".sing")
            script = self.startup + "\n" + code + "\nquit;\n"
            path.write_text(script, encoding="utf-8")
            status, transcript = self.runner.run_script(path, timeout)
            if status != 0 and not transcript.errors:
                path.unlink(missing_ok=True)
                raise CASCrashedError(self.name, status, transcript.text)
        if any(_is_internal_failure(line) for line in transcript.errors):
            path.unlink(missing_ok=True)
            if self.mode == "session":
                # the process survived its own crash only in name: start afresh
                logger.warning("Singular failed internally; its session will be restarted")
                self.close()
            raise CASCrashedError(self.name, status, transcript.text)
        if transcript.errors:
            path.unlink(missing_ok=True)
            raise CASError(self.name, "\n".join(transcript.errors), code[:500])
        return path, transcript

    def _call(
        self, procedure: str, arguments: Sequence[str], timeout: float | None
    ) -> tuple[WireReader, Transcript]:
        """Call a library procedure whose first argument is the path of its JSON answer."""
        machinery = self.session if self.mode == "session" else self.runner
        output = machinery.new_path(".json")
        code = f"{procedure}({', '.join([_singular_string(str(output)), *arguments])});"
        path, transcript = self._run(code, timeout)
        try:
            if not output.exists():
                message = transcript.text.strip() or "no result was written"
                raise CASError(self.name, message, code[:500])
            return WireReader.from_file(self.name, output, transcript.text), transcript
        finally:
            output.unlink(missing_ok=True)
            path.unlink(missing_ok=True)

    def implicitize(
        self, problem: ImplicitizationProblem, timeout: float | None = None
    ) -> tuple[VarietyInfo, Provenance]:
        """The implicit ideal of ``problem`` and the invariants of its quotient."""
        ring_map = problem.ring_map
        arguments = [
            str(problem.field.characteristic),
            str(ring_map.target.ngens),
            _singular_images(ring_map),
            str(problem.source_degree),
            _singular_string(self.method),
        ]
        reader, transcript = self._call("nbImplicitize", arguments, timeout)
        return self._variety(reader, ring_map.source, transcript), self._provenance(reader)

    # -- invariants (issue 4) -------------------------------------------------------

    def singular_locus(
        self, problem: SingularLocusProblem, timeout: float | None = None
    ) -> tuple[VarietySummary, tuple[VarietySummary, ...] | None, str]:
        """The singular locus, its minimal primes if asked, and the Singular version."""
        reader = self._ideal_call(
            "nbSingularLocus",
            problem.ideal,
            timeout,
            str(int(problem.codimension)),
            "1" if problem.components else "0",
        )
        return reader.singular_locus_answer(problem.ideal.ring, problem.components)

    def compare_varieties(
        self, first: Ideal, others: Sequence[Ideal], timeout: float | None = None
    ) -> VarietyComparison:
        """V(first) against the union of the V(other): containments of radicals."""
        others_list = "list(" + ",\n".join(_singular_ideal(other) for other in others) + ")"
        reader = self._ideal_call("nbCompareVarieties", first, timeout, others_list)
        return reader.comparison(first.ring)

    def fiber(
        self, problem: FiberProblem, timeout: float | None = None
    ) -> tuple[int, int, int | None, int | None, str]:
        """Fibre dimension; slice dimension, degree and points; the Singular version."""
        ring_map = problem.ring_map
        values = ",".join(f"list({v.numerator},{v.denominator})" for v in problem.values)
        arguments = [
            str(ring_map.source.field.characteristic),
            str(ring_map.target.ngens),
            _singular_images(ring_map),
            f"list({values})",
            _singular_integers([index + 1 for index in problem.gauge]),
        ]
        reader, _ = self._call("nbFiber", arguments, timeout)
        return reader.fiber_answer()

    def ed_degree(
        self, problem: EDDegreeProblem, timeout: float | None = None
    ) -> tuple[int, int | None, str]:
        """Dimension of the critical scheme, its degree when finite, the version."""
        reader = self._ideal_call(
            "nbEDDegree",
            problem.ideal,
            timeout,
            str(int(problem.codimension)),
            _singular_integers(problem.data),
            _singular_integers(problem.weights),
            "list(" + ",".join(_singular_integers(row) for row in problem.projection) + ")",
            "list(" + ",".join(_singular_integers(row) for row in problem.mixing) + ")",
        )
        return reader.ed_degree_answer()

    # -- the generic ideal API (issue 5) --------------------------------------------

    def _ideal_call(
        self, procedure: str, ideal: Ideal, timeout: float | None, *extra: str
    ) -> WireReader:
        ring = ideal.ring
        arguments = [
            str(ring.field.characteristic),
            str(ring.ngens),
            _singular_ideal(ideal),
            *extra,
        ]
        reader, _ = self._call(procedure, arguments, timeout)
        return reader

    def groebner_basis(
        self, ideal: Ideal, order: MonomialOrder, timeout: float | None = None
    ) -> tuple[sympy.Poly, ...]:
        """The reduced Gröbner basis of ``ideal`` for ``order`` (any normalisation)."""
        reader = self._ideal_call(
            "nbGroebnerBasis",
            ideal,
            timeout,
            _singular_string(order.kind),
            _singular_integers(order.weights),
        )
        return reader.polynomials("groebner_basis", ideal.ring)

    def ideal_invariants(
        self, ideal: Ideal, timeout: float | None = None
    ) -> tuple[bool, int, HilbertSeries]:
        """Homogeneity, Krull dimension of S/I, Hilbert series of S/in(I) (degrevlex)."""
        return self._ideal_call("nbIdealInvariants", ideal, timeout).ideal_invariants_answer()

    def eliminate(
        self, ideal: Ideal, indices: Sequence[int], timeout: float | None = None
    ) -> tuple[sympy.Poly, ...]:
        """The reduced degrevlex basis of the ideal with the variables ``indices`` (0-based)
        eliminated, as polynomials of the whole ring."""
        reader = self._ideal_call(
            "nbEliminate", ideal, timeout, _singular_integers([i + 1 for i in indices])
        )
        return reader.polynomials("groebner_basis", ideal.ring)

    def radical(self, ideal: Ideal, timeout: float | None = None) -> VarietySummary:
        """The radical of ``ideal`` with its dimension and degree."""
        reader = self._ideal_call("nbRadical", ideal, timeout)
        return reader.nested("radical").variety_summary(ideal.ring)

    def minimal_primes(
        self, ideal: Ideal, timeout: float | None = None
    ) -> tuple[VarietySummary, ...]:
        """The minimal primes of ``ideal``, each with its dimension and degree."""
        reader = self._ideal_call("nbMinimalPrimes", ideal, timeout)
        return reader.summaries("components", ideal.ring)

    def ideal_singular_locus(self, ideal: Ideal, timeout: float | None = None) -> VarietySummary:
        """The radical ideal of the singular locus of V(``ideal``)."""
        reader = self._ideal_call("nbIdealSingularLocus", ideal, timeout)
        return reader.nested("locus").variety_summary(ideal.ring)

    def kernel(self, ring_map: RingMap, timeout: float | None = None) -> tuple[sympy.Poly, ...]:
        """The reduced degrevlex Gröbner basis of the kernel of ``ring_map`` (any images)."""
        arguments = [
            str(ring_map.source.field.characteristic),
            str(ring_map.target.ngens),
            _singular_images(ring_map),
        ]
        reader, _ = self._call("nbKernel", arguments, timeout)
        return reader.polynomials("groebner_basis", ring_map.source)
