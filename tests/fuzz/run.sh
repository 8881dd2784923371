#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with Debian's clang (clang-14, libclang-rt-14-dev) in the
# sanitized build directory of tests/fuzz/sanitized_build.sh (the unit tests can be built there too), every
# library compiled with -fsanitize=fuzzer-no-link,address,undefined, and runs each fuzzer for a bounded time
# on a corpus seeded from the demo plans (in a temporary folder, so the repository is never written to but
# for crashes). A crash, a sanitizer report, an uncaught exception or a broken promise (see each harness)
# fails the run and saves the input under tests/fuzz/crashes/.
#
#   tests/fuzz/run.sh [SECONDS_EACH] [FUZZER...]     default: 60 seconds, every fuzzer below
#   SANITIZED_BUILD_DIR=DIR                          default: build-sanitized
#   FUZZ_ARGS="-max_len=4096 ..."                    more libFuzzer options for every fuzzer
#   SEED_BUILD_DIR=DIR                               a build whose wallboard-publish and wallboard make the
#                                                    seeds (CI passes its own); default: build them here
#
# Reproduce a crash: build-sanitized/tests/fuzz/FUZZER tests/fuzz/crashes/FUZZER-crash-...
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/fuzz/sanitized_build.sh

# Each fuzzer, the files its corpus starts from and its dictionary. A new fuzzer: a line in
# tests/fuzz/fuzzers.cmake and a line in each table. $made holds what the demo plans make (make_seeds).
made=$(mktemp -d)
trap 'rm -rf "$made"' EXIT
declare -A seeds=(
    [fuzz_csv]="config/demo/*/*.csv"
    [fuzz_build_indicators]="config/demo/*/indicators.csv"
    [fuzz_build_actions]="config/demo/*/actions.csv"
    [fuzz_snapshot]="tests/fuzz/seeds/*.json $made/snapshots/*.json"
    [fuzz_cache]="$made/caches/*.sqlite"
)
declare -A dicts=(
    [fuzz_csv]=tests/fuzz/csv.dict
    [fuzz_build_indicators]=tests/fuzz/csv.dict
    [fuzz_build_actions]=tests/fuzz/csv.dict
    [fuzz_snapshot]=tests/fuzz/snapshot.dict
)

seconds=${1:-60}
[ $# -gt 0 ] && shift
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || mapfile -t fuzzers < <(printf '%s\n' "${!seeds[@]}" | sort)
build=$sanitized_build

# The snapshot and cache fuzzers start from what the real programs write.
seeded=false
case " ${fuzzers[*]} " in *" fuzz_snapshot "* | *" fuzz_cache "*) seeded=true ;; esac
makers=()
$seeded && [ -z "${SEED_BUILD_DIR:-}" ] && makers=(wallboard-publish wallboard)
seed_build=${SEED_BUILD_DIR:-$build}
configure_sanitized_build
cmake --build "$build" -j"$(nproc)" --target "${fuzzers[@]}" "${makers[@]}"

# The demo plans' snapshots, as wallboard-publish writes them (Plymouth's previous month too), and the
# caches the board makes of them: Plymouth's two months in one, two small plans in another (from the
# reduced snapshots in tests/fuzz/seeds/), each of the two smallest demo plans alone.
make_seeds() {
    mkdir -p "$made/snapshots" "$made/caches"
    local plan name evidence
    for plan in config/demo/*/ config/demo/plymouth/previous/; do
        name=$(echo "${plan%/}" | sed 's|config/demo/||; s|/|-|g')
        evidence=()
        [ -f "$plan/evidence.csv" ] && evidence=(--evidence "$plan/evidence.csv")
        "$seed_build"/app/publish/wallboard-publish build --plan "$plan/plan.toml" --indicators "$plan/indicators.csv" \
            --actions "$plan/actions.csv" "${evidence[@]}" --out "$made/$name" >"$made/log" 2>&1 ||
            { cat "$made/log"; exit 1; }
        mv "$made/$name/snapshot.json" "$made/snapshots/$name.json"
        rm -rf "${made:?}/$name"
    done
    local cache snapshot
    for cache in "plymouth:$made/snapshots/plymouth-previous.json $made/snapshots/plymouth.json" \
        "small:tests/fuzz/seeds/plymouth-2015-small.json tests/fuzz/seeds/torbay-small.json" \
        "jersey:$made/snapshots/jersey.json" "plymouth-2015:$made/snapshots/plymouth-2015.json"; do
        for snapshot in ${cache#*:}; do
            "$seed_build"/wallboard --feed "file://$(realpath "$snapshot")" --cache "$made/caches/${cache%%:*}.sqlite" \
                --once >"$made/log" 2>&1 || { cat "$made/log"; exit 1; }
        done
    done
    rm -f "$made"/caches/*.closed "$made/log"
}
! $seeded || make_seeds

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
    dict=()
    [ -n "${dicts[$fuzzer]:-}" ] && dict=(-dict="${dicts[$fuzzer]}")
    if "$build/tests/fuzz/$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
        "${dict[@]}" -artifact_prefix="tests/fuzz/crashes/$fuzzer-" "${extra[@]}" >"$log" 2>&1; then
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
