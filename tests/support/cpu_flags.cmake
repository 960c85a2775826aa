# Included by the test scripts (cmake -P) that run a build for a processor
# feature: techconv_missing_cpu_flag(FLAGS OUT) sets OUT to the first flag of
# the comma-separated FLAGS that this processor lacks (Linux: the flags line
# of /proc/cpuinfo; every flag is missing without it), or to "" when it has
# them all.
function(techconv_missing_cpu_flag flags out)
  set(_line "")
  if(EXISTS /proc/cpuinfo)
    file(STRINGS /proc/cpuinfo _line REGEX "^flags" LIMIT_COUNT 1)
  endif()
  string(REPLACE "," ";" _wanted "${flags}")
  foreach(_f IN LISTS _wanted)
    if(NOT _line MATCHES " ${_f}( |$)")
      set(${out} "${_f}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()
