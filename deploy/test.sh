#!/usr/bin/env bash
# Sets up, builds and runs every test: the README's test command, and what CI runs.
# Warnings are errors. Needs ../shared beside the repository for the public test suites.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup-debian.sh

build=${BUILD_DIR:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWALLBOARD_WERROR=ON
cmake --build "$build" -j"$(nproc)"

echo "== format check (clang-format)"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

echo "== tests"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

echo "== benchmarks (figures, not pass/fail)"
"$build"/tests/bench_publish
"$build"/tests/bench_sync
"$build"/tests/bench_cache
"$build"/tests/bench_widgets
