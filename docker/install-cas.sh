#!/usr/bin/env bash
# Install Macaulay2 and Singular from Debian's packages (Debian 12), with what
# nagbridge needs around them.  Used by the README, by .ci/run and by the Docker image.
set -euo pipefail

packages=(macaulay2 singular)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

M2 --version
Singular --version </dev/null | head -n 1 || true
