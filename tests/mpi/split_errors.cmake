# A bad record at 90 % of one file split by byte ranges (make_split_inputs.py KIND-bad: a Lens
# export whose titles hold line breaks, or Lens patent JSON Lines with indented records): one
# process fails naming the file, line, record and field; mpirun -n 2 (shares 1,4) and -n 3
# (5,0,2: rank 1 empty, the record on rank 2) must fail with the same message, printed once,
# exit 1, and leave no output folder. The line and record numbers count the lines and records
# of the shares before (quoted line breaks, CRLF, blank lines and indented records among them).
# Variables: TECHCONV, PYTHON, MPIEXEC, MPIEXEC_ARGS, OUT, KIND (breaks or jsonl), SOURCE, FORMAT.
cmake_policy(VERSION 3.16)
include("${CMAKE_CURRENT_LIST_DIR}/keycore_runs.cmake")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(_input "${OUT}/input-${KIND}-bad")
execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_split_inputs.py" ${KIND}-bad "${SOURCE}" "${_input}"
                        1,4 5,0,2 RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not write ${_input}: ${err}")
endif()
tc_run_keycore("" "" rc out err "${_input}" --out "${OUT}/result" --format ${FORMAT} --quiet)
string(REGEX MATCH "techconv keycore: error: [^\n]*" _want "${err}")
if(NOT rc EQUAL 1 OR EXISTS "${OUT}/result" OR NOT _want MATCHES "input-${KIND}-bad:[0-9]+(:[0-9]+)?: record [0-9]+: field ")
  message(FATAL_ERROR "techconv keycore did not fail on the bad record (${rc}): ${out}${err}")
endif()
foreach(_run "2|1,4" "3|5,0,2")
  tc_parse_run("${_run}" np _split _tag)
  tc_run_keycore(${np} "${_split}" rc out err "${_input}" --out "${OUT}/result" --format ${FORMAT} --quiet)
  string(REGEX MATCHALL "techconv keycore[^\n]*error: [^\n]*" _got "${err}")
  list(LENGTH _got _times)
  if(NOT rc EQUAL 1 OR NOT _times EQUAL 1 OR NOT _got STREQUAL _want OR EXISTS "${OUT}/result")
    message(FATAL_ERROR "mpirun -n ${np} (shares ${_split}): expected '${_want}' once, exit 1, no folder; "
                        "got exit ${rc}: ${out}${err}")
  endif()
  message("${_tag}: fails as techconv keycore does (${_want}), once, leaving no output")
endforeach()
