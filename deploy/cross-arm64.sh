#!/usr/bin/env bash
# Cross-builds Wallboard for arm64 (Raspberry Pi OS 64-bit / Debian 12 arm64) on an amd64 Debian 12 host,
# runs the arm64 unit tests under qemu-user, and makes wallboard_<version>_arm64.deb when CPack is set up.
#
# The host's amd64 packages are never touched: the arm64 libraries go into a sysroot outside the
# repository (SYSROOT, default /var/cache/wallboard/sysroot-arm64), made once and then reused. Installing
# the :arm64 -dev packages with apt instead would remove the amd64 catch2 and libsimdjson-dev (they are
# not co-installable across architectures) and so break the native build.
#   - debootstrap --foreign resolves the dependencies of the -dev packages and downloads them; its first
#     stage unpacks only the essential set, so every other .deb is unpacked here (dpkg-deb, keeping
#     bookworm's merged /usr), and absolute symlinks are made relative so they resolve in the sysroot.
#   - Debian's cross GCC 12 compiles and links against it (deploy/arm64-toolchain.cmake); its -cross
#     packages are Architecture: all and leave the host's amd64 packages alone.
#   - ctest runs each test binary under qemu-aarch64-static -L SYSROOT, with a per-test timeout.
#
# Usage: deploy/cross-arm64.sh [--package-only]
#   --package-only   build and package without running the tests; the .deb is copied to out/packages/
#                    (what deploy/package.sh arm64 runs)
# Compiled with Debian's arm64 hardening flags (dpkg-buildflags), as deploy/package.sh builds amd64, so
# that the binaries the tests run are the ones the package holds.
# Environment: SYSROOT (the sysroot), BUILD_DIR (default build-arm64), JOBS (default 2),
# WALLBOARD_GLES (ON, the Pi's OpenGL ES 3 build; OFF for desktop GL), TEST_TIMEOUT (seconds, 120),
# MIRROR (the Debian mirror debootstrap uses), SKIP_TESTS=1 to only build and package.
# Exit code: 0 when everything built and every arm64 test passed; non-zero with a message otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

package_only=0
case "${1:-}" in
"") ;;
--package-only) package_only=1 ;;
*) echo "usage: deploy/cross-arm64.sh [--package-only]" >&2; exit 2 ;;
esac

sysroot=${SYSROOT:-/var/cache/wallboard/sysroot-arm64}
build=${BUILD_DIR:-build-arm64}
jobs=${JOBS:-2}
gles=${WALLBOARD_GLES:-ON}
test_timeout=${TEST_TIMEOUT:-120}
mirror=${MIRROR:-http://deb.debian.org/debian}

# The arm64 packages the build links with (as deploy/setup-debian.sh lists for amd64), the C/C++
# runtime and headers, and what the tests need at run time under qemu (Mesa's software GL, fonts).
sysroot_packages=(
    libimgui-dev libglfw3-dev libgl-dev libgles-dev libxext-dev libcurl4-openssl-dev libsqlite3-dev libssl-dev
    libcpp-httplib-dev zlib1g-dev libcsv-dev libsimdjson-dev libsystemd-dev libseccomp-dev
    nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libstb-dev catch2
    libstdc++-12-dev libc6-dev
    libgl1-mesa-dri libglx-mesa0 libegl-mesa0 fonts-dejavu-core
)
# Host tools: the cross compiler, qemu-user (binfmt-support registers it where PID 1 is not systemd),
# debootstrap, and what the tests and the package run on the host (Xvfb, xdotool, help2man, dpkg-shlibdeps).
host_packages=(debootstrap qemu-user-static binfmt-support g++-aarch64-linux-gnu cmake pkg-config dpkg-dev file help2man
               xvfb xauth x11-xkb-utils xdotool)

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "cross-arm64.sh: run as root or install sudo" >&2; exit 1; }
    as_root=(sudo)
fi

script_start=$(date +%s)
step_start=$script_start
declare -a timings=()
step() {
    local now
    now=$(date +%s)
    [ -n "${step_name:-}" ] && timings+=("$(printf '%-10s %5d s' "$step_name" $((now - step_start)))")
    step_name=$1
    step_start=$now
    [ "$1" = end ] || echo "== $1"
}
report_times() {
    step end
    echo "== time per step"
    printf '%s\n' "${timings[@]}"
    echo "total      $(($(date +%s) - script_start)) s"
}
trap report_times EXIT

step host-tools
deploy/setup-debian.sh "${host_packages[@]}"

step sysroot
# The stamp names the package list the sysroot was made from; another list makes it again.
stamp="$sysroot/.wallboard-sysroot"
wanted="${sysroot_packages[*]}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "reusing the sysroot in $sysroot"
else
    work="$sysroot.new"
    "${as_root[@]}" rm -rf "$work"
    "${as_root[@]}" mkdir -p "$work/var/cache/apt/archives"
    # Downloads from an earlier attempt are checked and reused by debootstrap.
    if [ -d "$sysroot/var/cache/apt/archives" ]; then
        "${as_root[@]}" find "$sysroot/var/cache/apt/archives" -maxdepth 1 -name '*.deb' \
            -exec cp -l -t "$work/var/cache/apt/archives" {} +
    fi
    include=$(IFS=,; echo "${sysroot_packages[*]}")
    "${as_root[@]}" debootstrap --arch=arm64 --foreign --variant=minbase --include="$include" \
        bookworm "$work" "$mirror" >"$work.log" 2>&1 ||
        { tail -20 "$work.log" >&2; echo "cross-arm64.sh: debootstrap failed (log: $work.log)" >&2; exit 1; }
    # The first stage unpacked the essential packages; unpack the rest. --keep-directory-symlink keeps
    # /lib -> usr/lib and /bin -> usr/bin (merged /usr), so a package's /lib files land in usr/lib.
    unpacked=$(wc -l <"$work/debootstrap/debpaths")
    while read -r _ deb; do
        dpkg-deb --fsys-tarfile "$work$deb" | "${as_root[@]}" tar -x --keep-directory-symlink -C "$work"
    done <"$work/debootstrap/debpaths"
    # Absolute links (libm.so -> /lib/aarch64-linux-gnu/libm.so.6) would point into the host: make
    # them relative to where they are inside the sysroot.
    "${as_root[@]}" find "$work" -type l -lname '/*' -print0 |
        while IFS= read -r -d '' link; do
            target=$(readlink "$link")
            "${as_root[@]}" ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$work$target")" "$link"
        done
    echo "$wanted" | "${as_root[@]}" tee "$work/.wallboard-sysroot" >/dev/null
    "${as_root[@]}" rm -rf "$sysroot"
    "${as_root[@]}" mv "$work" "$sysroot"
    echo "made the sysroot in $sysroot from $unpacked packages ($(du -sh "$sysroot" | cut -f1))"
fi
# dpkg-shlibdeps (run by cpack) needs each library's shlibs or symbols file. A --foreign sysroot
# registers no package, so the libraries belong to none the host's dpkg knows; for such a library
# dpkg-shlibdeps reads DEBIAN/shlibs and DEBIAN/symbols in the nearest directory above it that has
# DEBIAN/, as for a package being built. Gather every sysroot package's files there.
if [ ! -f "$sysroot/DEBIAN/shlibs" ]; then
    control=$(mktemp -d)
    "${as_root[@]}" mkdir -p "$sysroot/DEBIAN"
    while read -r package deb; do
        mkdir "$control/$package"
        dpkg-deb -e "$sysroot$deb" "$control/$package"
    done <"$sysroot/debootstrap/debpaths"
    find "$control" -name shlibs -exec cat {} + | "${as_root[@]}" tee "$sysroot/DEBIAN/shlibs" >/dev/null
    find "$control" -name symbols -exec cat {} + | "${as_root[@]}" tee "$sysroot/DEBIAN/symbols" >/dev/null
    rm -rf "$control"
    echo "gathered $(grep -c '^[a-z]' "$sysroot/DEBIAN/shlibs") shlibs entries for dpkg-shlibdeps"
fi

step configure
backend="$sysroot/usr/share/doc/libimgui-dev/examples/backends/imgui_impl_opengl3.cpp"
mkdir -p "$build"
# Debian's flags for arm64: -O2, stack protector, _FORTIFY_SOURCE, branch protection, relro and now.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all DEB_HOST_ARCH=arm64
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE="$PWD/deploy/arm64-toolchain.cmake" \
    -DWALLBOARD_SYSROOT="$sysroot" -DCMAKE_BUILD_TYPE=None -DWALLBOARD_WERROR=ON \
    -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
    -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
    -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" \
    -DWALLBOARD_GLES="$gles" -DIMGUI_OPENGL3_BACKEND_SOURCE="$backend" >"$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; echo "cross-arm64.sh: configuring $build failed" >&2; exit 1; }
echo "configured $build (GLES $gles)"

step build
cmake --build "$build" -j"$jobs"
file "$build/wallboard" | grep -q "ARM aarch64" ||
    { echo "cross-arm64.sh: $build/wallboard is not an arm64 program: $(file -b "$build/wallboard")" >&2; exit 1; }
qemu-aarch64-static -L "$sysroot" "$build/wallboard" --version

test_status=0
if [ "${SKIP_TESTS:-0}" != 1 ] && [ "$package_only" = 0 ]; then
    step tests
    # Tests that start the board or wallboard-publish as a child process exec an arm64 program: the
    # kernel hands it to qemu through binfmt_misc (registered by qemu-user-static), and QEMU_LD_PREFIX
    # gives that qemu the sysroot, as -L does for the ones ctest starts.
    if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
        [ -e /proc/sys/fs/binfmt_misc/register ] ||
            "${as_root[@]}" mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || true
        "${as_root[@]}" update-binfmts --enable qemu-aarch64 || true
    fi
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] ||
        echo "warning: no binfmt_misc entry for arm64: the tests that run the board as a child will fail" >&2
    export QEMU_LD_PREFIX="$sysroot"
    # Excluded: the two tests of the unit's system call filter, because qemu-user cannot apply a seccomp
    # filter (libseccomp's seccomp_init fails: a filter would have to be on the host's system calls, which
    # qemu makes on the board's behalf); and three tests whose own deadlines assume native speed, so that
    # under emulation they measure qemu, not the code (the other Xvfb tests run the arm64 board with
    # Mesa's llvmpipe and pass):
    # - "screenshot mode writes one PNG per page...": renders every demo page with llvmpipe under
    #   qemu's TCG: 495 s here, past the per-test timeout (it passes given 500 s);
    # - "touch under Xvfb: swipe...": xdotool swipes 900 px in 0.12 s and the board must see a swipe,
    #   but the emulated board reads the events too late to see that speed;
    # - "killed in the middle of storing...": kills a forked writer 5-150 ms after it starts, and needs
    #   one round where it stored a snapshot first; emulated, on a busy machine, none does (it failed
    #   once in two runs here with "rounds_with_data > 0").
    excluded="^(the unit's filter lets the board|screenshot mode writes one PNG per page|touch under Xvfb: swipe"
    excluded+="|killed in the middle of storing)"
    ctest --test-dir "$build" --timeout "$test_timeout" --output-on-failure -j"$jobs" -E "$excluded" ||
        test_status=$?
    echo "excluded under qemu: $(ctest --test-dir "$build" -N -R "$excluded" | grep -c 'Test *#') tests (see the script)"
fi

if [ -f "$build/CPackConfig.cmake" ]; then
    step package
    (cd "$build" && cpack -G DEB)
    rm -rf "$build/_CPack_Packages"
    ls -l "$build"/*.deb
    if [ "$package_only" = 1 ]; then
        mkdir -p out/packages
        cp "$build"/wallboard_*_arm64.deb out/packages/
    fi
else
    echo "== package: skipped ($build/CPackConfig.cmake does not exist: the project has no CPack yet)"
fi

# The native build's packages must still be the amd64 ones.
for package in catch2 libsimdjson-dev; do
    arch=$(dpkg-query -W -f='${Architecture}' "$package" 2>/dev/null || echo none)
    if [ "$arch" != amd64 ] && [ "$arch" != all ]; then
        echo "cross-arm64.sh: the host's $package is now '$arch', not amd64: the native build is broken" >&2
        exit 1
    fi
done

if [ "$test_status" -ne 0 ]; then
    echo "cross-arm64.sh: some arm64 tests failed under qemu (see above)" >&2
    exit "$test_status"
fi
