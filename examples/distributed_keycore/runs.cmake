# Helpers of the test scripts of distributed_keycore (compare_runs.cmake, input_checks.cmake).
#
# tc_parse_run(RUN NP SPLIT TAG): a run written
# "NP|W0,W1,..." (the weights may be empty) as mpirun's rank count NP, the --split arguments
# SPLIT (empty for equal shares) and the name TAG of its output folder (npNP or npNP-splitW0-W1-...).
function(tc_parse_run run np_var split_var tag_var)
  string(REPLACE "|" ";" _p "${run}")
  list(GET _p 0 _np)
  list(LENGTH _p _n)
  set(_split)
  set(_tag "np${_np}")
  if(_n GREATER 1)
    list(GET _p 1 _w)
    if(_w)
      set(_split --split ${_w})
      string(REPLACE "," "-" _wt "${_w}")
      set(_tag "np${_np}-split${_wt}")
    endif()
  endif()
  set(${np_var} "${_np}" PARENT_SCOPE)
  set(${split_var} "${_split}" PARENT_SCOPE)
  set(${tag_var} "${_tag}" PARENT_SCOPE)
endfunction()

# tc_compare_run(RUN INPUT ARGS...): runs distributed_keycore (EXE) under mpirun (MPIEXEC,
# MPIEXEC_ARGS) as RUN says, on INPUT with the arguments ARGS, into OUT/TAG, and fails unless
# every output file is byte-identical to that of `techconv keycore` in OUT/techconv.
function(tc_compare_run run input)
  tc_parse_run("${run}" np split tag)
  execute_process(COMMAND "${MPIEXEC}" -n ${np} ${MPIEXEC_ARGS} "${EXE}" "${input}" --out "${OUT}/${tag}" --force
                          ${ARGN} ${split}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mpirun -n ${np} ${split} failed (${rc}): ${out}${err}")
  endif()
  foreach(f weights.csv scores.csv top20.csv groups.csv report.json report.md)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/techconv/${f}" "${OUT}/${tag}/${f}"
                    RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
      message(FATAL_ERROR "${f} differs between techconv keycore and mpirun -n ${np} ${split}")
    endif()
  endforeach()
  message("${tag}: weights.csv scores.csv top20.csv groups.csv report.json report.md identical to techconv keycore")
endfunction()
