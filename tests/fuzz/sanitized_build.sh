# Sourced by tests/fuzz/run.sh and tests/sanitize/run.sh: the one clang build directory they share, so the
# libraries are compiled once for both. Debian's clang-14 (libclang-rt-14-dev), every file compiled with
# -fsanitize=fuzzer-no-link,address,undefined: the fuzzers link libFuzzer on top (tests/fuzz/fuzzers.cmake,
# added through hook.cmake), the unit tests and the programs they run link only ASan and UBSan.
#   SANITIZED_BUILD_DIR=DIR      default: build-sanitized
sanitized_build=${SANITIZED_BUILD_DIR:-build-sanitized}

# Configures $sanitized_build (quietly; again is a no-op). Run from the repository's top.
configure_sanitized_build() {
    local flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    cmake -S . -B "$sanitized_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWALLBOARD_TESTS=ON -DWALLBOARD_WERROR=OFF \
        -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
        -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
        -DCMAKE_PROJECT_wallboard_INCLUDE="$PWD/tests/fuzz/hook.cmake" >/dev/null
}
