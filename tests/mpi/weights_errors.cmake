# `techconv weights` under mpirun with a bad table (make_weights_tables.py KIND, 3,000 rows): one
# process and mpirun -n 3 with shares 5,0,2 (the first 5/7 of the bytes on rank 0, none on
# rank 1, the rest on rank 2) must fail with the same message (file, line, column, row), printed
# once, exit 1, and leave no output folder.
# KIND: bad-cell (a cell that is no number three quarters down the table: on rank 2, not the rank
# that prints, beside a rank with no rows) or overflow (1e308 halfway and three quarters down,
# 'abc' in the row after: at 5,0,2 the column sum overflows only when rank 2's sum meets rank 0's,
# while rank 2 itself sees the bad cell, which must not win; at 1,1,8 both 1e308 and the bad cell
# are on rank 2, whose own sum overflows first). More rank counts would take the same paths (the
# other mpi/weights tests run 1 and 2 ranks). Variables: TECHCONV, PYTHON, MPIEXEC, MPIEXEC_ARGS,
# OUT, KIND.
cmake_policy(VERSION 3.16)
set(TC_COMMAND weights)
include("${CMAKE_CURRENT_LIST_DIR}/keycore_runs.cmake")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(_table "${OUT}/table.csv")
execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_weights_tables.py" ${KIND} "${_table}" 3000
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not write the table: ${err}")
endif()
tc_run_keycore("" "" rc out err "${_table}" --out "${OUT}/result" --quiet)
string(REGEX MATCH "techconv weights: error: [^\n]*" _want "${err}")
if(NOT rc EQUAL 1 OR NOT _want OR EXISTS "${OUT}/result")
  message(FATAL_ERROR "one process: expected exit 1 with an error and no folder (exit ${rc}): ${err}")
endif()
if(KIND STREQUAL "overflow" AND NOT _want MATCHES "out_of_range")
  message(FATAL_ERROR "one process: the overflow comes first in file order: ${_want}")
endif()
if(KIND STREQUAL "bad-cell" AND NOT _want MATCHES "bad_number")
  message(FATAL_ERROR "one process: expected the bad cell: ${_want}")
endif()
set(_runs "3|5,0,2")
if(KIND STREQUAL "overflow")
  list(APPEND _runs "3|1,1,8")
endif()
foreach(_run IN LISTS _runs)
  tc_parse_run("${_run}" np shares tag)
  tc_run_keycore("${np}" "${shares}" rc out err "${_table}" --out "${OUT}/result" --quiet)
  string(REPLACE ";" "," _err "${err}")
  string(REGEX MATCHALL "techconv weights: error: [^\n]*" _got "${_err}")
  list(LENGTH _got _times)
  string(REPLACE ";" "," _want1 "${_want}")
  if(NOT rc EQUAL 1 OR NOT _times EQUAL 1 OR NOT _got STREQUAL _want1 OR EXISTS "${OUT}/result")
    message(FATAL_ERROR "${tag}: expected '${_want}' once, exit 1, no folder; got exit ${rc}: ${err}")
  endif()
endforeach()
message("every run: ${_want}")
