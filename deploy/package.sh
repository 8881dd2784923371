#!/usr/bin/env bash
# Builds the Debian package: wallboard_<version>_<arch>.deb in out/packages/, then checks it with lintian.
#   deploy/package.sh            amd64 (this machine's architecture), built here
#   deploy/package.sh arm64      cross-built for a Raspberry Pi with deploy/cross-arm64.sh
# Compiled with Debian's hardening flags (dpkg-buildflags), in build-package/ without the tests; the
# README's test command builds build-test/ here with the tests (WALLBOARD_TESTS=ON BUILD_DIR=build-test),
# so that what the tests run is what the package holds. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

arch=${1:-$(dpkg --print-architecture)}
out=$PWD/out/packages
mkdir -p "$out"
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
    [ "$arch" = arm64 ] || { echo "package.sh: can build for $(dpkg --print-architecture) or arm64, not $arch" >&2; exit 2; }
    exec deploy/cross-arm64.sh --package-only
fi

deploy/setup-debian.sh
build=${BUILD_DIR:-build-package}
# Debian's flags: -O2, stack protector, _FORTIFY_SOURCE, relro and now, as any Debian package has them.
# Without -g: the package's binaries are stripped (CPACK_STRIP_FILES), and debug info is a third of the
# build's time.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all DEB_CFLAGS_MAINT_STRIP=-g DEB_CXXFLAGS_MAINT_STRIP=-g
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None -DWALLBOARD_TESTS="${WALLBOARD_TESTS:-OFF}" -DWALLBOARD_WERROR=ON \
    -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
    -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
    -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
cmake --build "$build" -j"$(nproc)"
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
rm -rf "$out/_CPack_Packages"
deb=$out/wallboard_$(deploy/version.sh)_${arch}.deb
[ -f "$deb" ] || { echo "package.sh: cpack did not make $deb" >&2; exit 1; }

echo "== lintian"
# Clean at warning level with no overrides; its info-level notes are in README (On a Raspberry Pi).
lintian --fail-on warning "$deb"
echo "$deb"
