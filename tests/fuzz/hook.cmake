# Adds the fuzzers (fuzzers.cmake) to the main project without an option in its CMakeLists.txt: run.sh
# passes this file as CMAKE_PROJECT_wallboard_INCLUDE, which CMake includes at the end of project(); the
# deferred include then runs once the top-level CMakeLists.txt has defined every target the fuzzers link.
set(WALLBOARD_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL include ${WALLBOARD_FUZZ_DIR}/fuzzers.cmake)
