#!/usr/bin/env bash
# Sets up and runs Wallboard on the bundled demo data: builds, publishes Plymouth's plan, and serves
# the snapshot on loopback. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup-debian.sh

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWALLBOARD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target wallboard-publish

plan=${PLAN:-plymouth}
feed=out/feed/$plan
"$build"/app/publish/wallboard-publish build --plan config/demo/$plan/plan.toml \
    --indicators config/demo/$plan/indicators.csv --actions config/demo/$plan/actions.csv \
    --evidence config/demo/$plan/evidence.csv --out "$feed"
"$build"/app/publish/wallboard-publish check "$feed/snapshot.json"

port=${PORT:-8080}
echo
echo "Serving the demo feed at http://127.0.0.1:$port/snapshot.json (loopback only). Ctrl-C to stop."
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$feed"
