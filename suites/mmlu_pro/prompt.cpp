#include "suites/mmlu_pro/prompt.h"

#include <string_view>

namespace ys::mmlu_pro {
namespace {

constexpr std::string_view kLetters = "ABCDEFGHIJ";

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// initial_prompt.txt as read line by line upstream (it ends in three newlines), then "\n".
std::string raw_header(const std::string& category) {
  return "The following are multiple choice questions (with answers) about " + category +
         ". Think step by step and then finish your answer with \"the answer is (X)\" where X is "
         "the correct letter choice.\n\n\n\n";
}

void append_options(std::string& out, const std::vector<std::string>& options) {
  for (size_t i = 0; i < options.size(); ++i) {
    out += kLetters[i];
    out += ". ";
    out += options[i];
    out += '\n';
  }
}

std::string raw_question(const MmluProRecord& r, bool with_answer) {
  std::string out = "Question:\n" + r.question + "\nOptions:\n";
  append_options(out, r.options);
  if (with_answer) {
    out += replace_all(r.cot_content, "A: Let's think step by step.",
                       "Answer: Let's think step by step.");
    out += "\n\n";
  } else {
    out += "Answer: Let's think step by step.";
  }
  return out;
}

std::string chat_question(const MmluProRecord& r, std::string cot) {
  if (cot.empty()) cot = "Let's think step by step.";
  if (cot.rfind("A: ", 0) == 0) cot.erase(0, 3);
  std::string out = "Question: " + r.question + "\nOptions: ";
  append_options(out, r.options);
  out += "Answer: " + cot + "\n\n";
  return out;
}

// The examples' letter follows "Answer: " with one space, the same space the continuations carry.
std::string loglik_question(const MmluProRecord& r, bool with_answer) {
  std::string out = r.question + "\n";
  append_options(out, r.options);
  out += "Answer:";
  if (with_answer) out += " " + r.answer + "\n\n";
  return out;
}

}  // namespace

std::string render_mmlu_pro_raw(const std::vector<const MmluProRecord*>& examples,
                                const MmluProRecord& target) {
  std::string out = raw_header(target.category);
  for (const auto* ex : examples) out += raw_question(*ex, true);
  out += raw_question(target, false);
  return out;
}

std::string render_mmlu_pro_chat(const std::vector<const MmluProRecord*>& examples,
                                 const MmluProRecord& target) {
  std::string out = "The following are multiple choice questions (with answers) about " +
                    target.category +
                    ". Think step by step and then output the answer in the format of \"The "
                    "answer is (X)\" at the end.\n\n";
  for (const auto* ex : examples) out += chat_question(*ex, ex->cot_content);
  out += chat_question(target, "");
  return out;
}

std::string render_mmlu_pro_loglik(const std::vector<const MmluProRecord*>& examples,
                                   const MmluProRecord& target) {
  std::string out;
  for (const auto* ex : examples) out += loglik_question(*ex, true);
  out += loglik_question(target, false);
  return out;
}

std::vector<std::string> mmlu_pro_loglik_continuations(size_t n_options) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n_options && i < kLetters.size(); ++i) {
    out.push_back(std::string(" ") + kLetters[i]);
  }
  return out;
}

}  // namespace ys::mmlu_pro
