# Installs the build tree into a fresh prefix, then configures, builds and
# runs a consumer that finds techconv with find_package(techconv CONFIG).
file(REMOVE_RECURSE "${WORK_DIR}")
set(_prefix "${WORK_DIR}/prefix")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${TECHCONV_BINARY_DIR}" --prefix "${_prefix}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install into ${_prefix} failed")
endif()
foreach(_f include/techconv/version.hpp share/cmake/techconv/techconvConfig.cmake
           share/cmake/techconv/techconvConfigVersion.cmake share/cmake/techconv/techconvTargets.cmake
           share/pkgconfig/techconv.pc)
  if(NOT EXISTS "${_prefix}/${_f}")
    message(FATAL_ERROR "installed tree lacks ${_f}")
  endif()
endforeach()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build"
                  -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${_prefix}"
                  "-DEXPECTED_VERSION=${EXPECTED_VERSION}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "consumer configure failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "consumer build failed")
endif()
execute_process(COMMAND "${WORK_DIR}/build/find_package_consumer" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message(STATUS "${out}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "techconv ${EXPECTED_VERSION} via find_package: ok")
  message(FATAL_ERROR "consumer did not run correctly (exit ${rc})")
endif()
