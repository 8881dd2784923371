# Cross-compiles Wallboard for arm64 (Raspberry Pi OS 64-bit, Debian 12 arm64) on an amd64 Debian 12 host,
# with Debian's cross GCC against a Debian-layout arm64 sysroot that deploy/cross-arm64.sh makes.
# Tests (catch_discover_tests, ctest) run the arm64 binaries under qemu-user with the sysroot's libraries.
#
# Usage: cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=deploy/arm64-toolchain.cmake
#              -DWALLBOARD_SYSROOT=/var/cache/wallboard/sysroot-arm64
# (or SYSROOT in the environment; the default is the path above).

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

if(NOT WALLBOARD_SYSROOT)
    if(DEFINED ENV{SYSROOT})
        set(WALLBOARD_SYSROOT "$ENV{SYSROOT}")
    else()
        set(WALLBOARD_SYSROOT "/var/cache/wallboard/sysroot-arm64")
    endif()
endif()
set(WALLBOARD_SYSROOT "${WALLBOARD_SYSROOT}" CACHE PATH "The arm64 Debian sysroot (deploy/cross-arm64.sh makes it)")
if(NOT EXISTS "${WALLBOARD_SYSROOT}/usr/include/aarch64-linux-gnu")
    message(FATAL_ERROR "No arm64 sysroot at ${WALLBOARD_SYSROOT}: run deploy/cross-arm64.sh, or set "
                        "WALLBOARD_SYSROOT to one")
endif()
# try_compile projects read this file again: hand them the sysroot.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES WALLBOARD_SYSROOT)

set(WALLBOARD_TRIPLE aarch64-linux-gnu)
set(CMAKE_SYSROOT "${WALLBOARD_SYSROOT}")
# Debian's cross GCC 12 (g++-aarch64-linux-gnu), the same compiler and version as the native build:
# its own arm64 glibc and libstdc++ headers come from the -cross packages, everything else (and every
# library) from the sysroot. Clang 14 was tried and cannot compile the project: it lacks C++20's
# capture of structured bindings in lambdas (tests/bench/bench_detail.cpp), which GCC 12 has.
set(CMAKE_C_COMPILER ${WALLBOARD_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${WALLBOARD_TRIPLE}-g++)
set(CMAKE_STRIP ${WALLBOARD_TRIPLE}-strip CACHE FILEPATH "") # CPack strips with it; the host's is amd64-only

# Libraries, headers and packages from the sysroot only; programs (pkg-config, qemu) from the host.
set(CMAKE_FIND_ROOT_PATH "${WALLBOARD_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE ${WALLBOARD_TRIPLE})

# pkg-config: the sysroot's .pc files, with their -I/-L paths prefixed by the sysroot.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${WALLBOARD_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${WALLBOARD_SYSROOT}/usr/lib/${WALLBOARD_TRIPLE}/pkgconfig:${WALLBOARD_SYSROOT}/usr/lib/pkgconfig:${WALLBOARD_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# The package (deploy/package.cmake): an arm64 .deb, whose Depends dpkg-shlibdeps works out from the
# sysroot's libraries. They belong to no package the host knows, so dpkg-shlibdeps looks for their
# shlibs and symbols files in the nearest DEBIAN/ above them: deploy/cross-arm64.sh gathers those of
# every package in the sysroot into SYSROOT/DEBIAN/.
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${WALLBOARD_SYSROOT}/usr/lib/${WALLBOARD_TRIPLE}")

# Run arm64 programs (test discovery, ctest) under qemu-user; -L makes the sysroot their root for the
# dynamic loader and libraries.
find_program(WALLBOARD_QEMU NAMES qemu-aarch64-static qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${WALLBOARD_QEMU};-L;${WALLBOARD_SYSROOT}")
