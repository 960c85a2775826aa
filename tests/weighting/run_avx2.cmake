# Runs the AVX2 + FMA build of the weighting tests if this processor has both
# (Linux: the flags line of /proc/cpuinfo); otherwise prints the skip marker.
set(_flags "")
if(EXISTS /proc/cpuinfo)
  file(STRINGS /proc/cpuinfo _flags REGEX "^flags" LIMIT_COUNT 1)
endif()
if(NOT _flags MATCHES " avx2( |$)" OR NOT _flags MATCHES " fma( |$)")
  message("SKIPPED: no AVX2 and FMA on this processor (or no /proc/cpuinfo)")
  return()
endif()
execute_process(COMMAND "${EXE}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the AVX2 build of the weighting tests failed (exit ${rc})")
endif()
