# Runs `techconv TC_COMMAND` (keycore unless given; network and weights too) as one process
# (the reference) and under mpirun -np 2 with uneven shares (TECHCONV_MPI_SHARES 1,4) and -np 3
# with the middle rank getting no records (5,0,2), or the runs RUNS lists, all with OPTIONS,
# and fails unless every output file is byte-identical to the reference (manifest.json but for
# its "ranks" line).
# INPUT: one file, or several separated by "," (split by whole files on the ranks); FORMAT (none: no --format,
# for weights); RECORDS: the synthetic corpus's records when a csv INPUT is generated (default
# 150001); TABLE_KIND, TABLE_ARG, PYTHON: the numeric table make_weights_tables.py writes as
# INPUT (when it does not exist); PAPER_FILES, PAPER_RECORDS, PYTHON: the synthetic Scopus files
# closeness/make_papers.py writes (INPUT lists them); QUALITY_CORPUS, RECORDS, CITATIONS, PYTHON:
# the script (bench/make_quality_corpus.py) writing INPUT (its records.csv) and citations.csv and
# classes.csv beside it (when INPUT does not exist); SPLIT_KIND, SPLIT_SOURCE, PYTHON: the
# file make_split_inputs.py writes as INPUT from SPLIT_SOURCE (when INPUT does not exist);
# BULK_PATENTS, BULK_JSON, PYTHON: the PatentsView bulk table set make_bulk_tables.py writes from
# the API sample BULK_JSON (","-separated) with BULK_PATENTS patents (INPUT lists its tables; when
# the first does not exist); RUNS: the runs ("NP|W0,W1,..." separated by
# ",,"; "NP|" for equal shares), default the two above.
cmake_policy(VERSION 3.16)  # a script run with -P: lists keep empty elements (CMP0007)
include("${CMAKE_CURRENT_LIST_DIR}/keycore_runs.cmake")
file(MAKE_DIRECTORY "${OUT}")
if(FORMAT STREQUAL "csv" AND NOT QUALITY_CORPUS AND NOT EXISTS "${INPUT}")
  get_filename_component(_dir "${INPUT}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  # 150,001 records by default: three 65,536-row chunks under the default chunking, split
  # unevenly by bytes; the corpus is a pure function of the seed.
  if(NOT RECORDS)
    set(RECORDS 150001)
  endif()
  execute_process(COMMAND "${MAKE_CORPUS}" ${RECORDS} "${INPUT}" RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not generate the synthetic corpus")
  endif()
endif()
if(TABLE_KIND AND NOT EXISTS "${INPUT}")  # a numeric table for weights (make_weights_tables.py)
  get_filename_component(_dir "${INPUT}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_weights_tables.py" ${TABLE_KIND} "${INPUT}"
                          "${TABLE_ARG}" RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not write the table ${INPUT}: ${err}")
  endif()
endif()
if(SPLIT_KIND AND NOT EXISTS "${INPUT}")  # a file to split by byte ranges (make_split_inputs.py)
  get_filename_component(_dir "${INPUT}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  # with the default runs' shares: the script fails unless one of their cuts falls inside a record
  execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_split_inputs.py" ${SPLIT_KIND}
                          "${SPLIT_SOURCE}" "${INPUT}" 1,4 5,0,2 RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not write ${INPUT}: ${err}")
  endif()
endif()
if(PAPER_FILES)  # synthetic Scopus files for closeness (make_papers.py: INPUT lists them)
  string(REPLACE "," ";" _papers "${INPUT}")
  list(GET _papers 0 _first)
  if(NOT EXISTS "${_first}")
    get_filename_component(_dir "${_first}" DIRECTORY)
    execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/closeness/make_papers.py" "${_dir}" ${PAPER_FILES}
                            ${PAPER_RECORDS} RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "could not write the papers in ${_dir}: ${err}")
    endif()
  endif()
endif()
if(QUALITY_CORPUS AND NOT EXISTS "${INPUT}")  # records.csv, citations.csv, classes.csv for quality
  get_filename_component(_dir "${INPUT}" DIRECTORY)
  execute_process(COMMAND "${PYTHON}" "${QUALITY_CORPUS}" ${RECORDS} ${CITATIONS} "${_dir}"
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not write the quality corpus in ${_dir}: ${err}")
  endif()
endif()
if(BULK_PATENTS)  # a PatentsView bulk table set (make_bulk_tables.py: INPUT lists its tables)
  string(REPLACE "," ";" _tables "${INPUT}")
  list(GET _tables 0 _first)
  if(NOT EXISTS "${_first}")
    get_filename_component(_dir "${_first}" DIRECTORY)
    string(REPLACE "," ";" _json "${BULK_JSON}")
    execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_bulk_tables.py" "${_dir}" ${BULK_PATENTS} good
                            ${_json} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "could not write the bulk tables in ${_dir}: ${err}")
    endif()
  endif()
endif()
if(NOT TECHCONV)
  message(FATAL_ERROR "the techconv command (examples/techconv) is needed")
endif()
string(REPLACE "," ";" _inputs "${INPUT}")
separate_arguments(_opts UNIX_COMMAND "${OPTIONS}")
if(FORMAT AND NOT FORMAT STREQUAL "none")
  list(PREPEND _opts --format ${FORMAT})
endif()
tc_reference("${_inputs}" ${_opts})
# The reference must show what the options add, or the comparison proves nothing about them:
# --concordance: rows in industries.csv; --indicators: report.json's chosen indicators;
# --citations: a forward count that is a lower bound (a citing document without a year).
if(OPTIONS MATCHES "--concordance")
  file(STRINGS "${OUT}/techconv/industries.csv" _rows)
  list(LENGTH _rows _n)
  if(_n LESS 2)
    message(FATAL_ERROR "--concordance: the reference industries.csv has no row")
  endif()
endif()
if(OPTIONS MATCHES "--indicators")
  file(READ "${OUT}/techconv/report.json" _report)
  if(NOT _report MATCHES "\"chosen_indicators\"")
    message(FATAL_ERROR "--indicators: the reference report.json has no chosen_indicators")
  endif()
  if(OPTIONS MATCHES "--citations" AND NOT _report MATCHES "\"lower_bounds\": [1-9]")
    message(FATAL_ERROR "--citations: no chosen indicator of the reference has a lower bound")
  endif()
endif()
set(_runs "2|1,4" "3|5,0,2")
if(RUNS)
  string(REPLACE ",," ";" _runs "${RUNS}")
endif()
foreach(_run IN LISTS _runs)
  tc_compare_run("${_run}" "${_inputs}" ${_opts})
endforeach()
if(NOT CHECK_FOREIGN)
  return()
endif()
# All or nothing (include/techconv/report/output_folder.hpp): a folder that is no techconv
# result is refused by rank 0 for every rank, left as it was, and no staging folder is left.
file(REMOVE_RECURSE "${OUT}/foreign")
file(WRITE "${OUT}/foreign/notes.txt" "mine\n")
tc_run_keycore(2 "" rc out err "${_inputs}" --out "${OUT}/foreign" --force ${_opts})
file(GLOB _left RELATIVE "${OUT}/foreign" "${OUT}/foreign/*")
file(READ "${OUT}/foreign/notes.txt" _notes)
file(GLOB _staging "${OUT}/.*techconv-staging*")
string(REPLACE ";" "," _err "${err}")  # (a message may hold ';', a list separator)
string(REGEX MATCHALL "techconv ${TC_COMMAND}: error: [^\n]*" _errors "${_err}")
list(LENGTH _errors _times)
if(rc EQUAL 0 OR NOT _left STREQUAL "notes.txt" OR NOT _notes STREQUAL "mine\n" OR _staging OR NOT _times EQUAL 1)
  message(FATAL_ERROR "a foreign --out folder was not refused once or was changed (exit ${rc}, files ${_left}, "
                      "staging left: ${_staging}): ${err}")
endif()
message("a foreign --out folder is refused (once) and left as it was")
