#include "datasets/arena_hard/jsonl.h"

#include <fstream>

#include "harness/core/json_parse.h"

namespace ys::arena {

std::string Where::at(const std::string& field) const {
  return path + ":" + std::to_string(line) + ": field '" + field + "'";
}

Status for_each_jsonl_object(const std::string& path,
                             const std::function<Status(const Json&, const Where&)>& fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot open file"};
  std::string text;
  Where where{path, 0};
  while (std::getline(in, text)) {
    ++where.line;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    auto obj = parse_json(text);
    if (!obj)
      return Error{path + ":" + std::to_string(where.line) + ": not valid JSON (" +
                   obj.error().message + ")"};
    if (!obj->is_object()) {
      return Error{path + ":" + std::to_string(where.line) + ": expected a JSON object"};
    }
    Status st = fn(*obj, where);
    if (!st) return st;
  }
  return ok_status();
}

Expected<std::string> read_string(const Json& obj, const char* key, const Where& where) {
  auto it = obj.find(key);
  if (it == obj.end()) return Error{where.at(key) + ": missing"};
  if (!it->is_string()) return Error{where.at(key) + ": expected a string"};
  return it->get<std::string>();
}

Expected<std::string> read_id(const Json& obj, const char* key, const Where& where) {
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

}  // namespace ys::arena
