#!/usr/bin/env bash
# Sets up and runs Wallboard on the bundled demo data: builds, publishes Plymouth's plan, serves the
# snapshot on loopback with `wallboard-publish serve`, renders every page to PNG (the board pack), and
# runs the board against the feed: in a window when there is a display, otherwise headless (syncing,
# caching and writing its status file). Ctrl-C stops everything.
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
# The plan a month earlier first, when the demo has one, so that "What changed since" has something to
# compare: the board keeps it in its cache, then takes the current month from the feed.
if [ -d "config/demo/$plan/previous" ]; then
    previous=config/demo/$plan/previous
    "$build"/app/publish/wallboard-publish build --plan $previous/plan.toml --indicators $previous/indicators.csv \
        --actions $previous/actions.csv --evidence $previous/evidence.csv --out "$out/feed/previous" >/dev/null
    "$build"/wallboard --feed "file://$out/feed/previous/snapshot.json" --cache "$out/cache.sqlite" --once >/dev/null || true
fi
"$build"/app/publish/wallboard-publish build --plan config/demo/$plan/plan.toml \
    --indicators config/demo/$plan/indicators.csv --actions config/demo/$plan/actions.csv \
    --evidence config/demo/$plan/evidence.csv --out "$feed"
"$build"/app/publish/wallboard-publish check "$feed/snapshot.json"

"$build"/app/publish/wallboard-publish serve "$feed" --port "$port" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 0.5

feed_url="http://127.0.0.1:$port/snapshot.json"
mkdir -p "$out/pack"
if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1920x1080x24" "$build"/wallboard --feed "$feed_url" \
        --cache "$out/cache.sqlite" --screenshot "$out/pack"
fi

echo
echo "The board's cache:  $out/cache.sqlite"
echo "Its status file:    $out/status.json"
echo "Screenshots:        $out/pack/<page>.png"
echo
mode=(--windowed "${WINDOW:-1920x1080}")
[ "${WINDOW:-}" = fullscreen ] && mode=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display here: running the board headless (set DISPLAY to see it)."
    mode=(--headless)
fi
"$build"/wallboard --feed "$feed_url" --cache "$out/cache.sqlite" \
    --status-file "$out/status.json" --refresh 10 "${mode[@]}"
