# `techconv closeness` under mpirun with a bad input (make_papers.py ... bad: three Scopus files,
# the second with a quoted field never closed): one process and mpirun -n 3 with shares 5,0,2
# (rank 0 reads the first two files, so the error is rank 0's own, beside a rank with no file)
# and 0,0,1 (the last rank reads every file: the error comes from a rank other than the one that
# prints, and rank 0 has no file) must fail with the same message (file, line, record, field),
# printed once, exit 1, and leave no output folder. Then a refusal of the inputs (a format that
# holds no countries) is a usage error (exit 2), said once, no folder: rank 0 refuses before
# any file is shared out, so one mpirun run (3 ranks, 5,0,2) checks it. Runs on 1 and 2 ranks
# would take the same paths. Variables: TECHCONV, PYTHON, MPIEXEC, MPIEXEC_ARGS, OUT.
cmake_policy(VERSION 3.16)
set(TC_COMMAND closeness)
include("${CMAKE_CURRENT_LIST_DIR}/../keycore_runs.cmake")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/make_papers.py" "${OUT}/papers" 3 3000 bad
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not write the papers: ${err}")
endif()
set(_in "${OUT}/papers/papers-1.csv" "${OUT}/papers/papers-2.csv" "${OUT}/papers/papers-3.csv")
tc_same_failure(1 "bad record" "3|5,0,2;3|0,0,1" ${_in})
# the file, its line and the field (make_papers.py breaks record 501 of the 1,000 of papers-2.csv: line 502)
if(NOT _message MATCHES "papers-2\\.csv:502:.*field 'Affiliations'.*unterminated_quote")
  message(FATAL_ERROR "the error does not name papers-2.csv, line 502 and the field Affiliations: ${_message}")
endif()
tc_same_failure(2 "refused input" "3|5,0,2" "${OUT}/papers/papers-1.csv" --format lens)
