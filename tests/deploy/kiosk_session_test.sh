#!/usr/bin/env bash
# Runs deploy/kiosk/kiosk-session as wallboard.service would (--start), under Xvfb instead of Xorg on a
# VT, with a stand-in board, and checks what the board sees and what the unit would see:
#   - the board runs as xinit's client with DISPLAY set and the session's X cookie (an X client without
#     the cookie is refused), its WATCHDOG_PID is its own pid (sd_watchdog_enabled() needs that), and
#     X's screen saver and blanking are off;
#   - kiosk-session --start exits with the board's own status (2 and 0 prevent a restart in the unit;
#     xinit alone would say 0 for all), and 1 when the X server cannot start.
# Needs xinit, xauth, x11-xserver-utils (xset), x11-utils (xdpyinfo) and xvfb.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in xinit xauth xset xdpyinfo Xvfb; do
    command -v "$tool" >/dev/null || { echo "kiosk_session_test: $tool is missing (deploy/setup-debian.sh)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
session=$PWD/deploy/kiosk/kiosk-session
# shellcheck source=checks.sh
. tests/deploy/checks.sh

# The stand-in board: writes what it sees, then exits with $FAKE_STATUS.
cat >"$work/board" <<'BOARD'
#!/bin/bash
{
    echo "args=$*"
    echo "pid=$$"
    echo "watchdog_pid=${WATCHDOG_PID:-}"
    echo "display=${DISPLAY:-}"
    echo "xauthority=${XAUTHORITY:-}"
    echo "notify_socket=${NOTIFY_SOCKET:-}"
    xset q | tr -s ' ' | grep -E 'timeout:|prefer blanking:' | sed 's/^ *//' | sed 's/^/xset: /'
    XAUTHORITY=/dev/null xdpyinfo >/dev/null 2>&1 && echo "without_cookie=connected" || echo "without_cookie=refused"
} >"$FAKE_REPORT"
exit "$FAKE_STATUS"
BOARD
chmod +x "$work/board"

x_server="/usr/bin/Xvfb :57 -screen 0 1280x720x24"
run_session() { # run_session STATUS: kiosk-session --start with the stand-in board; prints its status
    mkdir -p "$work/run"
    local status=0
    NOTIFY_SOCKET=$work/notify.sock RUNTIME_DIRECTORY=$work/run WALLBOARD_BIN=$work/board WALLBOARD_CONFIG=/etc/wallboard/board.toml \
        WALLBOARD_X_SERVER=$x_server FAKE_REPORT=$work/report \
        FAKE_STATUS=$1 timeout 60 "$session" --start >"$work/log" 2>&1 || status=$?
    echo "$status"
}

# systemd's notify socket, played by a datagram socket that logs what it receives.
python3 - "$work/notify.sock" "$work/notify.log" <<'LISTEN' &
import socket, sys
listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
listener.bind(sys.argv[1])
listener.settimeout(90)
with open(sys.argv[2], "w") as log:
    try:
        while True:
            log.write(listener.recv(4096).decode() + "\n")
            log.flush()
    except socket.timeout:
        pass
LISTEN
listener=$!
for _ in $(seq 50); do [ -S "$work/notify.sock" ] && break; sleep 0.1; done

status=$(run_session 2)
report=$(cat "$work/report" 2>/dev/null || true)
field() { sed -n "s/^$1=//p" <<<"$report"; }
check "the board is started with the config" test "$(field args)" = "--config /etc/wallboard/board.toml"
check "WATCHDOG_PID is the board's own pid" test -n "$(field pid)" -a "$(field watchdog_pid)" = "$(field pid)"
check "DISPLAY is the session's server" test "$(field display)" = ":57"
check "the board holds the session's cookie" test "$(field xauthority)" = "$work/run/Xauthority"
check "a client without the cookie is refused" test "$(field without_cookie)" = refused
check "X's screen saver is off" grep -q 'xset: timeout: 0 ' <<<"$report"
check "X does not blank the screen" grep -q 'xset: prefer blanking: no ' <<<"$report"
# (Xvfb has no DPMS extension, so `xset -dpms` is not checked here; on Xorg the server has -dpms too.)
check "a bad config (2) reaches the unit as 2" test "$status" = 2
check "the cookie is readable by its user only" test "$(stat -c %a "$work/run/Xauthority")" = 600
check "the session says how the board exited" grep -q 'the board exited with status 2' "$work/log"
check "the board gets systemd's notify socket" test "$(field notify_socket)" = "$work/notify.sock"
# Debian's X servers say READY=1 as soon as they accept clients: that must not reach systemd for the board.
check "the X server does not (no READY=1 from it)" bash -c "! grep -q READY=1 '$work/notify.log'"

check "the admin PIN's clean exit (0) reaches the unit as 0" test "$(run_session 0)" = 0
check "a crash (134, SIGABRT) reaches the unit as 134" test "$(run_session 134)" = 134

# An X server that cannot start (no screen, no permission for the VT...): here one that exits at once.
x_server="/bin/false :57"
status=$(run_session 0)
check "X failing to start reaches the unit as 1 (a restart)" test "$status" = 1
check "and says so" grep -q 'the X server stopped before the board did' "$work/log"

kill "$listener" 2>/dev/null || true
finish kiosk_session_test
