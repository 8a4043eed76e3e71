// Deterministic sharding of a run's items between workers (`yardstick run --shard I/N`,
// docs/scale-out.md): worker I of N takes the items whose request key, read as a number, is I
// modulo N. The key is a SHA-256 over the model identity and the request, so shards are balanced
// whatever the suites' sizes, the same item always lands in the same shard (a re-run of a shard
// sends nothing new), and every item is in exactly one shard.
#pragma once

#include <string>
#include <string_view>

#include "harness/core/expected.h"

namespace ys {

struct Shard {
  int index = 0;  // 0-based: 0 .. count-1 (Slurm's --array=0-15, Kubernetes' JOB_COMPLETION_INDEX)
  int count = 1;  // 1: no sharding
};

// "I/N" with 0 <= I < N <= 1,000,000. Errors name the problem ("--shard 16/16: index must be ...").
Expected<Shard> parse_shard(std::string_view text);

// "I/N".
std::string to_string(const Shard& shard);

// Whether the item with this request key (hex SHA-256, request_key_of_json) belongs to the shard:
// its first 16 hex digits as an unsigned 64-bit number, modulo count, equals index. Keys that
// are not hex (never made by this program) fall back to a hash of the whole key.
bool in_shard(std::string_view request_key, const Shard& shard);

}  // namespace ys
