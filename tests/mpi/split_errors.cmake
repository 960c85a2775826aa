# A bad record at 90 % of one file split by byte ranges (make_split_inputs.py KIND-bad: a Lens
# export whose titles hold line breaks, or Lens patent JSON Lines with indented records): one
# process fails naming the file, line, record and field; mpirun -n 2 (shares 1,4) and -n 3
# (5,0,2: rank 1 empty, the record on rank 2) must fail with the same message, printed once,
# exit 1, and leave no output folder. The line and record numbers count the lines and records
# of the shares before (quoted line breaks, CRLF, blank lines and indented records among them).
# Variables: TECHCONV, PYTHON, MPIEXEC, MPIEXEC_ARGS, OUT, KIND (breaks or jsonl), SOURCE, FORMAT.
cmake_policy(VERSION 3.16)
set(TC_COMMAND keycore)
include("${CMAKE_CURRENT_LIST_DIR}/keycore_runs.cmake")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(_input "${OUT}/input-${KIND}-bad")
execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_split_inputs.py" ${KIND}-bad "${SOURCE}" "${_input}"
                        1,4 5,0,2 RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not write ${_input}: ${err}")
endif()
tc_same_failure(1 "a bad record at 90 %" "2|1,4;3|5,0,2" "${_input}" --format ${FORMAT})
if(NOT _message MATCHES "input-${KIND}-bad:[0-9]+(:[0-9]+)?: record [0-9]+: field ")
  message(FATAL_ERROR "the error does not name the file, line, record and field: ${_message}")
endif()
