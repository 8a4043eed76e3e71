#include "datasets/arena_hard/answers.h"

#include <fstream>

#include "datasets/tiktoken/o200k.h"
#include "harness/core/jsonl.h"

namespace ys::arena {
namespace {

Status read_metadata(const Json& j, const char* key, const JsonlWhere& w, ArenaAnswer& a) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return ok_status();
  auto meta = style_meta_from_json(*it, w.at(key));
  if (!meta) return meta.error();
  a.metadata = *meta;
  return ok_status();
}

Status read_assistant_content(const Json& msg, const JsonlWhere& w, ArenaAnswer& a) {
  auto it = msg.find("content");
  if (it == msg.end()) return Error{w.at("messages[-1].content") + ": missing"};
  if (it->is_string()) {
    a.answer = it->get<std::string>();
    return ok_status();
  }
  if (!it->is_object())
    return Error{w.at("messages[-1].content") + ": expected an object or string"};
  auto answer = read_string(*it, "answer", w);
  if (!answer) return Error{w.at("messages[-1].content.answer") + ": missing or not a string"};
  a.answer = *answer;
  a.thought = read_optional_string(*it, "thought").value_or("");
  return ok_status();
}

Expected<ArenaAnswer> parse_current(const Json& j, const JsonlWhere& w) {
  ArenaAnswer a;
  auto uid = read_id(j, "uid", w);
  if (!uid) return uid.error();
  auto model = read_string(j, "model", w);
  if (!model) return model.error();
  a.uid = *uid;
  a.model = *model;
  a.ans_id = read_optional_string(j, "ans_id").value_or("");
  auto msgs = j.find("messages");
  if (msgs == j.end() || !msgs->is_array() || msgs->empty()) {
    return Error{w.at("messages") + ": expected a non-empty array"};
  }
  const Json& last = msgs->back();
  if (!last.is_object()) return Error{w.at("messages[-1]") + ": expected an object"};
  if (read_optional_string(last, "role").value_or("assistant") != "assistant") {
    return Error{w.at("messages[-1].role") + ": expected 'assistant'"};
  }
  Status st = read_assistant_content(last, w, a);
  if (!st) return st.error();
  const Json& first = msgs->front();
  if (msgs->size() >= 2 && first.is_object())
    a.question = read_optional_string(first, "content").value_or("");
  if (auto t = j.find("tstamp"); t != j.end() && t->is_number()) a.tstamp = t->get<double>();
  st = read_metadata(j, "metadata", w, a);
  if (!st) return st.error();
  return a;
}

Expected<ArenaAnswer> parse_legacy(const Json& j, const JsonlWhere& w) {
  ArenaAnswer a;
  auto id = read_id(j, "question_id", w);
  if (!id) return id.error();
  auto model = read_string(j, "model_id", w);
  if (!model) return model.error();
  a.uid = *id;
  a.model = *model;
  a.ans_id = read_optional_string(j, "answer_id").value_or("");
  auto choices = j.find("choices");
  if (choices == j.end() || !choices->is_array() || choices->empty() ||
      !(*choices)[0].is_object()) {
    return Error{w.at("choices") + ": expected a non-empty array of objects"};
  }
  auto turns = (*choices)[0].find("turns");
  if (turns == (*choices)[0].end() || !turns->is_array() || turns->empty() ||
      !(*turns)[0].is_object()) {
    return Error{w.at("choices[0].turns") + ": expected a non-empty array of objects"};
  }
  const Json& turn = (*turns)[0];
  auto content = read_string(turn, "content", w);
  if (!content) return Error{w.at("choices[0].turns[0].content") + ": missing or not a string"};
  a.answer = *content;
  if (auto t = j.find("tstamp"); t != j.end() && t->is_number()) a.tstamp = t->get<double>();
  Status st = read_metadata(j, "conv_metadata", w, a);
  if (!st) return st.error();
  if (!a.metadata) {
    st = read_metadata(j, "metadata", w, a);
    if (!st) return st.error();
  }
  if (!a.metadata) {
    if (auto tl = turn.find("token_len"); tl != turn.end() && tl->is_number()) {
      StyleMeta m;
      m.token_len = static_cast<int64_t>(tl->get<double>());
      m.counts = count_answer_markdown(a.answer);
      a.metadata = m;
      a.metadata_computed = true;
    }
  }
  return a;
}

}  // namespace

Expected<std::vector<ArenaAnswer>> load_arena_answers(const std::string& path) {
  std::vector<ArenaAnswer> out;
  Status st = for_each_jsonl_object(path, [&](const Json& j, const JsonlWhere& w) -> Status {
    bool legacy = !j.contains("uid") && j.contains("question_id");
    auto a = legacy ? parse_legacy(j, w) : parse_current(j, w);
    if (!a) return a.error();
    out.push_back(std::move(*a));
    return ok_status();
  });
  if (!st) return st.error();
  return out;
}

nlohmann::ordered_json arena_answer_to_json(const ArenaAnswer& a) {
  using OJson = nlohmann::ordered_json;
  OJson content = OJson::object();
  content["answer"] = a.answer;
  if (!a.thought.empty()) content["thought"] = a.thought;
  OJson user = OJson::object(), assistant = OJson::object();
  user["role"] = "user";
  user["content"] = a.question;
  assistant["role"] = "assistant";
  assistant["content"] = std::move(content);
  OJson j = OJson::object();
  j["uid"] = a.uid;
  j["ans_id"] = a.ans_id;
  j["model"] = a.model;
  j["messages"] = OJson::array({std::move(user), std::move(assistant)});
  j["tstamp"] = a.tstamp;
  if (a.metadata) j["metadata"] = style_meta_to_ordered_json(*a.metadata);
  return j;
}

Status write_arena_answers(const std::string& path, const std::vector<ArenaAnswer>& answers) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error{path + ": cannot open for writing"};
  for (const ArenaAnswer& a : answers) {
    out << arena_answer_to_json(a).dump(-1, ' ', false,
                                        nlohmann::ordered_json::error_handler_t::replace)
        << '\n';
  }
  out.flush();
  if (!out) return Error{path + ": write failed"};
  return ok_status();
}

void ensure_style_meta(ArenaAnswer& answer) {
  if (answer.metadata) return;
  answer.metadata =
      StyleMeta{count_answer_tokens(answer.answer), count_answer_markdown(answer.answer)};
  answer.metadata_computed = true;
}

void add_to_index(AnswerIndex& index, std::vector<ArenaAnswer> answers) {
  for (ArenaAnswer& a : answers) {
    auto& by_uid = index[a.model];
    std::string uid = a.uid;
    by_uid.insert_or_assign(uid, std::move(a));
  }
}

const ArenaAnswer* find_answer(const AnswerIndex& index, const std::string& model,
                               const std::string& uid) {
  auto m = index.find(model);
  if (m == index.end()) return nullptr;
  auto a = m->second.find(uid);
  return a == m->second.end() ? nullptr : &a->second;
}

int64_t count_answer_tokens(const std::string& answer) {
  return tiktoken::O200k::instance().count_tokens(answer);
}

}  // namespace ys::arena
