# Runs `techconv keycore` (the reference) and distributed_keycore with mpirun
# -np 1, 2 and 3 (equal byte shares), and -np 2 and 3 with uneven shares
# (--split; with 3 ranks the middle rank gets no rows), all with OPTIONS, and
# fails unless every output file is byte-identical to the reference.
include("${CMAKE_CURRENT_LIST_DIR}/runs.cmake")
file(MAKE_DIRECTORY "${OUT}")
if(FORMAT STREQUAL "csv" AND NOT EXISTS "${INPUT}")
  get_filename_component(_dir "${INPUT}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  # 150,001 records: three 65,536-row chunks under the default chunking, split
  # unevenly by bytes; the corpus is a pure function of the seed.
  execute_process(COMMAND "${MAKE_CORPUS}" 150001 "${INPUT}" RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not generate the synthetic corpus")
  endif()
endif()
if(NOT TECHCONV)
  message(FATAL_ERROR "the techconv command (examples/techconv) is needed as the reference")
endif()
separate_arguments(_opts UNIX_COMMAND "${OPTIONS}")
execute_process(COMMAND "${TECHCONV}" keycore --force "${INPUT}" --out "${OUT}/techconv" --format ${FORMAT} ${_opts} --quiet
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "techconv keycore failed (${rc}): ${out}${err}")
endif()
message("techconv keycore: ${out}")
set(_runs "1|" "2|" "3|" "2|1,4" "3|5,0,2")
foreach(_run IN LISTS _runs)
  tc_compare_run("${_run}" "${INPUT}" --format ${FORMAT} ${_opts})
endforeach()
# All or nothing (include/techconv/report/output_folder.hpp): every result holds manifest.json; a folder
# that is no techconv result is refused, left as it was, and no staging folder is left behind.
foreach(_tag np1 np3)
  if(NOT EXISTS "${OUT}/${_tag}/manifest.json")
    message(FATAL_ERROR "${_tag}: no manifest.json in the result")
  endif()
endforeach()
file(REMOVE_RECURSE "${OUT}/foreign")
file(WRITE "${OUT}/foreign/notes.txt" "mine\n")
execute_process(COMMAND "${MPIEXEC}" -n 2 ${MPIEXEC_ARGS} "${EXE}" "${INPUT}" --out "${OUT}/foreign" --force
                        --format ${FORMAT}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
file(GLOB _left RELATIVE "${OUT}/foreign" "${OUT}/foreign/*")
file(READ "${OUT}/foreign/notes.txt" _notes)
file(GLOB _staging "${OUT}/.*techconv-staging*")
if(rc EQUAL 0 OR NOT _left STREQUAL "notes.txt" OR NOT _notes STREQUAL "mine\n" OR _staging)
  message(FATAL_ERROR "a foreign --out folder was not refused or was changed (exit ${rc}, files ${_left}, "
                      "staging left: ${_staging})")
endif()
message("a foreign --out folder is refused and left as it was")
