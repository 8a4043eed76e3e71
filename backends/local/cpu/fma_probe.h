// A probe of the float multiply-add rate a core delivers: independent 8-lane FMAs on registers,
// no memory traffic. Used by `yardstick engine bench` to put prompt-processing rates in
// proportion (on a VM, virtual cores may share a physical core's FMA units, so the rate two
// threads get together is measured, not assumed).
#pragma once

#include <cstdint>

namespace ys::cpu {

// Runs `iters` rounds of 12 independent 8-lane FMAs (96 multiply-adds each) and returns a value
// derived from the results (so the work cannot be dropped). AVX2; call only when
// cpu_has_avx2().
float fma_loop_avx2(int64_t iters);

constexpr int64_t kFmaLoopMacsPerIter = 96;

}  // namespace ys::cpu
