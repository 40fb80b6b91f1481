#!/usr/bin/env bash
# Set up nagbridge on Debian 12 as root: Python, Macaulay2 and Singular from Debian's
# packages (without recommended packages), and nagbridge with its test tools in .venv.
set -euo pipefail
cd "$(dirname "$0")"

export DEBIAN_FRONTEND=noninteractive
if ! command -v python3 >/dev/null || ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends python3 python3-venv ca-certificates
fi

bash docker/install-cas.sh

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
.venv/bin/nagbridge doctor
