# Native reliability builds (each in its own build tree):
#   -DAP_SANITIZE=ON  the core and the Catch2 suite under AddressSanitizer + UndefinedBehaviorSanitizer,
#                     with -fno-sanitize-recover so the first finding fails the test (build-asan).
#   -DAP_FUZZ=ON      libFuzzer targets over the core (clang only; build-fuzz): ap_fuzz_activations,
#                     ap_fuzz_training. scripts/fuzz.sh runs them.
option(AP_SANITIZE "Build the native core and tests with ASan + UBSan" OFF)
option(AP_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

set(AP_SANITIZERS -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer)
if(AP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "AP_FUZZ needs clang (configure with CXX=clang++-14)")
  endif()
  # The core gets coverage instrumentation; the fuzz executables link libFuzzer's main.
  add_compile_options(${AP_SANITIZERS} -fsanitize=fuzzer-no-link -g)
  add_link_options(${AP_SANITIZERS})
elseif(AP_SANITIZE)
  add_compile_options(${AP_SANITIZERS} -g)
  add_link_options(${AP_SANITIZERS})
endif()

function(ap_add_fuzz_targets core)
  foreach(name activations training)
    add_executable(ap_fuzz_${name} tests/fuzz/fuzz_${name}.cpp)
    target_link_libraries(ap_fuzz_${name} PRIVATE ${core} ap_warnings)
    target_include_directories(ap_fuzz_${name} PRIVATE core/src tests/cpp)
    target_link_options(ap_fuzz_${name} PRIVATE -fsanitize=fuzzer)
  endforeach()
endfunction()
