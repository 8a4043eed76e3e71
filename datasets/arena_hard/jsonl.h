// Line-by-line JSONL reading with error messages that name file:line and the field, shared by the
// Arena-Hard loaders. Blank lines are skipped. Never throws.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::arena {

// Where a value came from, for error messages: "path:line".
struct Where {
  std::string path;
  int line = 0;
  std::string at(const std::string& field) const;  // "path:line: field 'x'"
};

// Calls fn(object, where) for every non-blank line. A line that is not a JSON object is an error
// naming path:line. Stops at the first error fn returns.
Status for_each_jsonl_object(const std::string& path,
                             const std::function<Status(const Json&, const Where&)>& fn);

// Field readers: a missing or mistyped field is an Error naming path:line and the field.
Expected<std::string> read_string(const Json& obj, const char* key, const Where& where);
// Strings pass through; integers are printed (some published files use numeric ids).
Expected<std::string> read_id(const Json& obj, const char* key, const Where& where);
std::optional<std::string> read_optional_string(const Json& obj, const char* key);

// Writes one JSON value per line (compact, UTF-8 kept). Error names the path.
Status write_jsonl(const std::string& path, const std::vector<Json>& lines);

}  // namespace ys::arena
