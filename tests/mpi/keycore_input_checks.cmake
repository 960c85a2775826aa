# The input checks of `techconv keycore` under mpirun, on a small synthetic
# corpus (make_synthetic_corpus, 3,000 records) with lines added by this script:
#
# CASE repeated-ids: three records repeated later in the file (the first record in the
#   middle of the file, a middle record and an early record at the end), so the first and
#   the later occurrence fall in different ranks' shares. `techconv keycore` drops the later
#   occurrences (its report names 3 duplicates, the first at the middle line); every output file
#   of mpirun -n 3 (equal shares) and -n 3 with shares 5,0,2 (rank 1 empty; the middle and the
#   early record on rank 0, their repeats on rank 2) must be byte-identical to it. -n 2 is not
#   run: its one cut (half the bytes) separates no pair that the cuts of -n 3 (a third, two
#   thirds) leave together.
# CASE read-limit: a record with 20 distinct IPC codes appended at the end (in the last
#   rank's share); with --max-codes-per-record 16 `techconv keycore` fails naming the file,
#   line, record and field. mpirun -n 3 with shares 5,0,2 (the record on rank 2, not the rank
#   that prints, rank 1 empty) must fail with the same message (printed once), every rank must
#   exit (the test's timeout catches a hang), and neither the output folder nor a staging
#   folder may be left. Then --max-memory 1K (a bound on each rank's share) must fail alike
#   with a limit_exceeded error and leave nothing. One run each: -n 1 and -n 2 would take the
#   same paths (an error on one rank, agreed by all, said by rank 0).
# CASE files: the corpus as three files (split_corpus.py, PYTHON), read by whole files on the
#   ranks; see the case below.
cmake_policy(VERSION 3.16)  # a script run with -P: lists keep empty elements (CMP0007)
include("${CMAKE_CURRENT_LIST_DIR}/keycore_runs.cmake")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${MAKE_CORPUS}" 3000 "${OUT}/corpus.csv" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not generate the synthetic corpus")
endif()
if(NOT TECHCONV)
  message(FATAL_ERROR "the techconv command (examples/techconv) is needed as the reference")
endif()
file(STRINGS "${OUT}/corpus.csv" _lines)
list(LENGTH _lines _n)
if(NOT _n EQUAL 3001)
  message(FATAL_ERROR "expected a header and 3000 records, got ${_n} lines")
endif()
list(GET _lines 0 _header)
set(_input "${OUT}/input.csv")
# (the lines hold ";;"-separated lists: file(STRINGS) escapes them, and each line is
# taken out with list(GET), never by joining the list)
if(CASE STREQUAL "repeated-ids")
  # records 1, 2000 and 10 (lines 2, 2001, 11 of the corpus) again: record 1 after record 1500,
  # the others at the end
  list(GET _lines 1 _first)
  list(GET _lines 2000 _middle)
  list(GET _lines 10 _early)
  set(_text "${_header}\n")
  foreach(i RANGE 1 3000)
    list(GET _lines ${i} _l)
    string(APPEND _text "${_l}\n")
    if(i EQUAL 1500)
      string(APPEND _text "${_first}\n")
    endif()
  endforeach()
  file(WRITE "${_input}" "${_text}${_middle}\n${_early}\n")
  tc_reference("${_input}" --format csv --group-by country)
  # the reference itself: 3 duplicates, the first one at line 1502 (header + 1500 records + 1)
  file(READ "${OUT}/techconv/report.json" _json)
  string(REGEX MATCH "\"records_read\": [0-9]+" _read "${_json}")
  if(NOT _json MATCHES "3 duplicate records dropped \\(an id seen before in these inputs. first: [^\"]*input.csv:1502: "
     OR NOT _read STREQUAL "\"records_read\": 3000")
    message(FATAL_ERROR "techconv keycore did not drop the 3 repeated records as expected: ${_json}")
  endif()
  foreach(_run "3|" "3|5,0,2")
    tc_compare_run("${_run}" "${_input}" --format csv --group-by country)
  endforeach()
elseif(CASE STREQUAL "read-limit")
  # a copy of record 1 with a new id and 20 distinct IPC codes (the generator gives at most 8);
  # the corpus has no quoted field, so its fields are split at commas (";;" held as "@@")
  list(GET _lines 1 _first)
  set(_codes "G06F 1/00")
  foreach(k RANGE 2 20)
    string(APPEND _codes "@@G06F ${k}/00")
  endforeach()
  string(REPLACE "," ";" _hf "${_header}")
  list(FIND _hf ipc _ipc)
  list(FIND _hf id _idc)
  if(_ipc LESS 0 OR NOT _idc EQUAL 0 OR _first MATCHES "\"")
    message(FATAL_ERROR "unexpected corpus layout: ${_header}")
  endif()
  string(REPLACE ";;" "@@" _f "${_first}")
  string(REPLACE "," ";" _f "${_f}")
  list(REMOVE_AT _f ${_ipc})
  list(INSERT _f ${_ipc} "${_codes}")
  list(REMOVE_AT _f 0)
  list(INSERT _f 0 "SYN-MANY-CODES")
  string(REPLACE ";" "," _many "${_f}")
  string(REPLACE "@@" ";;" _many "${_many}")
  file(READ "${OUT}/corpus.csv" _all)
  file(WRITE "${_input}" "${_all}${_many}\n")
  execute_process(COMMAND "${TECHCONV}" keycore "${_input}" --out "${OUT}/techconv" --format csv
                          --max-codes-per-record 16 --quiet
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX MATCH "error: [^\n]*" _want "${err}")
  if(rc EQUAL 0 OR NOT _want MATCHES "input.csv:3002:[0-9]+: record 3001: field 'ipc': .*limit_exceeded")
    message(FATAL_ERROR "techconv keycore did not fail as expected on line 3002 (${rc}): ${out}${err}")
  endif()
  foreach(_run "3|5,0,2")
    tc_parse_run("${_run}" np _split _tag)
    foreach(_limit "--max-codes-per-record|16" "--max-memory|1K")
      string(REPLACE "|" ";" _l "${_limit}")
      tc_run_keycore(${np} "${_split}" rc out err "${_input}" --out "${OUT}/${_tag}" --format csv ${_l})
      string(REGEX MATCHALL "techconv keycore[^\n]*error: [^\n]*" _got "${err}")
      list(LENGTH _got _times)
      file(GLOB _staging "${OUT}/.*techconv-staging*")
      if(rc EQUAL 0 OR NOT _times EQUAL 1 OR EXISTS "${OUT}/${_tag}" OR _staging)
        string(REPLACE ";" " " _lt "${_l}")
        message(FATAL_ERROR "mpirun -n ${np} (shares ${_split}) ${_lt}: expected one error and no output (exit ${rc}, "
                            "errors ${_times}, staging ${_staging}): ${out}${err}")
      endif()
      if(_limit MATCHES "codes")
        if(NOT _got STREQUAL "techconv keycore: ${_want}")
          message(FATAL_ERROR "mpirun -n ${np} (shares ${_split}): the error differs from techconv keycore's\n"
                              "  techconv:    ${_want}\n  distributed: ${_got}")
        endif()
      elseif(NOT _got MATCHES "^techconv keycore: error: [^ ]*input.csv:[0-9]+: record [0-9]+: the records read so far take .*--max-memory.*limit_exceeded")
        message(FATAL_ERROR "mpirun -n ${np} (shares ${_split}) --max-memory 1K: unexpected error: ${_got}")
      endif()
    endforeach()
    message("${_tag}: fails as techconv keycore does, once, leaving no output")
  endforeach()
elseif(CASE STREQUAL "files")
  # the corpus as three files (split_corpus.py), read by whole files on the ranks
  # (parallel::mpi::read_patent_tables_split): with shares 1,3 and 5,0,2 (rank 1: no file) the
  # files must be those of one process (the 20 ids part-3.csv repeats from part-1.csv dropped on
  # another rank than the one that read them first); with part-2-bad.csv in the middle, every
  # run must fail with the message of one process (part-2-bad.csv, line 501, record 500, field
  # applicant_types), printed once, exit 1, no output folder.
  execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/split_corpus.py" "${OUT}/corpus.csv" "${OUT}/parts"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not split the corpus: ${err}")
  endif()
  set(_good "${OUT}/parts/part-1.csv" "${OUT}/parts/part-2.csv" "${OUT}/parts/part-3.csv")
  tc_reference("${_good}" --format csv --group-by country)
  file(READ "${OUT}/techconv/report.json" _json)
  if(NOT _json MATCHES "20 duplicate records dropped \\(an id seen before in these inputs. first: [^\"]*part-3.csv:1002: ")
    message(FATAL_ERROR "techconv keycore did not drop the 20 repeated records of part-3.csv: ${_json}")
  endif()
  foreach(_run "2|1,3" "3|5,0,2")
    tc_compare_run("${_run}" "${_good}" --format csv --group-by country)
  endforeach()
  set(_bad "${OUT}/parts/part-1.csv" "${OUT}/parts/part-2-bad.csv" "${OUT}/parts/part-3.csv")
  tc_run_keycore("" "" rc out err ${_bad} --out "${OUT}/result" --format auto --quiet)
  string(REGEX MATCH "techconv keycore: error: [^\n]*" _want "${err}")
  if(NOT rc EQUAL 1 OR EXISTS "${OUT}/result"
     OR NOT _want MATCHES "part-2-bad.csv:501:[0-9]+: record 500: field 'applicant_types': ")
    message(FATAL_ERROR "techconv keycore did not fail on part-2-bad.csv line 501 (${rc}): ${out}${err}")
  endif()
  foreach(_run "2|1,3" "3|5,0,2")
    tc_parse_run("${_run}" np _split _tag)
    tc_run_keycore(${np} "${_split}" rc out err ${_bad} --out "${OUT}/result" --format auto --quiet)
    string(REGEX MATCHALL "techconv keycore[^\n]*error: [^\n]*" _got "${err}")
    list(LENGTH _got _times)
    if(NOT rc EQUAL 1 OR NOT _times EQUAL 1 OR NOT _got STREQUAL _want OR EXISTS "${OUT}/result")
      message(FATAL_ERROR "mpirun -n ${np} (shares ${_split}): expected '${_want}' once, exit 1, no folder; "
                          "got exit ${rc}: ${out}${err}")
    endif()
    message("${_tag}: fails as techconv keycore does, once, leaving no output")
  endforeach()
else()
  message(FATAL_ERROR "unknown CASE '${CASE}'")
endif()
