#!/bin/sh
# Prints Wallboard's version: the one in project() of CMakeLists.txt, for the scripts that name packages.
exec sed -n 's/^project(wallboard VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../CMakeLists.txt"
