# Settings shared by tests and examples: the real-data folder and the Python
# interpreter that runs the independent reference implementations.

# --- real datasets, read in place ------------------------------------------------
get_filename_component(TECHCONV_DATA_DIR_ABS "${TECHCONV_DATA_DIR}" ABSOLUTE)
if(IS_DIRECTORY "${TECHCONV_DATA_DIR_ABS}")
  set(TECHCONV_HAVE_DATA ON)
  message(STATUS "techconv: real datasets in ${TECHCONV_DATA_DIR_ABS}")
else()
  set(TECHCONV_HAVE_DATA OFF)
  if(DEFINED ENV{CI})
    message(FATAL_ERROR "techconv: TECHCONV_DATA_DIR (${TECHCONV_DATA_DIR_ABS}) does not exist, "
                        "and CI is set: the real-data tests may not be skipped in CI.")
  endif()
  message(WARNING "techconv: TECHCONV_DATA_DIR (${TECHCONV_DATA_DIR_ABS}) does not exist; "
                  "tests on real data will be reported as skipped.")
endif()

# --- Python with numpy, SciPy, NetworkX, python-igraph (Debian packages) ---------
# Debian's packages live in the system interpreter's dist-packages, so the
# system python3 is preferred over one first on PATH (pyenv, conda, venv).
set(TECHCONV_PYTHON "" CACHE FILEPATH "Python 3 with numpy, scipy, networkx and igraph")
set(TECHCONV_PYTHON_MODULES numpy scipy networkx igraph)
if(NOT TECHCONV_PYTHON)
  set(_tc_candidates)
  foreach(_dir /usr/bin /usr/local/bin)
    if(EXISTS "${_dir}/python3")
      list(APPEND _tc_candidates "${_dir}/python3")
    endif()
  endforeach()
  find_program(_tc_path_python NAMES python3)
  if(_tc_path_python)
    list(APPEND _tc_candidates "${_tc_path_python}")
  endif()
  string(REPLACE ";" "," _tc_mods "${TECHCONV_PYTHON_MODULES}")
  foreach(_py IN LISTS _tc_candidates)
    execute_process(COMMAND "${_py}" -c "import ${_tc_mods}"
                    RESULT_VARIABLE _tc_rc OUTPUT_QUIET ERROR_QUIET)
    if(_tc_rc EQUAL 0)
      set(TECHCONV_PYTHON "${_py}" CACHE FILEPATH "Python 3 with numpy, scipy, networkx and igraph" FORCE)
      break()
    endif()
  endforeach()
endif()
if(TECHCONV_PYTHON)
  message(STATUS "techconv: reference implementations run with ${TECHCONV_PYTHON}")
else()
  if(DEFINED ENV{CI})
    message(FATAL_ERROR "techconv: no python3 with ${TECHCONV_PYTHON_MODULES}; "
                        "run scripts/install-deps (CI may not skip the reference checks).")
  endif()
  message(WARNING "techconv: no python3 with ${TECHCONV_PYTHON_MODULES}: "
                  "comparisons against independent implementations will be skipped.")
endif()
