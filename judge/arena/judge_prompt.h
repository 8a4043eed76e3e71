// Judge prompts and judge requests for pairwise judging (Arena-Hard protocol). Our own wording of
// the published protocol: for hard prompts the judge first writes its own answer and then compares
// both answers against it (helpfulness, relevance, conciseness, creativity, missing information);
// creative writing drops the own-answer step. Both end with exactly one label [[A>>B]], [[A>B]],
// [[A=B]], [[B>A]] or [[B>>A]]. Users may override the system prompt and the user-message template.
//
// Template placeholders (replaced in one pass; text inside the answers is never re-expanded):
//   {question}  the user prompt      {answer_a}  assistant A's final answer
//   {answer_b}  assistant B's final answer
// Only final answers are ever placed in a judge request, never reasoning. Thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "harness/core/expected.h"
#include "harness/core/types.h"
#include "judge/arena/verdict.h"

namespace ys::arena {

struct JudgeOptions {
  std::string system_prompt;    // "" = the default for the question's category
  std::string prompt_template;  // "" = the default template
  std::optional<double> temperature = 0.0;
  std::optional<int> max_tokens = 16000;
  VerdictRule rule = VerdictRule::v2_0;
};

struct JudgePrompt {
  std::string system;
  std::string user_template;
};

// True for categories judged without the own-answer step ("creative_writing").
bool is_creative_category(const std::string& category);

std::string default_judge_system_prompt(const std::string& category);
std::string default_judge_template();

// The prompt that will be used for a category: overrides from options, else the defaults.
JudgePrompt judge_prompt_for(const std::string& category, const JudgeOptions& options);

// sha256 hex over the system prompt and the template (stored with every verdict; two runs whose
// hashes differ are not comparable).
std::string judge_prompt_hash(const JudgePrompt& prompt);

// Reads override files (empty path = keep the current value). The template must contain all three
// placeholders; errors name the file.
Status load_judge_prompt_overrides(JudgeOptions& options, const std::string& system_prompt_path,
                                   const std::string& template_path);

// Replaces the three placeholders in one left-to-right pass; other braces are kept.
std::string render_judge_template(const std::string& tmpl, const std::string& question,
                                  const std::string& answer_a, const std::string& answer_b);

struct JudgeInput {
  std::string question;
  std::string category;
  std::string model_answer;     // final answer only
  std::string baseline_answer;  // final answer only
};

// games[0]: baseline as assistant A, model as B. games[1]: model as A, baseline as B.
// Each request: system + user message, temperature and max_tokens from options.
std::array<Request, 2> make_judge_requests(const JudgeInput& input, const JudgeOptions& options);

// v0.1 follow-up: the original conversation, the judge's reply, and kAskForVerdict.
Request make_followup_request(const Request& original, const std::string& judge_reply);

}  // namespace ys::arena
