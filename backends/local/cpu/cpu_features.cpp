#include "backends/local/cpu/cpu_features.h"

#include <cstdlib>

namespace ys::cpu {

bool cpu_has_avx2() {
  static const bool has = [] {
    if (std::getenv("YS_NO_SIMD") != nullptr) return false;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
           __builtin_cpu_supports("f16c");
#else
    return false;
#endif
  }();
  return has;
}

}  // namespace ys::cpu
