# Runs an ISA build of the weighting tests (EXE, built for ISA) if this
# processor has every flag in CPU_FLAGS (Linux: the flags line of
# /proc/cpuinfo); otherwise prints the skip marker CTest looks for.
set(_flags "")
if(EXISTS /proc/cpuinfo)
  file(STRINGS /proc/cpuinfo _flags REGEX "^flags" LIMIT_COUNT 1)
endif()
string(REPLACE "," ";" _wanted "${CPU_FLAGS}")
foreach(_f IN LISTS _wanted)
  if(NOT _flags MATCHES " ${_f}( |$)")
    message("SKIPPED: no ${_f} on this processor (or no /proc/cpuinfo); the ${ISA} build is not run")
    return()
  endif()
endforeach()
execute_process(COMMAND "${EXE}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the ${ISA} build of the weighting tests failed (exit ${rc})")
endif()
