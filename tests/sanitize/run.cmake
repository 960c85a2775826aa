# Builds the test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# in a sub-build and runs it. Any sanitizer report fails the test
# (-fno-sanitize-recover=all; ASan aborts on its first error).
# -g1: line tables only (function names and lines in sanitizer reports) compile
# about a third faster than -g on these template-heavy tests.
# -O0: half the compile time of -O1 with g++ and the same checks (ASan and UBSan
# instrument every access at any level); targets whose tests run long are
# compiled at -O1 (TECHCONV_SANITIZER_OPTIMIZED in tests/CMakeLists.txt).
# JOBS: build and test parallelism (the CTest test reserves that many cores);
# CORES: the machine's cores (the build may use them when they are idle).
set(_flags "-O0 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all")
if(NOT JOBS)
  set(JOBS 2)
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}" -G "${GENERATOR}"
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=None
    "-DCMAKE_CXX_FLAGS=${_flags}"
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined"
    -DTECHCONV_SANITIZER_CHILD=ON
    -DTECHCONV_BUILD_EXAMPLES=OFF
    -DTECHCONV_INSTALL=OFF
    "-DTECHCONV_DATA_DIR=${DATA_DIR}"
    "-DTECHCONV_PYTHON=${PYTHON}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sanitizer build: configure failed")
endif()
# The build may use every core while the machine has room: Ninja starts a job
# beyond JOBS only when the load average is below the core count (-l), so the
# sanitizer build shares the cores with the other tests while they run and
# takes the idle ones when they are done.
set(_build_args --parallel ${JOBS})
if(CORES AND GENERATOR STREQUAL "Ninja" AND CORES GREATER JOBS)
  set(_build_args --parallel ${CORES} -- -l ${CORES})
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}" ${_build_args} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sanitizer build: build failed")
endif()
set(ENV{ASAN_OPTIONS} "abort_on_error=0:detect_leaks=1:strict_string_checks=1:check_initialization_order=1")
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --output-on-failure -j ${JOBS}
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sanitizer build: tests failed")
endif()
message(STATUS "sanitizer build: all tests passed under ASan+UBSan")
