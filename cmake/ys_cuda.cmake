# The CUDA engine's build switch (docs/engine-cuda.md).
#   YS_CUDA=AUTO (default): build ys_engine_cuda when nvcc is found; ON: require it; OFF: never.
#   YS_CUDA_ARCHS: CMAKE_CUDA_ARCHITECTURES for it. The default covers A100 (sm_80 SASS and
#   compute_80 PTX, which later GPUs JIT-compile), L4/L40/RTX 40 (sm_89) and H100/H200 (sm_90a).
# Sets YS_CUDA_ENABLED.
set(YS_CUDA AUTO CACHE STRING "Build the CUDA engine: AUTO, ON or OFF")
set_property(CACHE YS_CUDA PROPERTY STRINGS AUTO ON OFF)
set(YS_CUDA_ARCHS "80;89-real;90a-real" CACHE STRING "CUDA architectures of ys_engine_cuda")

set(YS_CUDA_ENABLED OFF)
if(NOT YS_CUDA STREQUAL "OFF")
  # nvcc is often installed off PATH; look in the toolkit's usual place too.
  if(NOT DEFINED ENV{CUDACXX} AND NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(ENV{CUDACXX} /usr/local/cuda/bin/nvcc)
  endif()
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    set(CMAKE_CUDA_ARCHITECTURES ${YS_CUDA_ARCHS})
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(YS_CUDA_ENABLED ON)
    message(STATUS "CUDA engine: on (${CMAKE_CUDA_COMPILER_VERSION}, archs ${YS_CUDA_ARCHS})")
  elseif(YS_CUDA STREQUAL "ON")
    message(FATAL_ERROR "YS_CUDA=ON but no CUDA compiler was found (set CUDACXX)")
  else()
    message(STATUS "CUDA engine: off (no CUDA toolkit found)")
  endif()
endif()
