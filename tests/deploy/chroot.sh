#!/usr/bin/env bash
# A fresh Debian bookworm (amd64) chroot for the deployment tests: the package installed as on a new
# machine, and deploy/provision-pi.sh run against it as a fake target.
#   tests/deploy/chroot.sh new DIR              make DIR a fresh chroot: from the cached tarball, or with
#                                               debootstrap on first use (a few minutes), then cached
#   tests/deploy/chroot.sh run DIR CMD [ARG]... run CMD inside DIR, with /proc, /sys, /dev and the network
#                                               set up, and always taken down again
#   tests/deploy/chroot.sh install-deb DIR DEB  apt-get install -y ./DEB inside DIR (its Depends come from
#                                               Debian's mirror), then `wallboard --version`
#   tests/deploy/chroot.sh remove DIR           take down anything still mounted and delete DIR
# The tarball and the .debs apt downloads are kept in /var/cache/wallboard-test (WALLBOARD_TEST_CACHE), so
# later runs are quick; delete the folder to start over. Needs root, debootstrap, and Debian's mirror
# (WALLBOARD_MIRROR, http://deb.debian.org/debian by default).
set -euo pipefail

readonly suite=bookworm
readonly arch=amd64
readonly mirror=${WALLBOARD_MIRROR:-http://deb.debian.org/debian}
readonly cache=${WALLBOARD_TEST_CACHE:-/var/cache/wallboard-test}
# What a fresh Raspberry Pi OS Lite has that matters here: systemd as init. Everything else the package
# needs must come from its own Depends.
readonly include=systemd,systemd-sysv
key=$(printf '%s\n' "$suite" "$arch" "$mirror" "$include" minbase | sha256sum | cut -c1-12)
readonly key tarball=$cache/$suite-$arch-minbase-$key.tar.gz

die() {
    echo "chroot.sh: $*" >&2
    exit 1
}
usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and mount)"

# The mounts a command inside needs, in the order they are made; taken down in reverse.
mount_points() { echo proc sys dev dev/pts; }

take_down() { # take_down DIR: unmount whatever of ours is mounted under DIR, innermost first
    local dir=$1 point
    for point in $(mount_points | tr ' ' '\n' | tac); do
        if mountpoint -q "$dir/$point"; then
            umount "$dir/$point" 2>/dev/null || umount -l "$dir/$point" || echo "chroot.sh: cannot unmount $dir/$point" >&2
        fi
    done
}

set_up() { # set_up DIR
    local dir=$1
    mount -t proc proc "$dir/proc"
    mount -t sysfs -o ro sysfs "$dir/sys"
    mount --bind /dev "$dir/dev"
    mount --bind /dev/pts "$dir/dev/pts"
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    # Downloaded .debs are shared between chroots and runs, so a second install downloads nothing. Each
    # chroot gets links to them rather than the folder itself: apt locks its archives folder, and chroots
    # of different runs may install at the same time.
    mkdir -p "$cache/apt-archives" "$dir/var/cache/apt/archives/partial"
    find "$cache/apt-archives" -maxdepth 1 -name '*.deb' -exec ln -f -t "$dir/var/cache/apt/archives/" {} + 2>/dev/null ||
        find "$cache/apt-archives" -maxdepth 1 -name '*.deb' -exec cp -n -t "$dir/var/cache/apt/archives/" {} +
}

keep_downloads() { # keep_downloads DIR: what apt downloaded in DIR goes to the shared cache
    local dir=$1 deb
    for deb in "$dir"/var/cache/apt/archives/*.deb; do
        if [ ! -f "$deb" ] || [ -e "$cache/apt-archives/${deb##*/}" ]; then continue; fi
        # A link (or a copy renamed into place): another run never sees half a file.
        ln "$deb" "$cache/apt-archives/" 2>/dev/null ||
            { cp "$deb" "$cache/apt-archives/.${deb##*/}.tmp" && mv "$cache/apt-archives/.${deb##*/}.tmp" "$cache/apt-archives/${deb##*/}"; } ||
            true
    done
}

run_in() { # run_in DIR CMD...: with everything mounted, always unmounted after (even on failure or ^C)
    local dir=$1
    shift
    [ -x "$dir/bin/sh" ] || die "$dir is not a chroot (tests/deploy/chroot.sh new $dir)"
    trap 'take_down "$dir"' EXIT
    trap 'exit 130' INT TERM
    set_up "$dir"
    local status=0
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
        DEBIAN_FRONTEND=noninteractive chroot "$dir" "$@" || status=$?
    keep_downloads "$dir"
    take_down "$dir"
    trap - EXIT INT TERM
    return "$status"
}

make_tarball() {
    local started=$SECONDS build
    mkdir -p "$cache"
    build=$(mktemp -d "$cache/build.XXXXXX")
    chmod 755 "$build" # the chroot's /, which mktemp made private
    echo "chroot.sh: debootstrap $suite $arch (minbase + $include) from $mirror; cached afterwards in $tarball"
    if ! debootstrap --variant=minbase --arch="$arch" --include="$include" "$suite" "$build" "$mirror" \
        >"$build.log" 2>&1; then
        tail -20 "$build.log" >&2
        take_down "$build"
        rm -rf "$build"
        die "debootstrap failed (the whole log: $build.log)"
    fi
    cat >"$build/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
SOURCES
    # Package lists in the tarball: an install in a new chroot need not fetch them again.
    run_in "$build" apt-get update -qq
    rm -f "$build"/var/cache/apt/archives/*.deb "$cache"/apt-archives/lock
    tar -C "$build" --numeric-owner -czf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$build" "$build.log"
    echo "chroot.sh: made $tarball in $((SECONDS - started)) s"
}

new_chroot() { # new_chroot DIR
    local dir=$1 started=$SECONDS
    [ ! -e "$dir" ] || [ -z "$(ls -A "$dir")" ] || die "$dir exists and is not empty (tests/deploy/chroot.sh remove $dir)"
    mkdir -p "$cache"
    # One debootstrap at a time; whoever waits then finds the tarball made.
    exec 9>"$cache/.lock"
    flock 9
    [ -f "$tarball" ] || make_tarball
    flock -u 9
    mkdir -p "$dir"
    tar -C "$dir" --numeric-owner -xzf "$tarball"
    echo "chroot.sh: $dir ready from the cached tarball in $((SECONDS - started)) s"
}

install_deb() { # install_deb DIR DEB
    local dir=$1 deb=$2 started=$SECONDS
    [ -f "$deb" ] || die "no such package: $deb"
    cp "$deb" "$dir/tmp/"
    run_in "$dir" apt-get install -y -q -o Dpkg::Use-Pty=0 "/tmp/$(basename "$deb")"
    echo "chroot.sh: installed $(basename "$deb") with its Depends in $((SECONDS - started)) s"
    run_in "$dir" wallboard --version
}

[ $# -ge 2 ] || usage
command=$1
dir=$(realpath -m "$2")
shift 2
case "$command" in
new) new_chroot "$dir" ;;
run)
    [ $# -ge 1 ] || usage
    run_in "$dir" "$@"
    ;;
install-deb)
    [ $# -eq 1 ] || usage
    install_deb "$dir" "$1"
    ;;
remove)
    take_down "$dir"
    # Refuse to delete through a mount that is still there.
    if grep -q " $dir/" /proc/mounts; then die "something is still mounted under $dir"; fi
    rm -rf --one-file-system "$dir"
    ;;
*) usage ;;
esac
