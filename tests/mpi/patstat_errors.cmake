# `techconv keycore` on a broken PATSTAT extract under mpirun (read_patstat_split): the extract
# EXTRACT (tests/io/patstat_extract.py) copied and broken by patstat_mutate.py, keeping every
# byte count: a bad appln_id in tls209_appln_ipc three quarters into the file (read by rank 1
# under equal shares on 2 ranks, by rank 2 under 5,0,2 on 3), and a tls201_appln row out of
# order at the first rank boundary of equal shares on 2 ranks (each share in order alone).
# One process and every mpirun run must fail with the same message (file, line, field),
# printed once, exit 1, and leave no output folder. Variables: TECHCONV, PYTHON, MPIEXEC,
# MPIEXEC_ARGS, EXTRACT, OUT.
cmake_policy(VERSION 3.16)
set(TC_COMMAND keycore)
include("${CMAKE_CURRENT_LIST_DIR}/keycore_runs.cmake")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
foreach(_kind bad-cell boundary)
  execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/patstat_mutate.py" "${EXTRACT}" "${OUT}/${_kind}"
                          ${_kind} 1,1
                  RESULT_VARIABLE rc OUTPUT_VARIABLE _where OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not break the extract (${_kind}): ${err}")
  endif()
  file(GLOB _in "${OUT}/${_kind}/*.csv")
  list(SORT _in)
  if(_kind STREQUAL "bad-cell")
    tc_same_failure(1 "a bad appln_id in tls209" "2|1,1;3|5,0,2" ${_in})
    if(NOT _message MATCHES "tls209_appln_ipc\\.csv:[0-9]+:.*appln_id.*bad_number")
      message(FATAL_ERROR "the error does not name tls209_appln_ipc.csv, a line and the field appln_id: ${_message}")
    endif()
  else()
    tc_same_failure(1 "tls201 out of order at a share boundary" "2|1,1" ${_in})
    string(REPLACE "." "\\." _where_re "${_where}")
    if(NOT _message MATCHES "${_where_re}:.*appln_id.*comes after")
      message(FATAL_ERROR "the error does not name ${_where} and the order: ${_message}")
    endif()
  endif()
endforeach()
