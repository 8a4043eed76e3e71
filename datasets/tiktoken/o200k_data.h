// The text of datasets/tiktoken/o200k_base.ranks as built into the binary (format:
// datasets/tiktoken/README.md). Static storage; thread-safe.
#pragma once

#include <string_view>

namespace ys::tiktoken {

std::string_view o200k_ranks_text();

}  // namespace ys::tiktoken
