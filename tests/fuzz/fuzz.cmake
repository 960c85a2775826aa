# Script behind the fuzz tests (cmake -P), two modes:
#
# MODE=build: configure and build the clang sub-build (project/) in
#   WORK_DIR/build. Variables: FUZZ_CXX, PROJECT_DIR, TECHCONV_SOURCE_DIR,
#   WORK_DIR, GENERATOR, JOBS (parallel jobs, default 2).
# MODE=run: run WORK_DIR/build/fuzz_<TARGET> for SECONDS on a working corpus
#   (WORK_DIR/corpus/<TARGET>, kept between runs) plus SEEDS and REGRESSIONS,
#   with OPTIONS ('|'-separated libFuzzer flags) and DICT. Crashing inputs are
#   written to WORK_DIR/artifacts/<TARGET>/; each run appends a line
#   "date target seconds executions result" to WORK_DIR/ledger.tsv.
cmake_minimum_required(VERSION 3.21)

if(MODE STREQUAL "build")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${PROJECT_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
      -DCMAKE_CXX_COMPILER=${FUZZ_CXX}
      -DCMAKE_BUILD_TYPE=None
      -DTECHCONV_SOURCE_DIR=${TECHCONV_SOURCE_DIR}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fuzz build: configure failed")
  endif()
  if(NOT JOBS)
    set(JOBS 2)
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --parallel ${JOBS}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fuzz build: build failed")
  endif()
  return()
endif()

if(NOT MODE STREQUAL "run")
  message(FATAL_ERROR "fuzz.cmake: MODE must be build or run")
endif()

set(bin "${WORK_DIR}/build/fuzz_${TARGET}")
if(NOT EXISTS "${bin}")
  message(FATAL_ERROR "fuzz: ${bin} was not built (run the fuzz/build test first)")
endif()
set(corpus "${WORK_DIR}/corpus/${TARGET}")
set(artifacts "${WORK_DIR}/artifacts/${TARGET}")
file(MAKE_DIRECTORY "${corpus}" "${artifacts}")
string(REPLACE "|" ";" opts "${OPTIONS}")
set(args -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048
         -print_final_stats=1 -artifact_prefix=${artifacts}/ ${opts})
if(DICT)
  list(APPEND args -dict=${DICT})
endif()
set(dirs "${corpus}" "${SEEDS}")
if(IS_DIRECTORY "${REGRESSIONS}")
  list(APPEND dirs "${REGRESSIONS}")
endif()
file(GLOB before "${artifacts}/*")
string(TIMESTAMP start "%s")
execute_process(COMMAND "${bin}" ${args} ${dirs}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(TIMESTAMP stop "%s")
math(EXPR took "${stop} - ${start}")
set(log "${out}${err}")
file(WRITE "${WORK_DIR}/last-${TARGET}.log" "${log}")
set(execs 0)
if(log MATCHES "stat::number_of_executed_units: *([0-9]+)")
  set(execs "${CMAKE_MATCH_1}")
endif()
set(result ok)
if(NOT rc EQUAL 0)
  set(result "failed(${rc})")
endif()
string(TIMESTAMP now "%Y-%m-%dT%H:%M:%SZ" UTC)
file(APPEND "${WORK_DIR}/ledger.tsv" "${now}\t${TARGET}\t${took}\t${execs}\t${result}\n")
message(STATUS "fuzz ${TARGET}: ${execs} executions in ${took} s (${result})")
if(NOT rc EQUAL 0)
  file(GLOB after "${artifacts}/*")
  list(REMOVE_ITEM after ${before} "")
  string(LENGTH "${log}" n)
  if(n GREATER 6000)
    math(EXPR from "${n} - 6000")
    string(SUBSTRING "${log}" ${from} 6000 log)
  endif()
  message("${log}")
  message(FATAL_ERROR "fuzz ${TARGET}: libFuzzer found a failure. Reproduce with\n"
    "  ${bin} <artifact>\n"
    "fix it, and keep the input as a regression: copy it into\n"
    "  tests/fuzz/regressions/${TARGET}/\n"
    "new artifacts: ${after}")
endif()
