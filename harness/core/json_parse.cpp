#include "harness/core/json_parse.h"

#include <string>

namespace ys {

namespace {

JsonErrorPosition position_of(std::string_view text, size_t byte) {
  JsonErrorPosition at;
  at.byte = byte;
  size_t line_start = 0;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      line_start = i + 1;
    }
  }
  at.column = byte - line_start + 1;
  return at;
}

std::string where(const JsonErrorPosition& at) {
  return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line L, column C:
// <description>"; keep the description, since the position is ours to state.
std::string description_of(std::string what) {
  if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
    what = what.substr(what.find("] ") + 2);
  if (what.rfind("parse error", 0) == 0 && what.find(": ") != std::string::npos)
    what = what.substr(what.find(": ") + 2);
  return what;
}

}  // namespace

std::optional<JsonErrorPosition> find_json_too_deep(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return position_of(text, i);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

Expected<Json> parse_json(std::string_view text, JsonErrorPosition* error_at, size_t max_depth) {
  if (auto deep = find_json_too_deep(text, max_depth)) {
    if (error_at) *error_at = *deep;
    return Error{"nested deeper than " + std::to_string(max_depth) + " levels at " + where(*deep)};
  }
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.byte is one past the offending byte (or the size, at the end of the input).
    JsonErrorPosition at = position_of(text, e.byte > 0 ? e.byte - 1 : 0);
    if (error_at) *error_at = at;
    return Error{description_of(e.what()) + " at " + where(at)};
  } catch (const Json::exception& e) {
    if (error_at) *error_at = JsonErrorPosition{};
    return Error{description_of(e.what())};
  }
}

}  // namespace ys
