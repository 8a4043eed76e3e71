// The two published MMLU-Pro prompt layouts (docs/suites/mmlu-pro.md, "Prompts"), byte for byte.
//
// raw  (evaluate_from_local.py, completion endpoints and local models, no chat template):
//   cot_prompt_lib/initial_prompt.txt with "{$}" replaced by the category, then "\n"; each example
//   as "Question:\n<q>\nOptions:\nA. <opt>\n...<cot_content with "A: Let's think step by step."
//   replaced by "Answer: Let's think step by step.">\n\n"; the target laid out the same, ending
//   "Answer: Let's think step by step." (the model continues from there; stop "Question:").
// chat (evaluate_from_api.py, one user message):
//   "The following are multiple choice questions (with answers) about <category>. Think step by
//   step and then output the answer in the format of \"The answer is (X)\" at the end.\n\n"; each
//   example as "Question: <q>\nOptions: A. <opt>\nB. <opt>\n...Answer: <cot_content without a
//   leading "A: ">\n\n"; the target the same with "Let's think step by step." as its answer.
// loglik (protocol=loglik; the layout of lm-evaluation-harness's leaderboard_mmlu_pro task):
//   each example as "<q>\nA. <opt>\n...Answer: <letter>\n\n", then the target as
//   "<q>\nA. <opt>\n...Answer:" (no header, no trailing space); the continuations are " A", " B",
//   ... so that context + continuation reads "Answer: C" like the examples.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "datasets/mmlu_pro/record.h"

namespace ys::mmlu_pro {

// `examples` are the few-shot records (already cut to k), `target` the question asked.
std::string render_mmlu_pro_raw(const std::vector<const MmluProRecord*>& examples,
                                const MmluProRecord& target);
std::string render_mmlu_pro_chat(const std::vector<const MmluProRecord*>& examples,
                                 const MmluProRecord& target);
std::string render_mmlu_pro_loglik(const std::vector<const MmluProRecord*>& examples,
                                   const MmluProRecord& target);

// " A", " B", ... one per option (n_options in 1..10).
std::vector<std::string> mmlu_pro_loglik_continuations(size_t n_options);

}  // namespace ys::mmlu_pro
