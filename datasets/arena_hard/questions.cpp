#include "datasets/arena_hard/questions.h"

#include <unordered_set>

#include "harness/core/jsonl.h"

namespace ys::arena {
namespace {

Expected<ArenaQuestion> parse_current(const Json& j, const JsonlWhere& w) {
  ArenaQuestion q;
  auto uid = read_id(j, "uid", w);
  if (!uid) return uid.error();
  auto prompt = read_string(j, "prompt", w);
  if (!prompt) return prompt.error();
  q.uid = *uid;
  q.prompt = *prompt;
  q.category = read_optional_string(j, "category").value_or("");
  q.subcategory = read_optional_string(j, "subcategory")
                      .value_or(read_optional_string(j, "cluster").value_or(""));
  return q;
}

Expected<ArenaQuestion> parse_legacy(const Json& j, const JsonlWhere& w) {
  ArenaQuestion q;
  auto id = read_id(j, "question_id", w);
  if (!id) return id.error();
  auto turns = j.find("turns");
  if (turns == j.end() || !turns->is_array() || turns->empty()) {
    return Error{w.at("turns") + ": expected a non-empty array"};
  }
  const Json& first = (*turns)[0];
  if (!first.is_object()) return Error{w.at("turns[0]") + ": expected an object"};
  auto content = read_string(first, "content", w);
  if (!content) return Error{w.at("turns[0].content") + ": missing or not a string"};
  q.uid = *id;
  q.prompt = *content;
  q.category = read_optional_string(j, "category").value_or("");
  q.subcategory = read_optional_string(j, "cluster").value_or("");
  return q;
}

}  // namespace

Expected<std::vector<ArenaQuestion>> load_arena_questions(const std::string& path) {
  std::vector<ArenaQuestion> out;
  std::unordered_set<std::string> seen;
  Status st = for_each_jsonl_object(path, [&](const Json& j, const JsonlWhere& w) -> Status {
    bool legacy = !j.contains("uid") && j.contains("question_id");
    auto q = legacy ? parse_legacy(j, w) : parse_current(j, w);
    if (!q) return q.error();
    if (!seen.insert(q->uid).second)
      return Error{w.at(legacy ? "question_id" : "uid") + ": duplicate id '" + q->uid + "'"};
    out.push_back(std::move(*q));
    return ok_status();
  });
  if (!st) return st.error();
  return out;
}

}  // namespace ys::arena
