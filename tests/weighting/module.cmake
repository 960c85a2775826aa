# The weighting kernels have AVX, AVX2, FMA and (through Eigen) AVX-512 code
# paths that the default test build (baseline x86-64) never compiles. Two more
# executables build the same tests, one with -mavx2 -mfma and one with the
# AVX-512 subsets Eigen uses (F, DQ, BW, VL) + FMA; CTest runs each where the
# processor has every flag it was built for (else the test is reported as
# skipped). Not in the sanitizer sub-build.
#
# GCC 12 warns "(may be) used uninitialized" inside its own avx512fintrin.h (the
# deliberately undefined source operands of the masked intrinsics Eigen
# calls); under -Werror that stops the build on AVX-512 machines, so the
# AVX-512 targets turn those two warnings off for GCC (GCC bug 105593). GCC 12
# also reports -Warray-bounds when Eigen copies a Vector4d into a VectorXd: the
# 8-double packet loop it cannot prove empty for 4 elements runs 0 times.
if(NOT TECHCONV_SANITIZER_CHILD AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$"
   AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  foreach(_isa IN ITEMS avx2 avx512)
    if(_isa STREQUAL "avx2")
      set(_isa_flags -mavx2 -mfma)
      set(_cpu_flags "avx2,fma")
    else()
      set(_isa_flags -mavx2 -mfma -mavx512f -mavx512dq -mavx512bw -mavx512vl)
      set(_cpu_flags "avx2,fma,avx512f,avx512dq,avx512bw,avx512vl")
    endif()
    set(_exe techconv_test_weighting_${_isa})
    add_executable(${_exe} ${_srcs})
    target_link_libraries(${_exe} PRIVATE techconv::techconv techconv_dev_settings techconv_test_support)
    target_compile_options(${_exe} PRIVATE ${_isa_flags})
    if(_isa STREQUAL "avx512" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${_exe} PRIVATE -Wno-maybe-uninitialized -Wno-uninitialized -Wno-array-bounds)
    endif()
    add_test(NAME weighting_${_isa}/all
             COMMAND "${CMAKE_COMMAND}" "-DEXE=$<TARGET_FILE:${_exe}>" "-DISA=${_isa}"
                     "-DCPU_FLAGS=${_cpu_flags}"
                     -P "${CMAKE_CURRENT_SOURCE_DIR}/weighting/run_isa.cmake"
             WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
    set_tests_properties(weighting_${_isa}/all PROPERTIES
      LABELS "unit;weighting" TIMEOUT 600 SKIP_REGULAR_EXPRESSION "SKIPPED: no ")
    list(APPEND TECHCONV_TEST_TARGETS ${_exe})
  endforeach()
endif()
