#!/usr/bin/env bash
# Install Macaulay2 and Singular without root or apt: the stand-alone executables in the
# passagemath wheels from PyPI, into the Python environment PREFIX (created as a venv if
# it does not exist).  Prints the two executables, ready for NAGBRIDGE_M2 and
# NAGBRIDGE_SINGULAR; installed into nagbridge's own environment they are found without.
#
#   bash docker/install-cas-wheels.sh PREFIX
#
# passagemath-macaulay2 is pinned to 10.8.11 (Macaulay2 1.26.06): the Macaulay2 of
# 10.8.12 and 10.8.13 is built for AVX-512 and dies of SIGILL on processors without it.
set -euo pipefail

prefix=${1:?usage: install-cas-wheels.sh PREFIX}
wheels=(passagemath-macaulay2==10.8.11 passagemath-singular==10.8.11)

[ -x "$prefix/bin/python" ] || python3 -m venv "$prefix"
# --no-deps: the executables need none of the Python packages the wheels depend on.
"$prefix/bin/python" -m pip install -q --no-deps "${wheels[@]}"

bin=$("$prefix/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
bin=$bin/sage_wheels/bin
"$bin/M2" --version >/dev/null
"$bin/Singular" --version </dev/null >/dev/null
echo "NAGBRIDGE_M2=$bin/M2"
echo "NAGBRIDGE_SINGULAR=$bin/Singular"
