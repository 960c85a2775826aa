# Runs distributed_keycore once single-process (--serial) and with mpirun -np
# 1, 2 and 3, and fails unless every output file is byte-identical; when the
# techconv command is built (TECHCONV), its `keycore --no-merge` weights.csv
# and scores.csv must be identical too.
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
execute_process(COMMAND "${EXE}" "${INPUT}" --out "${OUT}/serial" --format ${FORMAT} --serial
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "serial run failed (${rc}): ${out}${err}")
endif()
message("serial: ${out}")
foreach(np 1 2 3)
  execute_process(COMMAND "${MPIEXEC}" -n ${np} ${MPIEXEC_ARGS} "${EXE}" "${INPUT}" --out "${OUT}/np${np}" --format ${FORMAT}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mpirun -n ${np} failed (${rc}): ${out}${err}")
  endif()
  foreach(f weights.csv scores.csv report.json)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/serial/${f}" "${OUT}/np${np}/${f}"
                    RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
      message(FATAL_ERROR "${f} differs between the single-process run and mpirun -n ${np}")
    endif()
  endforeach()
  message("np ${np}: weights.csv, scores.csv, report.json identical to the single-process run")
endforeach()
if(TECHCONV)
  execute_process(COMMAND "${TECHCONV}" keycore "${INPUT}" --out "${OUT}/techconv" --format ${FORMAT} --no-merge --quiet
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "techconv keycore failed (${rc}): ${out}${err}")
  endif()
  foreach(f weights.csv scores.csv)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/serial/${f}" "${OUT}/techconv/${f}"
                    RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
      message(FATAL_ERROR "${f} differs from techconv keycore --no-merge")
    endif()
  endforeach()
  message("techconv keycore --no-merge: weights.csv, scores.csv identical")
endif()
