#!/usr/bin/env bash
# Sets up and runs Wallboard on the bundled demo data: builds, publishes Plymouth's plan, serves the
# snapshot on loopback with `wallboard-publish serve`, and runs the board against it.
# Until the board's window lands (issue 4) the board runs headless: it syncs, caches, and writes its
# status file. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup-debian.sh

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target wallboard-publish wallboard

plan=${PLAN:-plymouth}
port=${PORT:-8080}
out=$PWD/out
feed=$out/feed/$plan
mkdir -p "$out"
"$build"/app/publish/wallboard-publish build --plan config/demo/$plan/plan.toml \
    --indicators config/demo/$plan/indicators.csv --actions config/demo/$plan/actions.csv \
    --evidence config/demo/$plan/evidence.csv --out "$feed"
"$build"/app/publish/wallboard-publish check "$feed/snapshot.json"

"$build"/app/publish/wallboard-publish serve "$feed" --port "$port" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 0.5

echo
echo "The board's cache:  $out/cache.sqlite"
echo "Its status file:    $out/status.json"
echo
"$build"/wallboard --feed "http://127.0.0.1:$port/snapshot.json" --cache "$out/cache.sqlite" \
    --status-file "$out/status.json" --refresh 10
