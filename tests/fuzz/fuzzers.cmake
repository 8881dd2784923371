# libFuzzer harnesses, built with clang by tests/fuzz/run.sh (which also runs them) in a build of their own
# where every library is compiled with -fsanitize=fuzzer-no-link,address,undefined. Included at the end of
# the top-level CMakeLists.txt (hook.cmake), so it names its files from its own folder.
# A fuzzer is one source file defining LLVMFuzzerTestOneInput, linked with the libraries it exercises:
# to add one, add a line here and its seed files to the table in run.sh.
function(wallboard_add_fuzzer name source)
    add_executable(${name} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${source})
    target_link_libraries(${name} PRIVATE ${ARGN})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_compile_definitions(${name} PRIVATE WALLBOARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/fuzz)
endfunction()

# The CSV reader: decoding, separator sniffing, parsing and decimal commas.
wallboard_add_fuzzer(fuzz_csv fuzz_csv.cpp publish_lib)

# publish::BuildSnapshot with the Plymouth demo's plan.toml and the fuzzed bytes as one of its CSVs.
wallboard_add_fuzzer(fuzz_build_indicators fuzz_build.cpp publish_lib)
target_compile_definitions(fuzz_build_indicators PRIVATE WALLBOARD_FUZZ_INDICATORS=1)
wallboard_add_fuzzer(fuzz_build_actions fuzz_build.cpp publish_lib)

# wb::ParseSnapshot, the check every feed response and cached row passes, then the board's view of it.
wallboard_add_fuzzer(fuzz_snapshot fuzz_snapshot.cpp core digest)

# The board's start from its cache: the fuzzed bytes as the cache file, opened, loaded, stored into.
wallboard_add_fuzzer(fuzz_cache fuzz_cache.cpp io)
