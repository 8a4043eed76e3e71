// JSONL reading, the one way: every loader of a published or user-written JSONL file (Arena-Hard,
// LiveBench, MMLU-Pro, custom suites, replay recordings) walks its lines with for_each_jsonl_line,
// so blank lines, line numbers and the wording of errors are the same everywhere. Errors name
// "path:line" and, through the field readers, the field: "path:3: field 'uid': missing".
//
// Never throws (a callback that throws is the caller's business); the files are only read.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys {

// Where a value came from, for error messages.
struct JsonlWhere {
  std::string path;
  int line = 0;                                    // 1-based
  std::string str() const;                         // "path:line"
  std::string at(const std::string& field) const;  // "path:line: field 'x'"
};

using JsonlLineFn = std::function<Status(const Json& value, const JsonlWhere& where)>;

// Calls fn(value, where) for every line of `in` that is not blank (only spaces, tabs, CR), `path`
// naming the source in messages. A line that is not valid JSON (syntax, bad UTF-8, nesting past
// kMaxJsonDepth) stops the walk with "path:line: <invalid> (parser message)"; `invalid` is the
// phrase the caller's documented messages use. Stops at the first error fn returns.
Status for_each_jsonl_line(std::istream& in, const std::string& path, const JsonlLineFn& fn,
                           std::string_view invalid = "not valid JSON");

// The same over a file: "path: cannot open file" when it cannot be opened.
Status for_each_jsonl_file(const std::string& path, const JsonlLineFn& fn);

// for_each_jsonl_file for files of objects: a line that is not a JSON object is an error,
// "path:line: expected a JSON object".
Status for_each_jsonl_object(const std::string& path, const JsonlLineFn& fn);

// Field readers: a missing or mistyped field is an Error naming path:line and the field.
Expected<std::string> read_string(const Json& obj, const char* key, const JsonlWhere& where);
// Strings pass through; integers are printed (some published files use numeric ids).
Expected<std::string> read_id(const Json& obj, const char* key, const JsonlWhere& where);
// The field's string, or nothing when it is missing or not a string.
std::optional<std::string> read_optional_string(const Json& obj, const char* key);

// Writes one JSON value per line (compact, invalid UTF-8 replaced). Error names the path.
Status write_jsonl(const std::string& path, const std::vector<Json>& lines);

}  // namespace ys
