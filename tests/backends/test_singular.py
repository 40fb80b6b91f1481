"""What only Singular does: its error and warning lines, its crashes, its library.

The neurovariety tests shared with Macaulay2 are in ``test_neurovarieties.py``.
"""

from __future__ import annotations

import time
from fractions import Fraction
from math import comb

import pytest

from nagbridge import (
    CASCrashedError,
    CASError,
    CASTimeoutError,
    InvalidInputError,
    MemoryLimitError,
    PolynomialNetwork,
    implicitize,
)
from nagbridge.backends import SINGULAR_METHODS, SingularBackend
from nagbridge.backends._process import Transcript
from nagbridge.backends._singular import _DIALECT

pytestmark = pytest.mark.singular


def _still_serves(backend: SingularBackend) -> bool:
    return implicitize(PolynomialNetwork((2, 1, 1), 3), backend=backend).degree == 3


def test_a_singular_error_carries_its_message(singular):
    with pytest.raises(CASError) as caught:
        singular._run('ERROR("deliberate failure from a test");', timeout=60)
    assert caught.value.cas_message == "? deliberate failure from a test"
    assert _still_serves(singular)


def test_a_syntax_error_keeps_its_location(singular):
    """Singular names the file and line where it stopped; that stays in the message."""
    with pytest.raises(CASError) as caught:
        singular._run("int nbBroken = (1 + ;", timeout=60)
    message = caught.value.cas_message
    assert "? error occurred in or before " in message
    assert ".sing line " in message and "`int nbBroken = (1 + ;`" in message
    assert _still_serves(singular)


def test_an_error_inside_the_library_names_the_procedure(singular):
    arguments = ["0", "1", "list(list(list(1, 1, intvec(1))))", "0", '"no-such-method"']
    with pytest.raises(CASError) as caught:
        singular._call("nbImplicitize", arguments, timeout=60)
    message = caught.value.cas_message
    assert "? nagbridge: unknown implicitization method no-such-method" in message
    assert "nagbridge.lib::nbImplicitize" in message
    assert _still_serves(singular)


@pytest.mark.parametrize("code", ["proc nbF() {", 'string nbS = "open;', "/* open comment"])
def test_code_that_would_leave_singular_waiting_is_refused(singular_session, code):
    """Singular would read the rest of an open block, string or comment from its input,
    end marker included; such code is never sent."""
    with pytest.raises(InvalidInputError):
        singular_session._run(code, timeout=60)
    assert _still_serves(singular_session)


def test_warnings_are_collected_not_raised(singular):
    _, transcript = singular._run("int nbTwice = 1; int nbTwice = 2; kill nbTwice;", 60)
    assert transcript.errors == []
    assert len(transcript.warnings) == 1
    assert transcript.warnings[0].startswith("// ** redefining nbTwice")


def test_lines_are_classified_as_singular_prints_them():
    printed = (
        ">    ? error occurred in or before r1.sing line 2: `poly f = x + ;`\n"
        "   ? expected poly-expression. type 'help poly;'\n"
        " error at token `;`\n"
        "// ** redefining nbX (int nbX;) r2.sing:1\n"
        "> 4\n"
    )
    transcript = Transcript.classify(printed, _DIALECT)
    assert transcript.errors == [
        ">    ? error occurred in or before r1.sing line 2: `poly f = x + ;`",
        "? expected poly-expression. type 'help poly;'",
        "error at token `;`",
    ]
    assert transcript.warnings == ["// ** redefining nbX (int nbX;) r2.sing:1"]


def test_an_internal_failure_is_a_crash_and_the_next_request_is_served(singular):
    """Singular catches a segmentation fault, prints "please inform the authors" and
    carries on in an unreliable state: that is reported as a crash, never as a result."""
    with pytest.raises(CASCrashedError) as caught:
        singular._run('system("sh", "kill -SEGV " + string(system("pid")));', timeout=60)
    assert "signal 11" in caught.value.last_output
    assert _still_serves(singular)


def test_a_killed_process_is_a_crash_and_the_next_request_is_served(singular):
    with pytest.raises(CASCrashedError):
        singular._run('system("sh", "kill -KILL " + string(system("pid")));', timeout=60)
    assert _still_serves(singular)


def test_a_timeout_restarts_the_session_without_waiting_for_interrupts(singular_session):
    """(2,2,2,1), r=2 takes Singular over a minute here (5 coefficients, zero ideal).

    Singular quits on the interrupt (``--cntrlc=q``), so the session is replaced at
    once instead of after two interrupt grace periods of 2 s each.
    """
    started = time.monotonic()
    with pytest.raises(CASTimeoutError) as caught:
        implicitize(PolynomialNetwork((2, 2, 2, 1), 2), backend=singular_session, timeout=2)
    assert caught.value.limit == 2
    assert time.monotonic() - started < 2 + singular_session.session.interrupt_grace
    assert _still_serves(singular_session)


def test_the_version_is_read_from_the_executable(singular_session):
    result = implicitize(PolynomialNetwork((2, 1, 1), 3), backend=singular_session)
    assert result.provenance.cas_version == singular_session.version
    assert singular_session.version.count(".") == 2


def test_the_default_route_is_the_first_method():
    with SingularBackend() as backend:
        assert backend.method == SINGULAR_METHODS[0] == "eliminate"


@pytest.mark.parametrize(("mode", "method"), [("sessions", "eliminate"), ("session", "kernel")])
def test_unknown_options_are_rejected(mode, method):
    with pytest.raises(InvalidInputError):
        SingularBackend(mode=mode, method=method)  # type: ignore[arg-type]


def test_hilbert_polynomial_agrees_with_hilbpoly(singular_session):
    """Singular's own hilbPoly (polylib.lib, loaded by elim.lib) returns (d-1)! P(t).

    For the twisted cubic (d = 2) that is 1,3, so P(t) = 3t + 1; for the zero ideal of
    K[x,y,z] (d = 3) it is 2,3,1, so P(t) = (t^2 + 3t + 2)/2 = C(t+2, 2).  Both are
    what nagbridge.lib reports.
    """
    code = (
        "ring nbR = 0, (a, b, c, d), dp; "
        "ideal nbI = std(ideal(b2 - ac, c2 - bd, bc - ad)); "
        'string(hilbPoly(nbI)) + "|"; '
        "ring nbZ = 0, (x, y, z), dp; "
        'string(hilbPoly(std(ideal(0)))) + "|"; kill nbR, nbZ;'
    )
    _, transcript = singular_session._run(code, timeout=60)
    assert transcript.text.split() == ["1,3|", "2,3,1|"]
    cubic = implicitize(PolynomialNetwork((2, 1, 1), 3), backend=singular_session)
    filling = implicitize(PolynomialNetwork((2, 2, 1), 2), backend=singular_session)
    assert cubic.hilbert_polynomial.coefficients == (1, 3)
    assert filling.hilbert_polynomial.coefficients == (1, Fraction(3, 2), Fraction(1, 2))


@pytest.mark.parametrize("mode", ["session", "oneshot"])
def test_memory_limit(mode):
    """A standard basis of the 2x2 minors of a generic 30 x 30 matrix (189225 quadrics
    in 900 variables) needs far more than 300 MiB; Singular halts within a second."""
    limit = 300 * 2**20
    with SingularBackend(mode=mode, memory_limit=limit) as backend:
        with pytest.raises(MemoryLimitError) as caught:
            backend._run(
                "ring nbR = 32003, (x(1..900)), dp; matrix nbM[30][30] = maxideal(1); "
                "ideal nbG = std(minor(nbM, 2));",
                timeout=120,
            )
        assert caught.value.limit == limit
        assert _still_serves(backend)


def test_long_input_and_output_travel_through_files(singular):
    """(4,1,1), r=3: the cone over the Veronese v_3(P^3) in 20 coordinates.  Its ideal is
    generated by C(21,2) - C(9,3) = 126 quadrics (quadrics in 20 variables minus the
    sextics in 4); it has dimension 4 and degree 3^3 = 27, and P(t) = C(3t+3, 3)."""
    network = PolynomialNetwork((4, 1, 1), 3)
    result = implicitize(network, backend=singular, gauge_fixed=False)
    assert len(result.generators) == comb(21, 2) - comb(9, 3)
    assert (result.dimension, result.degree) == (4, 27)
    assert all(result.hilbert_polynomial(t) == comb(3 * t + 3, 3) for t in range(1, 6))
    assert sum(len(str(g.as_expr())) for g in result.generators) > 4096
