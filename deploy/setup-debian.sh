#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) / Raspberry Pi OS packages Wallboard builds and runs with, or, given
# package names (deploy/setup-debian.sh PACKAGE...), those instead: only the ones not installed yet.
# Non-interactive; runs apt-get as root (directly, or through sudo when started by a user).
set -euo pipefail

packages=(
    cmake g++ make pkg-config            # toolchain
    nlohmann-json3-dev libsimdjson-dev libtomlplusplus-dev libcli11-dev libcsv-dev libssl-dev  # core, publish
    libcurl4-openssl-dev libsqlite3-dev sqlite3 libcpp-httplib-dev zlib1g-dev  # io, the feed server
    libimgui-dev libglfw3-dev libgl-dev libgles-dev libstb-dev fonts-dejavu-core libxext-dev  # the board's window, DPMS
    xvfb xauth x11-xkb-utils libgl1-mesa-dri libglx-mesa0  # screenshot tests: Xvfb with Mesa's software GL
    xdotool                              # window tests: resize the board, and (issue 5) touch it
    chromium                             # tests: the fleet page's screenshots in a real browser (skipped without)
    catch2 clang-format                  # tests and the format check
    clang-14 libclang-rt-14-dev llvm-14  # tests: libFuzzer harnesses (tests/fuzz), llvm-symbolizer for traces
    libsystemd-dev systemd               # the service: READY, WATCHDOG and STATUS to systemd (sd_notify)
    libseccomp-dev                       # tests: the board run under the unit's SystemCallFilter
    dpkg-dev file help2man lintian       # the .deb: Depends from dpkg-shlibdeps, man pages, lintian
    debootstrap                          # tests: the .deb installed in a fresh Debian chroot
    systemd-container ansible-core       # tests: the units under a real systemd (nspawn); the playbook
    nginx                                # tests: the fleet benchmark runs its binary (bookworm's nginx-light is
                                         # only nginx plus an echo module)
)
[ $# -eq 0 ] || packages=("$@")

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup-debian.sh: run as root or install sudo" >&2; exit 1; }
    as_root=(sudo)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    # The benchmark runs nginx's binary itself, on a free port; where services start (not in a container
    # whose policy-rc.d denies them), the package's postinst started nginx.service on port 80: stop it, and
    # keep it from starting at boot. Only when this script installed nginx for the tests.
    if [ $# -eq 0 ] && [[ " ${missing[*]} " == *" nginx "* ]] && [ -d /run/systemd/system ]; then
        "${as_root[@]}" systemctl disable --now nginx.service >/dev/null 2>&1 || true
    fi
fi
