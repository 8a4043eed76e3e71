#include "harness/run/shard.h"

#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>

namespace ys {
namespace {

constexpr int kMaxShards = 1'000'000;

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

Expected<Shard> parse_shard(std::string_view text) {
  const std::string shown = "--shard '" + std::string(text) + "'";
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos)
    return Error{shown + ": expected INDEX/COUNT, e.g. 3/16 (index from 0)"};
  const auto index = whole_number(text.substr(0, slash));
  const auto count = whole_number(text.substr(slash + 1));
  if (!index || !count) return Error{shown + ": INDEX and COUNT must be whole numbers"};
  if (*count < 1 || *count > kMaxShards)
    return Error{shown + ": COUNT must be between 1 and " + std::to_string(kMaxShards)};
  if (*index < 0 || *index >= *count)
    return Error{shown + ": INDEX must be between 0 and COUNT-1 (" + std::to_string(*count - 1) +
                 "); shards are numbered from 0"};
  return Shard{*index, *count};
}

std::string to_string(const Shard& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

bool in_shard(std::string_view request_key, const Shard& shard) {
  if (shard.count <= 1) return true;
  uint64_t value = 0;
  const std::string_view head = request_key.substr(0, 16);
  auto [ptr, ec] = std::from_chars(head.data(), head.data() + head.size(), value, 16);
  if (head.size() != 16 || ec != std::errc() || ptr != head.data() + head.size())
    value = std::hash<std::string_view>{}(request_key);
  return value % static_cast<uint64_t>(shard.count) == static_cast<uint64_t>(shard.index);
}

}  // namespace ys
