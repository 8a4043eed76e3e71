// Run-time dispatch: YS_CPU forces a path. The path is chosen once per process, on first use, so
// this test sets the variable before anything in this executable asks.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/vec_dot.h"

using namespace ys::cpu;

TEST_CASE("YS_CPU=scalar forces the scalar kernels everywhere") {
  ::setenv("YS_CPU", "scalar", 1);
  ::unsetenv("YS_NO_SIMD");
  CHECK(cpu_path() == CpuPath::scalar);
  CHECK_FALSE(cpu_has_avx2());
  CHECK_FALSE(cpu_has_avx512());
  CHECK(cpu_description().rfind("scalar (YS_CPU;", 0) == 0);
  for (TensorType t : {TensorType::Q8_0, TensorType::Q4_1, TensorType::Q3_K, TensorType::F16})
    CHECK(vec_dot_fn(t) == vec_dot_fn_scalar(t));
  CHECK(gemm_tile(TensorType::Q8_0).fn == nullptr);
  CHECK_FALSE(panel_supported(TensorType::Q4_K));
  CHECK(std::string(cpu_path_name(CpuPath::avx512)) == "avx512");
  CHECK(std::string(cpu_path_name(CpuPath::avxvnni)) == "avxvnni");
  CHECK_FALSE(cpu_has_avxvnni());
}
