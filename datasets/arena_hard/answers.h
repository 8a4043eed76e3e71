// Arena-Hard model answers (`model_answer/<model>.jsonl`) as published by lmarena/arena-hard-auto.
//   current: {uid, ans_id, model, messages: [{role: user, content}, {role: assistant,
//             content: {answer, thought?}}], tstamp, metadata: {token_len, header_count,
//             list_count, bold_count}}
//   legacy (v0.1): {question_id, answer_id, model_id, choices: [{index, turns: [{content,
//             token_len}]}], tstamp, conv_metadata?}
// Both are imported (so published baseline answers can be reused); export writes the current one.
// Format details: docs/suites/arena-hard.md.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "datasets/arena_hard/style_meta.h"
#include "harness/core/expected.h"

namespace ys::arena {

struct ArenaAnswer {
  std::string uid;
  std::string ans_id;
  std::string model;
  std::string question;  // the user message, when the file carries it
  std::string answer;    // final answer only; this is what a judge sees
  std::string thought;   // reasoning, kept apart and never sent to a judge
  double tstamp = 0.0;
  std::optional<StyleMeta> metadata;  // as imported, or computed by us; used as is when present
  bool metadata_computed = false;     // true when (some of) `metadata` was computed, not read
};

// Reads every answer in file order. Errors name file:line and the field. A legacy line without
// metadata gets token_len from choices[0].turns[0].token_len when present and markdown counts
// computed by us (metadata_computed), else no metadata.
Expected<std::vector<ArenaAnswer>> load_arena_answers(const std::string& path);

// Current-schema JSON of one answer (metadata written when present), keys in upstream's order
// (uid, ans_id, model, messages, tstamp, metadata; metadata as style_meta_to_ordered_json).
nlohmann::ordered_json arena_answer_to_json(const ArenaAnswer& answer);
Status write_arena_answers(const std::string& path, const std::vector<ArenaAnswer>& answers);

// Fills metadata from the answer text when it is absent, as upstream's gen_answer.py /
// add_markdown_info.py compute it: token_len = count_answer_tokens(answer), markdown counts with
// code blocks removed; sets metadata_computed. Metadata already present is kept as is.
void ensure_style_meta(ArenaAnswer& answer);

// model -> uid -> answer. Duplicate (model, uid) pairs keep the last one.
using AnswerIndex = std::unordered_map<std::string, std::unordered_map<std::string, ArenaAnswer>>;
void add_to_index(AnswerIndex& index, std::vector<ArenaAnswer> answers);

// The answer of `model` to question `uid`, or nullptr.
const ArenaAnswer* find_answer(const AnswerIndex& index, const std::string& model,
                               const std::string& uid);

// Upstream's token count of an answer: tiktoken o200k_base (encoding_for_model("gpt-4o")), special
// tokens as text (datasets/tiktoken/o200k.h).
int64_t count_answer_tokens(const std::string& answer);

}  // namespace ys::arena
