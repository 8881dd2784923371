#!/usr/bin/env bash
# Runs the package's units under a real systemd: a fresh bookworm chroot (tests/deploy/chroot.sh) with
# the package installed is booted with `systemd-nspawn -b`, and the checks look at what systemd says.
#   - wallboard-publish.service serves a published demo under its hardening, and a missing folder stops
#     it with exit 2 and no restart loop;
#   - wallboard.service starts X and the board under PAMName=login and the whole hardening, as user
#     wallboard with no new privileges and a seccomp filter, becomes active on the board's READY=1 with
#     the board's STATUS= line, keeps its watchdog fed past WatchdogSec, restarts a board that was
#     killed, and does not restart one that exited 2 for a bad config.
# A container has no VT and no GPU, so wallboard.service gets a drop-in for the test: no tty7
# (StandardInput=null) and Xvfb in place of Xorg (kiosk-session's WALLBOARD_X_SERVER). Everything else is
# the unit as packaged. Needs root and systemd-nspawn (systemd-container).
#   tests/deploy/systemd_test.sh out/packages/wallboard_<version>_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=checks.sh
. tests/deploy/checks.sh
deb=$(package_under_test systemd_test "$@")
command -v systemd-nspawn >/dev/null || { echo "systemd_test: needs systemd-nspawn (apt-get install systemd-container)" >&2; exit 1; }

repo=$PWD
work=$(mktemp -d /tmp/wallboard-systemd-test.XXXXXX)
root=$work/root
nspawn=""
cleanup() {
    if [ -n "$nspawn" ] && kill -0 "$nspawn" 2>/dev/null; then
        kill -TERM "$nspawn" 2>/dev/null || true # the container's systemd halts
        for _ in $(seq 40); do kill -0 "$nspawn" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$nspawn" 2>/dev/null || true
    fi
    "$repo/tests/deploy/chroot.sh" remove "$root" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT


# --- The machine --------------------------------------------------------------------------------------
started=$SECONDS
tests/deploy/chroot.sh new "$root"
tests/deploy/chroot.sh install-deb "$root" "$deb" | tail -2
tests/deploy/chroot.sh run "$root" apt-get install -y -q --no-install-recommends xvfb >"$work/xvfb.log" 2>&1 ||
    { tail "$work/xvfb.log"; exit 1; }
# The Torbay demo, published where wallboard-publish.service serves from by default.
mkdir -p "$root/root/torbay"
cp config/demo/torbay/* "$root/root/torbay/"
tests/deploy/chroot.sh run "$root" wallboard-publish build --plan /root/torbay/plan.toml \
    --indicators /root/torbay/indicators.csv --actions /root/torbay/actions.csv \
    --evidence /root/torbay/evidence.csv --out /var/www/wallboard
sed -i '1i feed = "http://127.0.0.1:8080/snapshot.json"' "$root/etc/wallboard/board.toml"
mkdir -p "$root/etc/systemd/system/wallboard.service.d"
cat >"$root/etc/systemd/system/wallboard.service.d/test-container.conf" <<'DROPIN'
# Test only (tests/deploy/systemd_test.sh): a container has no tty7 and no GPU.
[Service]
StandardInput=null
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
Environment="WALLBOARD_X_SERVER=/usr/bin/Xvfb :0 -screen 0 1280x720x24"
DROPIN
tests/deploy/chroot.sh run "$root" systemctl enable --quiet wallboard.service wallboard-publish.service
echo "systemd_test: machine ready in $((SECONDS - started)) s"

# --- Boot it ------------------------------------------------------------------------------------------
systemd-nspawn --keep-unit --register=no --quiet -D "$root" -b --console=pipe </dev/null >"$work/console.log" 2>&1 &
nspawn=$!
init=""
for _ in $(seq 100); do
    init=$(pgrep -P "$nspawn" -x systemd || true)
    [ -n "$init" ] && break
    sleep 0.2
done
[ -n "$init" ] || { cat "$work/console.log"; echo "systemd_test: the container did not boot" >&2; exit 1; }
inside() { nsenter -t "$init" -a "$@"; }
show() { inside systemctl show -p "$2" --value "$1"; }
wait_for() { # wait_for SECONDS COMMAND...: until COMMAND succeeds
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.5
    done
}
unit_is() { [ "$(show "$1" ActiveState)" = "$2" ]; }
state=$(timeout 90 nsenter -t "$init" -a systemctl is-system-running --wait 2>/dev/null || true)
echo "systemd_test: booted, the system is $state"

# --- wallboard-publish.service ------------------------------------------------------------------------
echo "== wallboard-publish.service"
check "it is running" wait_for 20 unit_is wallboard-publish.service active
check "it serves the demo (wallboard --once is online)" inside wallboard --once --feed http://127.0.0.1:8080/snapshot.json \
    --cache /root/once.sqlite
check "as a user made up for it (DynamicUser), not root" test "$(stat -c %u "/proc/$(pgrep -x --ns "$init" --nslist pid wallboard-publi | head -1)")" -ge 61184
inside systemctl stop wallboard-publish.service
mv "$root/var/www/wallboard" "$root/var/www/wallboard.moved"
inside systemctl start wallboard-publish.service 2>/dev/null || true
check "without its folder it stops with exit 2" wait_for 10 bash -c \
    "[ \"\$(nsenter -t $init -a systemctl show -p ExecMainStatus --value wallboard-publish.service)\" = 2 ]"
sleep 4 # past RestartSec=2: a restart would have happened
check "and is not restarted" test "$(show wallboard-publish.service ActiveState)-$(show wallboard-publish.service NRestarts)" = failed-0
mv "$root/var/www/wallboard.moved" "$root/var/www/wallboard"
inside systemctl start wallboard-publish.service

# --- wallboard.service --------------------------------------------------------------------------------
echo "== wallboard.service"
check "it becomes active (the board's READY=1)" wait_for 60 unit_is wallboard.service active
status_text=$(show wallboard.service StatusText)
echo "    Status at start: \"$status_text\""
check "systemctl status shows the board's STATUS= line" grep -q ' · ' <<<"$status_text"
# The container's processes, seen from here (same pids namespace as its PID 1), and its wallboard uid.
board=$(pgrep -x --ns "$init" --nslist pid wallboard | head -1 || true)
x_server=$(pgrep -x --ns "$init" --nslist pid Xvfb | head -1 || true)
uid=$(inside id -u wallboard)
check "the board runs as wallboard" test -n "$board" -a "$(stat -c %u "/proc/$board" 2>/dev/null)" = "$uid"
check "the X server runs as wallboard" test -n "$x_server" -a "$(stat -c %u "/proc/$x_server" 2>/dev/null)" = "$uid"
check "the board has no new privileges and a seccomp filter" bash -c \
    "grep -E '^(NoNewPrivs|Seccomp):' /proc/$board/status | tr -d ' \t' | tr '\n' ' ' | grep -qx 'NoNewPrivs:1 Seccomp:2 '"
echo "    (waiting 35 s, past WatchdogSec=30)"
sleep 35
check "the watchdog is fed: still running, not restarted" test "$(show wallboard.service ActiveState)-$(show wallboard.service NRestarts)" = active-0
check "systemd saw keep-alives" test -n "$(show wallboard.service WatchdogTimestampMonotonic | grep -v '^0$')"
status_text=$(show wallboard.service StatusText)
echo "    Status now: \"$status_text\""
check "the STATUS= line is the board's" grep -Eq '^(online|offline|stale) · ' <<<"$status_text"
# The board may have tried the feed before wallboard-publish listened (both start at boot, unordered on
# purpose): then the next try comes after its back-off.
status_online() { inside grep -q '"state": "online"' /run/wallboard/status.json; }
check "the status file says online" wait_for 90 status_online
status_online || inside cat /run/wallboard/status.json 2>&1 | head -6 | sed 's/^/    | /'
# One truth: what systemctl status says follows the board's state, as its status file does.
status_line_online() { [[ "$(show wallboard.service StatusText)" == "online · "* ]]; }
check "and so does systemctl status" wait_for 15 status_line_online
echo "    Status then: \"$(show wallboard.service StatusText)\""

kill -KILL "$board"
check "a killed board is restarted" wait_for 30 bash -c \
    "[ \"\$(nsenter -t $init -a systemctl show -p NRestarts --value wallboard.service)\" = 1 ] &&
     [ \"\$(nsenter -t $init -a systemctl show -p ActiveState --value wallboard.service)\" = active ]"

sed -i '1i refersh = 60' "$root/etc/wallboard/board.toml"
inside systemctl restart wallboard.service 2>/dev/null || true
check "a bad config exits 2" test "$(show wallboard.service ExecMainStatus)" = 2
sleep 8 # past RestartSec=5
check "and is not restarted" test "$(show wallboard.service ActiveState)" = failed
check "the journal names the key" bash -c "nsenter -t $init -a journalctl -u wallboard.service --no-pager | grep -q refersh"

echo "== systemd-analyze security (lower is better)"
for unit in wallboard.service wallboard-publish.service; do
    inside systemd-analyze security --no-pager "$unit" | tail -n 1 | sed 's/^/    /'
done
if [ "$failed" -gt 0 ]; then
    echo "== the container's journal, for the failures above"
    inside journalctl --no-pager -u wallboard.service -u wallboard-publish.service | tail -40 | sed 's/^/    | /'
fi
finish systemd_test
