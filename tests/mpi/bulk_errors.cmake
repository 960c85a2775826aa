# `techconv keycore` under mpirun on a PatentsView bulk table set with a bad child table
# (make_bulk_tables.py, 3,000 patents): one process and the runs below must fail with the same
# message (file, line, record, field), printed once, exit 1, no output folder.
#  - bad-row: a cpc_sequence "seven" in g_cpc_current at the patent at 85% of g_patent, in the
#    share of the last rank (2 ranks with shares 1,4; 3 ranks with 5,0,2), never rank 0's;
#  - out-of-order: g_cpc_current lists the rows of patent b before those of patent b - 1, where
#    b is the first patent of the second share with shares 1,4 (the boundary of the child
#    table's shares falls on the swap), and 3 ranks with 1,4,2 cut elsewhere.
# Variables: TECHCONV, PYTHON, MPIEXEC, MPIEXEC_ARGS, OUT, BULK_JSON (the API sample's files).
cmake_policy(VERSION 3.16)
set(TC_COMMAND keycore)
include("${CMAKE_CURRENT_LIST_DIR}/keycore_runs.cmake")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
string(REPLACE "," ";" _json "${BULK_JSON}")
set(_names g_patent g_cpc_current g_ipc_at_issue g_inventor_disambiguated g_assignee_disambiguated
           g_location_disambiguated g_us_patent_citation)
foreach(_kind bad-row out-of-order)
  execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_bulk_tables.py" "${OUT}/${_kind}" 3000 ${_kind}
                          ${_json} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not write the ${_kind} tables: ${err}")
  endif()
  set(_out_${_kind} "${out}")
  foreach(_t IN LISTS _names)
    list(APPEND _in_${_kind} "${OUT}/${_kind}/${_t}.tsv")
  endforeach()
endforeach()
tc_same_failure(1 "bad row" "2|1,4;3|5,0,2" ${_in_bad-row})
if(NOT _message MATCHES "g_cpc_current\\.tsv:[0-9]+:.*field 'cpc_sequence'.*seven")
  message(FATAL_ERROR "the error does not name g_cpc_current.tsv, a line and the field cpc_sequence: ${_message}")
endif()
# make_bulk_tables.py prints the boundary patent b: the message names patents b - 1 and b
string(REGEX MATCH "boundary ([0-9]+)" _b "${_out_out-of-order}")
math(EXPR _before "20000000 + ${CMAKE_MATCH_1} - 1")
math(EXPR _after "20000000 + ${CMAKE_MATCH_1}")
tc_same_failure(1 "child table out of order" "2|1,4;3|1,4,2" ${_in_out-of-order})
if(NOT _message MATCHES "g_cpc_current\\.tsv:[0-9]+:.*patent_id ${_before} comes after patent_id ${_after}")
  message(FATAL_ERROR "the error does not name g_cpc_current.tsv and patents ${_before} after ${_after}: ${_message}")
endif()
