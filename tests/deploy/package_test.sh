#!/usr/bin/env bash
# The .deb as an IT technician meets it: installed with `apt-get install ./wallboard_*.deb` in a fresh
# Debian 12 chroot (its Depends from Debian's mirror), then checked: every file in place, the conffile,
# the system user, both units pass `systemd-analyze verify`, the programs run (the publisher builds the
# demo plan, the board syncs it as user wallboard into /var/lib/wallboard), a technician's edit of the
# config survives a reinstall, and purge leaves nothing behind.
#   tests/deploy/package_test.sh [DEB]     (default: out/packages/wallboard_<version>_<arch>.deb)
# Needs root, debootstrap and Debian's mirror; the chroot is made by tests/deploy/chroot.sh (cached).
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=checks.sh
. tests/deploy/checks.sh
version=$(deploy/version.sh)
deb=$(package_under_test package_test "$@")
chroot_sh=tests/deploy/chroot.sh
root=$(mktemp -d /var/tmp/wallboard-package-test.XXXXXX)
rmdir "$root"
trap 'tests/deploy/chroot.sh remove "$root" >/dev/null 2>&1 || true' EXIT
inside() { "$chroot_sh" run "$root" "$@"; }

started=$SECONDS
"$chroot_sh" new "$root"
"$chroot_sh" install-deb "$root" "$deb"
echo "chroot and install: $((SECONDS - started)) s"

check "wallboard --version says $version" test "$(inside wallboard --version)" = "$version"
check "wallboard-publish --version says $version" test "$(inside wallboard-publish --version)" = "$version"

missing=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | while read -r path; do
    [ -e "$root$path" ] || echo "$path"
done)
check "every file of the package is installed${missing:+ (missing: $missing)}" test -z "$missing"
# (Each `inside` mounts and unmounts: one at a time, never in a pipe or a process substitution.)
conffiles=$(inside dpkg-query --control-show wallboard conffiles)
check "/etc/wallboard/board.toml is a conffile" grep -qx /etc/wallboard/board.toml <<<"$conffiles"
check "the man pages document the options" \
    sh -c "zcat '$root/usr/share/man/man1/wallboard.1.gz' | grep -qF -- '\\-\\-feed' &&
           zcat '$root/usr/share/man/man1/wallboard-publish.1.gz' | grep -qF -- '\\-\\-indicators'"

user=$(inside getent passwd wallboard || true)
check "postinst made the system user wallboard with home /var/lib/wallboard ($user)" \
    sh -c "echo '$user' | awk -F: '\$3 < 1000 && \$6 == \"/var/lib/wallboard\" {ok=1} END {exit !ok}'"
groups=$(inside id -nG wallboard || true)
check "wallboard is in the video and input groups ($groups)" \
    sh -c "echo ' $groups ' | grep -q ' video ' && echo ' $groups ' | grep -q ' input '"

# verify also opens each unit's Documentation= man pages, so this checks they are installed where man looks.
inside apt-get install -y -q -o Dpkg::Use-Pty=0 man-db >/dev/null
for unit in wallboard.service wallboard-publish.service; do
    verify=$(inside systemd-analyze verify "/lib/systemd/system/$unit" 2>&1 || echo "exit status $?")
    check "systemd-analyze verify $unit${verify:+: $verify}" test -z "$verify"
done

# As installed, the config has no feed: the board says so and exits 2, which the unit does not restart.
status=0
message=$(inside wallboard --config /etc/wallboard/board.toml 2>&1) || status=$?
check "the installed config without a feed: exit 2 and a message ($message)" \
    sh -c "[ $status -eq 2 ] && echo '$message' | grep -q 'no feed URL'"

# The programs work: the demo plan published inside the chroot, then synced once by the board as the
# service's user into the service's state directory (every shared library it links must be there).
mkdir -p "$root/tmp/demo"
cp config/demo/plymouth/*.toml config/demo/plymouth/*.csv "$root/tmp/demo/"
inside sh -c 'cd /tmp/demo && wallboard-publish build --plan plan.toml --indicators indicators.csv \
    --actions actions.csv --evidence evidence.csv --out /srv/feed >/dev/null'
inside install -d -o wallboard -g wallboard /var/lib/wallboard
sync_status=0
inside setpriv --reuid=wallboard --regid=wallboard --init-groups wallboard --once \
    --config /etc/wallboard/board.toml --feed file:///srv/feed/snapshot.json >"$root/tmp/once.json" || sync_status=$?
check "the board syncs the published demo as user wallboard (--once exit $sync_status)" \
    sh -c "[ $sync_status -eq 0 ] && grep -q '\"state\": \"online\"' '$root/tmp/once.json' &&
           test -s '$root/var/lib/wallboard/cache.sqlite'"

# A technician's edit of the config survives a reinstall (dpkg keeps a changed conffile).
echo 'feed = "https://feeds.example.gov.uk/test/snapshot.json"' >>"$root/etc/wallboard/board.toml"
cp "$deb" "$root/tmp/"
inside apt-get install -y -q -o Dpkg::Use-Pty=0 --reinstall "/tmp/$(basename "$deb")" >/dev/null
check "an edited /etc/wallboard/board.toml survives a reinstall" \
    grep -q 'feeds.example.gov.uk/test' "$root/etc/wallboard/board.toml"

inside apt-get purge -y -q -o Dpkg::Use-Pty=0 wallboard >/dev/null
left=$(for path in /usr/bin/wallboard /usr/bin/wallboard-publish /etc/wallboard /var/lib/wallboard \
    /lib/systemd/system/wallboard.service /usr/lib/wallboard; do [ -e "$root$path" ] && echo "$path"; done || true)
check "purge removes the programs, the config and the cache${left:+ (left: $left)}" test -z "$left"

echo "package test: $((SECONDS - started)) s"
finish package_test
