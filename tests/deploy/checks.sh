# Sourced by the deployment tests: one result line per check, and the summary line they end with.
#   check NAME COMMAND...   runs COMMAND; prints "ok   NAME" or "FAIL NAME" and counts it
#   finish TEST             prints "TEST: N passed, N failed" and returns non-zero if any failed
passed=0
failed=0
check() {
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
    fi
}
finish() {
    echo "$1: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# The package a test installs, as an absolute path: its argument, or the one deploy/package.sh makes for
# this machine. Also checks the test runs as root (chroot, mount). Usage: deb=$(package_under_test TEST "$@")
package_under_test() {
    local test=$1 deb
    shift
    [ $# -le 1 ] || { echo "usage: tests/deploy/$test.sh [WALLBOARD.deb]" >&2; exit 2; }
    deb=${1:-out/packages/wallboard_$(deploy/version.sh)_$(dpkg --print-architecture).deb}
    [ -f "$deb" ] || { echo "$test: no such package: $deb (deploy/package.sh makes it)" >&2; exit 2; }
    [ "$(id -u)" -eq 0 ] || { echo "$test: needs root (chroot and mount)" >&2; exit 1; }
    realpath "$deb"
}
