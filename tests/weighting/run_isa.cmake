# Runs an ISA build of the weighting tests (EXE, built for ISA) if this
# processor has every flag in CPU_FLAGS (Linux: the flags line of
# /proc/cpuinfo); otherwise prints the skip marker CTest looks for.
include("${CMAKE_CURRENT_LIST_DIR}/../support/cpu_flags.cmake")
techconv_missing_cpu_flag("${CPU_FLAGS}" _missing)
if(_missing)
  message("SKIPPED: no ${_missing} on this processor (or no /proc/cpuinfo); the ${ISA} build is not run")
  return()
endif()
execute_process(COMMAND "${EXE}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the ${ISA} build of the weighting tests failed (exit ${rc})")
endif()
