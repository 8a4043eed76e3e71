// Run-time CPU feature checks, so the default build runs on any x86-64 and uses the AVX2/FMA/F16C
// kernels only where the CPU has them. The YS_NO_SIMD environment variable (any value) forces
// the scalar kernels (for comparisons and debugging). Thread-safe; evaluated once.
#pragma once

namespace ys::cpu {

// AVX2 + FMA + F16C together (the set the *_avx2.cpp files are compiled for).
bool cpu_has_avx2();

}  // namespace ys::cpu
