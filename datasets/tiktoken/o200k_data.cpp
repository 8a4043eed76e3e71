// The o200k_base ranks file, built into the binary with the assembler's .incbin (the path and the
// file's SHA-256 come from datasets/CMakeLists.txt; the hash is in the compile line so that a
// changed file also changes ccache's key).
#include "datasets/tiktoken/o200k_data.h"

#ifndef YS_O200K_RANKS_PATH
#error "YS_O200K_RANKS_PATH must name datasets/tiktoken/o200k_base.ranks"
#endif

asm(".pushsection .rodata\n"
    ".global ys_o200k_ranks_begin\n"
    "ys_o200k_ranks_begin:\n"
    ".incbin \"" YS_O200K_RANKS_PATH
    "\"\n"
    ".global ys_o200k_ranks_end\n"
    "ys_o200k_ranks_end:\n"
    ".popsection\n");

extern "C" const char ys_o200k_ranks_begin[];
extern "C" const char ys_o200k_ranks_end[];

namespace ys::tiktoken {

std::string_view o200k_ranks_text() {
  return {ys_o200k_ranks_begin, static_cast<size_t>(ys_o200k_ranks_end - ys_o200k_ranks_begin)};
}

}  // namespace ys::tiktoken
