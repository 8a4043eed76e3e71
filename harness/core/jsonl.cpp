#include "harness/core/jsonl.h"

#include <fstream>
#include <istream>

#include "harness/core/json_parse.h"

namespace ys {

std::string JsonlWhere::str() const {
  return path + ":" + std::to_string(line);
}

std::string JsonlWhere::at(const std::string& field) const {
  return str() + ": field '" + field + "'";
}

Status for_each_jsonl_line(std::istream& in, const std::string& path, const JsonlLineFn& fn,
                           std::string_view invalid) {
  std::string text;
  JsonlWhere where{path, 0};
  while (std::getline(in, text)) {
    ++where.line;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto value = parse_json(text);
    if (!value) {
      return Error{where.str() + ": " + std::string(invalid) + " (" + value.error().message + ")"};
    }
    if (Status st = fn(*value, where); !st) return st;
  }
  if (in.bad()) return Error{path + ": read error"};
  return ok_status();
}

Status for_each_jsonl_file(const std::string& path, const JsonlLineFn& fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot open file"};
  return for_each_jsonl_line(in, path, fn);
}

Status for_each_jsonl_object(const std::string& path, const JsonlLineFn& fn) {
  return for_each_jsonl_file(path, [&](const Json& value, const JsonlWhere& where) -> Status {
    if (!value.is_object()) return Error{where.str() + ": expected a JSON object"};
    return fn(value, where);
  });
}

Expected<std::string> read_string(const Json& obj, const char* key, const JsonlWhere& where) {
  auto it = obj.find(key);
  if (it == obj.end()) return Error{where.at(key) + ": missing"};
  if (!it->is_string()) return Error{where.at(key) + ": expected a string"};
  return it->get<std::string>();
}

Expected<std::string> read_id(const Json& obj, const char* key, const JsonlWhere& where) {
  auto it = obj.find(key);
  if (it == obj.end()) return Error{where.at(key) + ": missing"};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return it->dump();
  return Error{where.at(key) + ": expected a string or integer id"};
}

std::optional<std::string> read_optional_string(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Status write_jsonl(const std::string& path, const std::vector<Json>& lines) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error{path + ": cannot open for writing"};
  for (const Json& j : lines) {
    out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
  out.flush();
  if (!out) return Error{path + ": write failed"};
  return ok_status();
}

}  // namespace ys
