# Helpers of the scripts that run a techconv command under mpirun (keycore_compare.cmake,
# keycore_input_checks.cmake). Variables: TECHCONV (the program), TC_COMMAND (the command:
# keycore unless given), MPIEXEC, MPIEXEC_ARGS, OUT.
if(NOT TC_COMMAND)
  set(TC_COMMAND keycore)
endif()
#
# tc_parse_run(RUN NP SHARES TAG): a run written "NP|W0,W1,..." (the weights may be empty)
# as mpirun's rank count NP, the ranks' relative shares SHARES (TECHCONV_MPI_SHARES; empty
# for equal shares) and the name TAG of its output folder (npNP or npNP-sharesW0-W1-...).
function(tc_parse_run run np_var shares_var tag_var)
  string(REPLACE "|" ";" _p "${run}")
  list(GET _p 0 _np)
  list(LENGTH _p _n)
  set(_shares "")
  set(_tag "np${_np}")
  if(_n GREATER 1)
    list(GET _p 1 _w)
    if(_w)
      set(_shares "${_w}")
      string(REPLACE "," "-" _wt "${_w}")
      set(_tag "np${_np}-shares${_wt}")
    endif()
  endif()
  set(${np_var} "${_np}" PARENT_SCOPE)
  set(${shares_var} "${_shares}" PARENT_SCOPE)
  set(${tag_var} "${_tag}" PARENT_SCOPE)
endfunction()

# tc_run_keycore(NP SHARES RC OUT ERR ARGS...): `mpirun -n NP techconv TC_COMMAND ARGS...` with
# TECHCONV_MPI_SHARES=SHARES (NP empty: one process, no mpirun); exit code, stdout, stderr.
function(tc_run_keycore np shares rc_var out_var err_var)
  if(np STREQUAL "")
    set(_cmd "${TECHCONV}" ${TC_COMMAND} ${ARGN})
  else()
    set(_cmd "${CMAKE_COMMAND}" -E env "TECHCONV_MPI_SHARES=${shares}"
             "${MPIEXEC}" -n ${np} ${MPIEXEC_ARGS} "${TECHCONV}" ${TC_COMMAND} ${ARGN})
  endif()
  execute_process(COMMAND ${_cmd} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  set(${rc_var} "${_rc}" PARENT_SCOPE)
  set(${out_var} "${_out}" PARENT_SCOPE)
  set(${err_var} "${_err}" PARENT_SCOPE)
endfunction()

# tc_reference(INPUT ARGS...): `techconv TC_COMMAND` as one process into OUT/run, kept as
# OUT/techconv (every run writes into the same --out, so that manifest.json, which records
# the command line and the output folder, can be compared whole).
function(tc_reference input)
  file(REMOVE_RECURSE "${OUT}/run" "${OUT}/techconv")
  tc_run_keycore("" "" rc out err ${input} --out "${OUT}/run" --force ${ARGN} --quiet)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "techconv ${TC_COMMAND} failed (${rc}): ${out}${err}")
  endif()
  file(RENAME "${OUT}/run" "${OUT}/techconv")
  file(READ "${OUT}/techconv/manifest.json" _m)
  if(NOT _m MATCHES "\n *\"ranks\": 1,\n")
    message(FATAL_ERROR "the one-process manifest.json has no line \"ranks\": 1")
  endif()
  message("techconv ${TC_COMMAND}: ${out}")
endfunction()

# tc_compare_run(RUN INPUT ARGS...): runs `techconv TC_COMMAND INPUT ARGS...` under mpirun as
# RUN says into OUT/run (kept as OUT/TAG), and fails unless it wrote the files of the
# reference OUT/techconv, those of its subfolders too, every one byte-identical, manifest.json
# included but for its line "ranks": N (which must say NP).
function(tc_compare_run run input)
  tc_parse_run("${run}" np shares tag)
  file(REMOVE_RECURSE "${OUT}/run" "${OUT}/${tag}")
  tc_run_keycore("${np}" "${shares}" rc out err ${input} --out "${OUT}/run" --force ${ARGN} --quiet)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mpirun -n ${np} (shares ${shares}) failed (${rc}): ${out}${err}")
  endif()
  file(RENAME "${OUT}/run" "${OUT}/${tag}")
  file(GLOB_RECURSE _want RELATIVE "${OUT}/techconv" "${OUT}/techconv/*")
  file(GLOB_RECURSE _got RELATIVE "${OUT}/${tag}" "${OUT}/${tag}/*")
  if(NOT _want STREQUAL _got)
    message(FATAL_ERROR "${tag}: files ${_got}, one process wrote ${_want}")
  endif()
  foreach(f IN LISTS _want)
    if(f STREQUAL "manifest.json")
      file(READ "${OUT}/techconv/${f}" _a)
      file(READ "${OUT}/${tag}/${f}" _b)
      string(REGEX REPLACE "\n( *)\"ranks\": ${np},\n" "\n\\1\"ranks\": 1,\n" _b1 "${_b}")
      if(_b1 STREQUAL _b AND NOT np EQUAL 1)
        message(FATAL_ERROR "${tag}: manifest.json has no line \"ranks\": ${np}")
      endif()
      if(NOT _a STREQUAL _b1)
        message(FATAL_ERROR "${tag}: manifest.json differs from one process's beyond its \"ranks\" line")
      endif()
      continue()
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/techconv/${f}" "${OUT}/${tag}/${f}"
                    RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
      message(FATAL_ERROR "${f} differs between techconv ${TC_COMMAND} and mpirun -n ${np} (shares ${shares})")
    endif()
  endforeach()
  list(LENGTH _want _files)
  message("${tag}: ${_files} files identical to one process (manifest.json but for \"ranks\": ${np})")
endfunction()
