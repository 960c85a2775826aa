#!/bin/sh
# Compiler launcher of the header self-containment check (techconv_header_check,
# tests/CMakeLists.txt): runs CLANG in place of the project's g++ on the command line
# CMake wrote for g++ (the same include paths, definitions and warnings, -fsyntax-only).
#   header_check_cxx.sh CLANG PROJECT_CXX ARGUMENTS...
# -std=c++17 first (a -std on CMake's line comes later and wins): CMake leaves it out when
# g++'s default (gnu++17) meets the library's cxx_std_17, and clang++ 14 defaults to C++14.
# clang++'s -Wconversion also warns about sign conversions, which g++'s leaves to
# -Wsign-conversion (not among the project's warnings): it is turned off, as in g++ (last,
# after -Wconversion, which would turn it on again).
clang="$1"
shift 2
exec "$clang" -std=c++17 "$@" -Wno-sign-conversion
