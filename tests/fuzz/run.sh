#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with Debian's clang (clang-14, libclang-rt-14-dev) in a build
# directory of their own, every library compiled with -fsanitize=fuzzer-no-link,address,undefined, and runs
# each fuzzer for a bounded time on a corpus seeded from the demo files (copied to a temporary folder, so
# the repository is never written to but for crashes). A crash, a sanitizer report, an uncaught exception
# or a broken promise (see each harness) fails the run and saves the input under tests/fuzz/crashes/.
#
#   tests/fuzz/run.sh [SECONDS_EACH] [FUZZER...]     default: 60 seconds, every fuzzer below
#   FUZZ_BUILD_DIR=DIR                               default: build-fuzz
#   FUZZ_ARGS="-max_len=4096 ..."                    more libFuzzer options for every fuzzer
#
# Reproduce a crash: build-fuzz/tests/fuzz/FUZZER tests/fuzz/crashes/FUZZER-crash-...
set -euo pipefail
cd "$(dirname "$0")/../.."

# Each fuzzer and the files its corpus starts from. A new fuzzer: a line in tests/fuzz/fuzzers.cmake and
# a line here.
declare -A seeds=(
    [fuzz_csv]="config/demo/*/*.csv"
    [fuzz_build_indicators]="config/demo/*/indicators.csv"
    [fuzz_build_actions]="config/demo/*/actions.csv"
)

seconds=${1:-60}
[ $# -gt 0 ] && shift
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || mapfile -t fuzzers < <(printf '%s\n' "${!seeds[@]}" | sort)
build=${FUZZ_BUILD_DIR:-build-fuzz}

sanitizers="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWALLBOARD_TESTS=OFF -DWALLBOARD_WERROR=OFF \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_C_FLAGS="$sanitizers" -DCMAKE_CXX_FLAGS="$sanitizers" \
    -DCMAKE_PROJECT_wallboard_INCLUDE="$PWD/tests/fuzz/hook.cmake" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${fuzzers[@]}"

mkdir -p tests/fuzz/crashes
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
read -ra extra <<<"${FUZZ_ARGS:-}"
failed=()
for fuzzer in "${fuzzers[@]}"; do
    [ -n "${seeds[$fuzzer]:-}" ] || { echo "run.sh: no seeds listed for $fuzzer" >&2; exit 2; }
    corpus=$(mktemp -d)
    # shellcheck disable=SC2086 # the seed patterns are globs
    for seed in ${seeds[$fuzzer]}; do
        cp "$seed" "$corpus/$(echo "$seed" | tr '/' '_')"
    done
    echo "-- $fuzzer: ${seconds}s from $(find "$corpus" -type f | wc -l) seed files"
    log=$(mktemp)
    if "$build/tests/fuzz/$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
        -dict=tests/fuzz/csv.dict -artifact_prefix="tests/fuzz/crashes/$fuzzer-" "${extra[@]}" >"$log" 2>&1; then
        # The figures: executions, their rate, coverage reached, corpus grown to.
        grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | tr '\n' ' '
        grep -E '^#[0-9]+' "$log" | tail -1 | sed -E 's/^#[0-9]+ +[A-Z]+ +//'
    else
        tail -60 "$log"
        failed+=("$fuzzer")
    fi
    rm -rf "$corpus" "$log"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found a crash in: ${failed[*]} (inputs saved in tests/fuzz/crashes/)"
    exit 1
fi
echo "fuzzing: ${#fuzzers[@]} fuzzers ran ${seconds}s each with no crash"
