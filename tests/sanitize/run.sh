#!/usr/bin/env bash
# The core and io unit tests (the snapshot parser, the cache, the sync, fetch, files, the token) built with
# ASan and UBSan by Debian's clang-14, and run. The build folder is the one tests/fuzz/run.sh fuzzes in
# (tests/fuzz/sanitized_build.sh), so the libraries compile once for both; the widgets and the tests that
# start the programs run in the ordinary build only (tests/CMakeLists.txt: unit_tests_sanitized).
# A sanitizer report (UBSan does not recover) or a failed test fails the run.
#   tests/sanitize/run.sh [CATCH2_ARGS...]      e.g. "[cache]" for one area
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/fuzz/sanitized_build.sh

configure_sanitized_build
cmake --build "$sanitized_build" -j"$(nproc)" --target unit_tests_sanitized
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$sanitized_build/tests/unit_tests_sanitized" "$@"
