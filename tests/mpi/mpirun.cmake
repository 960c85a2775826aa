# How techconv's tests launch MPI programs (included by tests/mpi and
# the runs of the techconv command, keycore_*.cmake). Sets TECHCONV_MPIEXEC, TECHCONV_MPIEXEC_ARGS
# (a list) and TECHCONV_MPI_ENV (a ctest ENVIRONMENT list): loopback only
# (shared memory between ranks on one host), oversubscription allowed (3 ranks
# on 2 cores), and running as root allowed (CI containers) for Open MPI.
if(DEFINED TECHCONV_MPIEXEC)
  return()
endif()
find_package(MPI COMPONENTS CXX QUIET)
set(TECHCONV_MPIEXEC "${MPIEXEC_EXECUTABLE}")
set(TECHCONV_MPIEXEC_ARGS ${MPIEXEC_PREFLAGS})
set(TECHCONV_MPI_ENV)
if(MPIEXEC_EXECUTABLE)
  execute_process(COMMAND "${MPIEXEC_EXECUTABLE}" --version OUTPUT_VARIABLE _tc_mpi_version ERROR_QUIET)
  if(_tc_mpi_version MATCHES "Open MPI|OpenRTE")
    list(APPEND TECHCONV_MPIEXEC_ARGS --oversubscribe)
    list(APPEND TECHCONV_MPI_ENV
      "OMPI_ALLOW_RUN_AS_ROOT=1" "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"
      "OMPI_MCA_btl=self,vader" "OMPI_MCA_btl_vader_single_copy_mechanism=none"
      "OMPI_MCA_oob_tcp_if_include=lo" "OMPI_MCA_btl_tcp_if_include=lo"
      "OMPI_MCA_rmaps_base_oversubscribe=1")
  endif()
endif()
if(TECHCONV_SANITIZER_CHILD)
  # The MPI runtime's own allocations are not freed at exit; keep ASan's other checks.
  list(APPEND TECHCONV_MPI_ENV "ASAN_OPTIONS=detect_leaks=0")
endif()
