#!/usr/bin/env bash
# Sets up, builds and runs every test: the README's test command, and what CI runs.
# Warnings are errors. Needs ../shared beside the repository for the public test suites, root (apt-get,
# and a Debian chroot for the package tests) and Debian's mirror.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each section's header says when it started, so CI's log shows what each costs (the whole run must stay
# well under 30 minutes on a 2-core machine).
section() { echo "== $1 (at $((SECONDS / 60))m$(printf %02d $((SECONDS % 60)))s)"; }

deploy/setup-debian.sh

# The build the tests run is the one the package is made of: Debian's flags, then cpack and lintian.
build=${BUILD_DIR:-build-test}
section "build, and the .deb made of it (deploy/package.sh)"
BUILD_DIR=$build WALLBOARD_TESTS=ON deploy/package.sh
version=$(deploy/version.sh)
deb=out/packages/wallboard_${version}_$(dpkg --print-architecture).deb

section "format check (clang-format)"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

section "tests"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

section "every demo plan, built and checked by the programs a performance officer runs"
for plan in config/demo/*/; do
    name=$(basename "$plan")
    evidence=()
    [ -f "$plan/evidence.csv" ] && evidence=(--evidence "$plan/evidence.csv")
    out=$(mktemp -d)
    "$build"/app/publish/wallboard-publish build --plan "$plan/plan.toml" --indicators "$plan/indicators.csv" \
        --actions "$plan/actions.csv" "${evidence[@]}" --out "$out" | tail -n 1
    "$build"/app/publish/wallboard-publish check "$out/snapshot.json" >/dev/null
    echo "   $name: built and checked"
    rm -rf "$out"
done

# 15 s each: five fuzzers at 60 s would take 5 of CI's 30 minutes. The seeds are made by this build's programs.
section "fuzzing: the CSV reader, build, snapshot parser and cache under libFuzzer, ASan and UBSan, ${FUZZ_SECONDS:-15}s each (tests/fuzz/run.sh)"
SEED_BUILD_DIR=$build tests/fuzz/run.sh "${FUZZ_SECONDS:-15}"

section "the OpenGL ES 3 build (the Pi's), rendering every demo page under Xvfb"
gles=${BUILD_DIR:-build-test}-gles
cmake -S . -B "$gles" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWALLBOARD_WERROR=ON -DWALLBOARD_TESTS=OFF -DWALLBOARD_GLES=ON >/dev/null
cmake --build "$gles" -j"$(nproc)" --target wallboard
pack=$(mktemp -d)
"$build"/app/publish/wallboard-publish build --plan config/demo/plymouth/plan.toml \
    --indicators config/demo/plymouth/indicators.csv --actions config/demo/plymouth/actions.csv --out "$pack/feed" >/dev/null
# The same board pack from both builds: every page (long ones in parts), and the same pages.
for variant in "$build" "$gles"; do
    mkdir -p "$pack/$(basename "$variant")"
    xvfb-run -a -s "-screen 0 1280x720x24" "$variant"/wallboard --feed "file://$pack/feed/snapshot.json" \
        --cache "$pack/$(basename "$variant").sqlite" --screenshot "$pack/$(basename "$variant")" 2>/dev/null
done
desktop_pages=$(cd "$pack/$(basename "$build")" && ls)
gles_pages=$(cd "$pack/$(basename "$gles")" && ls)
rm -rf "$pack"
if [ "$desktop_pages" != "$gles_pages" ] || [ "$(echo "$gles_pages" | wc -l)" -lt 10 ]; then
    echo "the GLES build rendered other pages than the desktop build:"
    diff <(echo "$desktop_pages") <(echo "$gles_pages") || true
    exit 1
fi
echo "the GLES build rendered the same $(echo "$gles_pages" | wc -l) pages as the desktop build"

# The core and io unit tests under ASan and UBSan build and run in the fuzzers' clang folder (its libraries
# have the sanitizers already) while the package tests below, which mostly wait on dpkg and systemd, run.
section "the core and io unit tests under ASan and UBSan (tests/sanitize/run.sh), in the background"
sanitize_log=$(mktemp)
tests/sanitize/run.sh >"$sanitize_log" 2>&1 &
sanitize_pid=$!
trap 'kill "$sanitize_pid" 2>/dev/null || true' EXIT # a failed package test ends the run: so does this

section "the package: installed in a fresh Debian 12 chroot, provisioned there as a Pi would be, and its"
echo "   units run by a real systemd (systemd-nspawn); the kiosk session under xinit with Xvfb"
tests/deploy/kiosk_session_test.sh
tests/deploy/package_test.sh "$deb"
tests/deploy/provision_test.sh "$deb"
tests/deploy/systemd_test.sh "$deb"

section "the core and io unit tests under ASan and UBSan: their result"
sanitize_status=0
wait "$sanitize_pid" || sanitize_status=$?
grep -v "^\[ *[0-9]*%\]" "$sanitize_log" | tail -n 40
rm -f "$sanitize_log"
if [ "$sanitize_status" -ne 0 ]; then
    echo "the sanitized unit tests failed (exit $sanitize_status)"
    exit 1
fi

section "benchmarks (figures, not pass/fail)"
"$build"/tests/bench_publish
"$build"/tests/bench_sync
"$build"/tests/bench_cache
"$build"/tests/bench_widgets
"$build"/tests/bench_detail
# 500 boards against wallboard-publish serve and nginx, 15 s each (60 s simulated at 4x).
"$build"/tests/bench_fleet
# The large plan's run: idle CPU, first frame and memory at 5,000 indicators (the demo's pinned run is by hand).
tests/bench/bench_board.sh "$build" 20 large
section "all passed"
