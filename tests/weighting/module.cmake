# The weighting kernels have AVX, AVX2 and FMA code paths that the default
# test build (baseline x86-64) never compiles. A second executable builds the
# same tests with -mavx2 -mfma, and CTest runs it where the processor has both
# (else the test is reported as skipped). Not in the sanitizer sub-build.
if(NOT TECHCONV_SANITIZER_CHILD AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$"
   AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  add_executable(techconv_test_weighting_avx2 ${_srcs})
  target_link_libraries(techconv_test_weighting_avx2 PRIVATE
    techconv::techconv techconv_dev_settings techconv_test_support)
  target_compile_options(techconv_test_weighting_avx2 PRIVATE -mavx2 -mfma)
  add_test(NAME weighting_avx2/all
           COMMAND "${CMAKE_COMMAND}" "-DEXE=$<TARGET_FILE:techconv_test_weighting_avx2>"
                   -P "${CMAKE_CURRENT_SOURCE_DIR}/weighting/run_avx2.cmake"
           WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  set_tests_properties(weighting_avx2/all PROPERTIES
    LABELS "unit;weighting" TIMEOUT 600 SKIP_REGULAR_EXPRESSION "SKIPPED: no AVX2")
  list(APPEND TECHCONV_TEST_TARGETS techconv_test_weighting_avx2)
endif()
