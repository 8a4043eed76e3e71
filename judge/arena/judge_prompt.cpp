#include "judge/arena/judge_prompt.h"

#include <fstream>
#include <sstream>

#include "harness/core/hash.h"

namespace ys::arena {
namespace {

constexpr const char* kVerdictInstructions =
    "Finish your reply with exactly one verdict label on its own line, chosen from:\n"
    "1. Assistant A is significantly better: [[A>>B]]\n"
    "2. Assistant A is slightly better: [[A>B]]\n"
    "3. Tie, relatively the same: [[A=B]]\n"
    "4. Assistant B is slightly better: [[B>A]]\n"
    "5. Assistant B is significantly better: [[B>>A]]\n"
    "For example: \"My final verdict is: [[A=B]]\". Do not write any other label in brackets.";

constexpr const char* kHardIntro =
    "You are an impartial judge comparing two AI assistants' answers to the user prompt shown "
    "below.\n\n"
    "First, write your own answer to the prompt, before reading either assistant's answer. Then "
    "read both answers and compare each with yours: point out any mistakes or inaccurate "
    "information and say how to correct them.\n\n"
    "Weigh whether each answer is helpful (it addresses the prompt and follows its instructions; "
    "when the prompt is ambiguous, asking for clarification beats guessing), relevant (every part "
    "bears on the request) and concise (clear, without padding). Where it matters, consider "
    "creativity and novelty. Note any important information missing from an answer that would "
    "help the user.\n\n"
    "Do not let the order of the answers, their length or the assistants' names sway you.\n\n";

constexpr const char* kCreativeIntro =
    "You are an impartial judge comparing two AI assistants' answers to the creative writing "
    "prompt shown below.\n\n"
    "Read both answers. Weigh whether each one follows the prompt's instructions and is helpful, "
    "relevant and concise; consider creativity, originality and the quality of the writing; note "
    "anything important an answer leaves out.\n\n"
    "Do not let the order of the answers, their length or the assistants' names sway you.\n\n";

constexpr const char* kTemplate =
    "<user_prompt>\n{question}\n</user_prompt>\n\n"
    "<assistant_a_answer>\n{answer_a}\n</assistant_a_answer>\n\n"
    "<assistant_b_answer>\n{answer_b}\n</assistant_b_answer>";

Expected<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot open file"};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Request make_one(const JudgePrompt& p, const JudgeInput& in, bool model_is_a,
                 const JudgeOptions& opts) {
  const std::string& a = model_is_a ? in.model_answer : in.baseline_answer;
  const std::string& b = model_is_a ? in.baseline_answer : in.model_answer;
  Request r;
  r.kind = RequestKind::chat;
  r.messages = {{"system", p.system},
                {"user", render_judge_template(p.user_template, in.question, a, b)}};
  r.params.temperature = opts.temperature;
  r.params.max_tokens = opts.max_tokens;
  return r;
}

}  // namespace

bool is_creative_category(const std::string& category) {
  return category == "creative_writing";
}

std::string default_judge_system_prompt(const std::string& category) {
  return std::string(is_creative_category(category) ? kCreativeIntro : kHardIntro) +
         kVerdictInstructions;
}

std::string default_judge_template() {
  return kTemplate;
}

JudgePrompt judge_prompt_for(const std::string& category, const JudgeOptions& options) {
  JudgePrompt p;
  p.system =
      options.system_prompt.empty() ? default_judge_system_prompt(category) : options.system_prompt;
  p.user_template =
      options.prompt_template.empty() ? default_judge_template() : options.prompt_template;
  return p;
}

std::string judge_prompt_hash(const JudgePrompt& prompt) {
  Sha256 h;
  h.update("ys-judge-prompt-v1\n");
  h.update(std::to_string(prompt.system.size()) + "\n");
  h.update(prompt.system);
  h.update(prompt.user_template);
  return h.hex_digest();
}

Status load_judge_prompt_overrides(JudgeOptions& options, const std::string& system_prompt_path,
                                   const std::string& template_path) {
  if (!system_prompt_path.empty()) {
    auto text = read_text_file(system_prompt_path);
    if (!text) return text.error();
    options.system_prompt = *text;
  }
  if (!template_path.empty()) {
    auto text = read_text_file(template_path);
    if (!text) return text.error();
    for (const char* ph : {"{question}", "{answer_a}", "{answer_b}"}) {
      if (text->find(ph) == std::string::npos) {
        return Error{template_path + ": template lacks the placeholder " + ph};
      }
    }
    options.prompt_template = *text;
  }
  return ok_status();
}

std::string render_judge_template(const std::string& tmpl, const std::string& question,
                                  const std::string& answer_a, const std::string& answer_b) {
  struct Sub {
    std::string_view key;
    const std::string* value;
  };
  const Sub subs[] = {
      {"{question}", &question}, {"{answer_a}", &answer_a}, {"{answer_b}", &answer_b}};
  std::string out;
  out.reserve(tmpl.size() + question.size() + answer_a.size() + answer_b.size());
  size_t i = 0;
  while (i < tmpl.size()) {
    bool replaced = false;
    if (tmpl[i] == '{') {
      for (const Sub& s : subs) {
        if (tmpl.compare(i, s.key.size(), s.key) == 0) {
          out += *s.value;
          i += s.key.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(tmpl[i++]);
  }
  return out;
}

std::array<Request, 2> make_judge_requests(const JudgeInput& input, const JudgeOptions& options) {
  JudgePrompt p = judge_prompt_for(input.category, options);
  return {make_one(p, input, /*model_is_a=*/false, options),
          make_one(p, input, /*model_is_a=*/true, options)};
}

Request make_followup_request(const Request& original, const std::string& judge_reply) {
  Request r = original;
  r.messages.push_back({"assistant", judge_reply});
  r.messages.push_back({"user", std::string(kAskForVerdict)});
  return r;
}

}  // namespace ys::arena
