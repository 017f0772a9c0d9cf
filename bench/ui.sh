#!/usr/bin/env bash
# The web UI's server time with many images: seeds REPOS repositories of TAGS tags each (default
# 10,000 x 10 = 100,000 tags) into a fresh Portalcrane, then times the dashboard and the first
# page of images (target: under 100 ms each). Not part of the tests.
#
#   bench/ui.sh                  full size
#   REPOS=500 bench/ui.sh        smoke run
set -euo pipefail
BENCH_SRC=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$BENCH_SRC/.." && pwd)
: "${REPOS:=10000}" "${TAGS:=10}" "${THREADS:=8}" "${SAMPLES:=30}" "${PORT:=5099}"
WORK=$(mktemp -d /tmp/portalcrane-ui-bench.XXXXXX)
PUBLISH="$WORK/publish"
export ADMIN_PASSWORD=bench-admin-password

dotnet publish "$REPO_ROOT/src/Portalcrane" -c Release -o "$PUBLISH" -nologo -v quiet >/dev/null
DATA_DIR="$WORK/data" REGISTRY_PROXY_AUTH_ENABLED=false env -C "$PUBLISH" dotnet "$PUBLISH/Portalcrane.dll" --urls "http://127.0.0.1:$PORT" \
  >"$WORK/portalcrane.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
python3 "$BENCH_SRC/ui.py" "http://127.0.0.1:$PORT" --repos "$REPOS" --tags "$TAGS" --threads "$THREADS" --samples "$SAMPLES"
echo "RSS of Portalcrane: $(awk '/VmRSS/ {print $2}' /proc/$PID/status) kB"
