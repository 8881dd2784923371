# Sourced by tests/fuzz/run.sh: its clang build directory, configured with the tests on so that the unit
# tests can be built there under the sanitizers too, the libraries compiled once for both. Debian's
# clang-14 (libclang-rt-14-dev), every file compiled with -fsanitize=fuzzer-no-link,address,undefined: the
# fuzzers link libFuzzer on top (tests/fuzz/fuzzers.cmake, added through hook.cmake).
#   SANITIZED_BUILD_DIR=DIR      default: build-sanitized
sanitized_build=${SANITIZED_BUILD_DIR:-build-sanitized}

# Configures $sanitized_build (quietly; again is a no-op). Run from the repository's top.
configure_sanitized_build() {
    # -O1 and line tables only, as libFuzzer's documentation builds: reports still name file and line, and
    # the build takes far less time than at -O2 -g. NDEBUG as in the release build.
    local flags="-O1 -gline-tables-only -DNDEBUG -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    cmake -S . -B "$sanitized_build" -DCMAKE_BUILD_TYPE=None -DWALLBOARD_TESTS=ON -DWALLBOARD_WERROR=OFF \
        -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
        -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
        -DCMAKE_PROJECT_wallboard_INCLUDE="$PWD/tests/fuzz/hook.cmake" >/dev/null
}
