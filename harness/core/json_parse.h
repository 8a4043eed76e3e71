// parse_json: the one way yardstick parses JSON that comes from outside (suite files, datasets,
// imports, configs, stored rows, server replies). It bounds the nesting depth before nlohmann
// builds a tree: nlohmann parses deep input without recursion, but copying, comparing or dumping
// the tree recurses once per level, so 100,000 nested arrays overflow the stack later, far from
// the parse (docs/input-limits.md).
//
// Never throws; thread-safe; the text is only read.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys {

// Deepest nesting of arrays and objects accepted. Real inputs nest under 10 levels.
inline constexpr size_t kMaxJsonDepth = 256;

// Where a parse failed: byte offset into the text, and its 1-based line and column.
struct JsonErrorPosition {
  size_t byte = 0;
  size_t line = 1;
  size_t column = 1;
};

// Error (never a crash) when the text nests arrays/objects deeper than max_depth, or is not one
// complete JSON value (syntax, invalid UTF-8, trailing text). The message names the line and
// column: "nested deeper than 256 levels at line 1, column 257" or nlohmann's description
// ("syntax error while parsing value ..."). error_at, when given, receives the position.
Expected<Json> parse_json(std::string_view text, JsonErrorPosition* error_at = nullptr,
                          size_t max_depth = kMaxJsonDepth);

// The depth check alone, for callers that parse through another API: the position of the first
// byte that opens a level past max_depth, or nothing. Strings (with escapes) are skipped, so
// brackets inside them do not count.
std::optional<JsonErrorPosition> find_json_too_deep(std::string_view text,
                                                    size_t max_depth = kMaxJsonDepth);

}  // namespace ys
