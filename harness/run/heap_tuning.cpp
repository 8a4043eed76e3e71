#include "harness/run/heap_tuning.h"

#include <malloc.h>

namespace ys {

void keep_freed_heap_memory() {
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace ys
