#!/usr/bin/env bash
# Benchmark, not a test, run by hand: the board rotating against Chromium --kiosk rotating the same views.
# Both under Xvfb 1920x1080 (Mesa llvmpipe for the board; Chromium with --disable-gpu), on the Plymouth
# demo as of its plan's date, a page every 10 s with "Next: ... in N s" and a progress bar moving every
# 2 s. Chromium shows the views as static HTML/SVG made from the same snapshot (chromium_views.py).
# Prints the CPU seconds each used over SECONDS after a 5 s start-up, and their ratio (target: the board
# <= 0.5x Chromium). Installs Debian's chromium with apt-get when it is missing.
# Usage: tests/bench/bench_chromium.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=$(cd "${1:?usage: bench_chromium.sh BUILD_DIR [SECONDS]}" && pwd)
seconds=${2:-120}
dwell=10
step=2
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null; then
    echo "installing Debian's chromium (apt-get)" >&2
    apt-get install -y --no-install-recommends chromium >/dev/null
fi

work=$(mktemp -d)
xvfb_pid=
browser_pid=
cleanup() {
    [ -n "$browser_pid" ] && kill -- "-$browser_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The board first, with bench_board.sh's rotating run (its own Xvfb of the same size).
board=$(tests/bench/bench_board.sh "$build" "$seconds" rotating)
board_s=$(sed -n 's/.*rotating CPU over [0-9]* s: \([0-9.]*\) s.*/\1/p' <<<"$board")

. tests/bench/bench_common.sh
publish_demo "$build" "$work/feed"
first=$(python3 tests/bench/chromium_views.py "$work/feed/snapshot.json" "$work/views" "$dwell" "$step" 2023-04-17)

start_xvfb

# Its own session, so that every process it starts is counted (and stopped) together.
DISPLAY=$display setsid chromium --kiosk --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --window-position=0,0 --window-size=1920,1080 \
    "file://$work/views/$first" >"$work/chromium.log" 2>&1 &
browser_pid=$!

# CPU ticks of every process in the session, with the children each has reaped (renderers that ended).
session_ticks() {
    local total=0 pid line
    for stat in /proc/[0-9]*/stat; do
        line=$(cat "$stat" 2>/dev/null) || continue
        # Fields after the command's closing parenthesis: state is 1, session 4, utime 12 ... cstime 15.
        read -r -a f <<<"${line##*) }"
        [ "${f[3]}" = "$browser_pid" ] && total=$((total + f[11] + f[12] + f[13] + f[14]))
    done
    echo "$total"
}
sleep 5 # start-up is not what is compared
before=$(session_ticks)
sleep "$seconds"
after=$(session_ticks)
kill -- "-$browser_pid" 2>/dev/null || true
wait "$browser_pid" 2>/dev/null || true
browser_pid=

hz=$(getconf CLK_TCK)
chromium_s=$(awk -v t="$((after - before))" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')
echo "$board"
echo "bench_chromium (Chromium $(chromium --version 2>/dev/null | awk '{ print $2 }') --kiosk --disable-gpu, the same views as HTML/SVG):"
echo "  rotating CPU over $seconds s: $chromium_s s"
awk -v b="$board_s" -v c="$chromium_s" \
    'BEGIN { if (c > 0) printf "  the board / Chromium: %.2fx (target <= 0.5x)\n", b / c }'
