# YS_ENGINE_ONLY=ON: only the engine's kernels, the CUDA engine and its tests, for machines with a
# C++ compiler, CMake and the CUDA toolkit but no curl, SQLite, yaml-cpp, CLI11, fmt or Catch2
# (docs/engine-cuda.md). The CPU kernels are built as ys_engine_ref: the scalar oracle of the tests.
find_package(Threads REQUIRED)
include(cmake/ys_cuda.cmake)

set(ref_dir ${PROJECT_SOURCE_DIR}/backends/local)
file(GLOB ref_srcs CONFIGURE_DEPENDS ${ref_dir}/cpu/*.cpp)
list(APPEND ref_srcs ${ref_dir}/model/ops.cpp)
add_library(ys_engine_ref STATIC ${ref_srcs})
target_include_directories(ys_engine_ref PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(ys_engine_ref PUBLIC Threads::Threads)
# The same per-file flags as ys_engine (backends/local/CMakeLists.txt), so the oracle rounds the same.
target_compile_options(ys_engine_ref PRIVATE -ffp-contract=off)
foreach(f IN LISTS ref_srcs)
  if(f MATCHES "_avx2\\.cpp$")
    set_source_files_properties(${f} PROPERTIES COMPILE_OPTIONS "-mavx2;-mfma;-mf16c")
  elseif(f MATCHES "_avx512\\.cpp$")
    set_source_files_properties(${f} PROPERTIES COMPILE_OPTIONS
      "-mavx2;-mfma;-mf16c;-mavx512f;-mavx512bw;-mavx512vl;-mavx512vnni")
  endif()
endforeach()

if(YS_CUDA_ENABLED)
  add_subdirectory(backends/local/cuda)
  if(YS_BUILD_TESTS)
    enable_testing()
    add_subdirectory(tests/backends/local/cuda)
  endif()
  if(YS_BUILD_BENCH)
    add_subdirectory(bench/cuda)
  endif()
endif()
