# What is installed, and the Debian package made of it: `cpack -G DEB` in a build tree makes
# wallboard_<version>_<arch>.deb (deploy/package.sh does it with Debian's hardening flags, for amd64 here
# and for arm64 through deploy/cross-arm64.sh). Every installed file is listed in README.md.
include(GNUInstallDirs)

install(TARGETS wallboard wallboard-publish RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The kiosk session that wallboard.service starts under xinit. Architecture-independent: lib, not libdir.
install(PROGRAMS deploy/kiosk/kiosk-session DESTINATION lib/wallboard)
install(FILES config/board.toml DESTINATION /etc/wallboard) # a conffile: deploy/debian/conffiles
# Debian bookworm keeps units in /lib (the /usr-merge moratorium): absolute, as dh_installsystemd does.
install(FILES deploy/systemd/wallboard.service deploy/systemd/wallboard-publish.service
        DESTINATION /lib/systemd/system)

# Documentation Debian asks of every package: the copyright, the changelog, and a man page per program.
set(WALLBOARD_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/wallboard)
set(generated_docs ${PROJECT_BINARY_DIR}/generated/docs)
file(MAKE_DIRECTORY ${generated_docs})
add_custom_command(OUTPUT ${generated_docs}/changelog.gz
                   COMMAND gzip -9n < ${PROJECT_SOURCE_DIR}/deploy/debian/changelog > ${generated_docs}/changelog.gz
                   DEPENDS ${PROJECT_SOURCE_DIR}/deploy/debian/changelog VERBATIM)
set(generated_files ${generated_docs}/changelog.gz)
install(FILES deploy/debian/copyright ${generated_docs}/changelog.gz DESTINATION ${WALLBOARD_DOC_DIR})

# Man pages from each program's own --help (help2man), with the sections --help has no room for in
# deploy/man/<program>.h2m: they cannot drift from the options. A cross build runs the program through
# its emulator (qemu-user).
# wallboard-publish's page also holds each subcommand's --help (deploy/man/help-with-subcommands).
find_program(HELP2MAN help2man)
if(HELP2MAN)
    list(JOIN CMAKE_CROSSCOMPILING_EMULATOR " " emulator)
    set(help_of_wallboard "${emulator} $<TARGET_FILE:wallboard>")
    set(help_of_wallboard-publish "${PROJECT_SOURCE_DIR}/deploy/man/help-with-subcommands \
'${emulator} $<TARGET_FILE:wallboard-publish>' build check serve --")
    foreach(program wallboard wallboard-publish)
        set(page ${generated_docs}/${program}.1)
        add_custom_command(
            OUTPUT ${page}.gz
            COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section 1 --version-string ${PROJECT_VERSION}
                    --include ${PROJECT_SOURCE_DIR}/deploy/man/${program}.h2m --output ${page}
                    "${help_of_${program}}"
            COMMAND gzip -9nf ${page}
            DEPENDS ${program} ${PROJECT_SOURCE_DIR}/deploy/man/${program}.h2m
                    ${PROJECT_SOURCE_DIR}/deploy/man/help-with-subcommands VERBATIM)
        list(APPEND generated_files ${page}.gz)
        install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    endforeach()
else()
    message(WARNING "help2man not found: no man pages, and no package (deploy/setup-debian.sh installs it)")
endif()
add_custom_target(docs ALL DEPENDS ${generated_files})

# The package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wallboard)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # wallboard_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Wallboard developers <wallboard@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "wall display for a children's services improvement plan")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Wallboard shows an improvement plan's indicators against target and its
actions by RAG rating on the wall of every team room, and keeps showing the
last good data, with its age, when the network drops. The board runs
fullscreen as a kiosk (wallboard.service, an X session of its own on tty7)
and fetches a snapshot from any web server; wallboard-publish turns the
performance team's CSV exports into that snapshot.")
# Shared libraries from dpkg-shlibdeps; the rest is what the kiosk session and the fonts need.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(NOT CPACK_DEBIAN_PACKAGE_ARCHITECTURE AND CMAKE_CROSSCOMPILING)
    message(FATAL_ERROR "a cross build sets CPACK_DEBIAN_PACKAGE_ARCHITECTURE (deploy/arm64-toolchain.cmake)")
endif()
file(STRINGS ${PROJECT_SOURCE_DIR}/deploy/debian/depends depends_lines REGEX "^[^#]")
# GLFW dlopens the GL library it makes its context with: GLX's for desktop GL, EGL's for the GLES build.
if(WALLBOARD_GLES)
    list(APPEND depends_lines libegl1)
else()
    list(APPEND depends_lines libgl1)
endif()
list(JOIN depends_lines ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/prerm ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
include(CPack)
