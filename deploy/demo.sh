#!/usr/bin/env bash
# Sets up and runs Wallboard on the bundled demo data: builds, publishes Plymouth's plan, serves the
# snapshot on loopback with `wallboard-publish serve`, renders every page to PNG (the board pack), and
# runs the board against the feed: in a window when there is a display, otherwise headless (syncing,
# caching and writing its status file). Ctrl-C stops everything.
# The board is set to the plan's own date (its as_of), so the demo shows the plan as it stood at its
# meeting, not years overdue: TODAY=2023-04-20 sets another day, TODAY= (empty) uses the calendar's.
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
# `today` as the plan had it: as_of = 2023-04-17 in its plan.toml. The strip says "(set)" on every page.
today=${TODAY-$(sed -n 's/^as_of *= *\([0-9-]*\).*/\1/p' "config/demo/$plan/plan.toml")}
today_option=()
[ -n "$today" ] && today_option=(--today "$today")
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
        --cache "$out/cache.sqlite" "${today_option[@]}" --screenshot "$out/pack"
fi

echo
echo "The board's cache:  $out/cache.sqlite"
echo "Its status file:    $out/status.json"
echo "Screenshots:        $out/pack/<page>.png"
[ -n "$today" ] && echo "As of:              $today (set with --today; TODAY= for the calendar's date)"
echo
mode=(--windowed "${WINDOW:-1920x1080}")
[ "${WINDOW:-}" = fullscreen ] && mode=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display here: running the board headless (set DISPLAY to see it)."
    mode=(--headless)
fi
"$build"/wallboard --feed "$feed_url" --cache "$out/cache.sqlite" \
    --status-file "$out/status.json" --refresh 10 "${today_option[@]}" "${mode[@]}"
