"""The exception hierarchy: what each error carries and says (no CAS needed)."""

from __future__ import annotations

import signal

from nagbridge import CASCrashedError


def test_a_one_shot_status_minus_n_is_signal_n():
    """subprocess reports a child killed by signal N as returncode -N (Python docs,
    subprocess.Popen.returncode); a session's pexpect child reports the signal apart."""
    from_oneshot = CASCrashedError("Singular", -signal.SIGKILL, "")
    from_session = CASCrashedError("Singular", None, "", signal_number=signal.SIGKILL)
    for error in (from_oneshot, from_session):
        assert error.exit_status is None
        assert error.signal_number == signal.SIGKILL
        assert str(error) == "Singular process ended unexpectedly (killed by signal SIGKILL (9))"


def test_an_exit_status_is_reported_as_such():
    error = CASCrashedError("Macaulay2", 1, "stack overflow\n")
    assert (error.exit_status, error.signal_number) == (1, None)
    assert str(error).endswith("(exit status 1); last output: stack overflow")
