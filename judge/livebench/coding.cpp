#include "judge/livebench/coding.h"

#include <atomic>
#include <thread>

#include "judge/livebench/lcb_runner_script.h"
#include "judge/livebench/py_text.h"
#include "judge/livebench/sandbox.h"

namespace ys::livebench {
namespace {

// LCB's per-test timeout (LiveBench passes timeout=6) and its global limit for one question,
// (timeout + 1) * tests + 5 s; the sandbox adds a few seconds for its own start.
constexpr int kTestTimeoutS = 6;

SandboxLimits limits_for(size_t n_tests) {
  SandboxLimits l;
  l.wall_time_s = static_cast<double>((kTestTimeoutS + 1) * n_tests + 5) + 3.0;
  l.cpu_time_s = static_cast<long>(l.wall_time_s) + 1;
  return l;
}

// The runner's verdict from its output: every result true, or the reason it is not.
std::pair<bool, std::string> verdict(const SandboxResult& r) {
  if (r.timed_out) return {false, "killed: the time limit for the question was reached"};
  if (r.output_truncated) return {false, "killed: the output limit was reached"};
  const size_t at = r.stdout_text.rfind(kLcbResultMarker);
  if (at == std::string::npos) {
    std::string tail =
        r.stderr_text.substr(r.stderr_text.size() > 300 ? r.stderr_text.size() - 300 : 0);
    return {false, "the test runner ended without a result (exit " + std::to_string(r.exit_code) +
                       ", signal " + std::to_string(r.signal) + "): " + tail};
  }
  const Json j = Json::parse(r.stdout_text.substr(at + std::string_view(kLcbResultMarker).size()),
                             nullptr, false);
  if (!j.is_object() || !j.contains("results") || !j.at("results").is_array()) {
    return {false, "the test runner's result is unreadable"};
  }
  bool all = true;
  for (const Json& v : j.at("results")) all = all && v.is_boolean() && v.get<bool>();
  return {all, j.value("error", std::string())};
}

}  // namespace

std::string extract_lcb_code(std::string_view answer) {
  const auto lines = py_split(answer, "\n");
  std::vector<size_t> fences;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find("```") != std::string_view::npos) fences.push_back(i);
  }
  // Fewer than two fence lines: the whole answer is the program. LiveBench's published
  // extract_code returns "" here, but its own judgments on the fixture slice score two unfenced
  // coding_completion answers 1 (docs/suites/livebench.md), which only the whole answer explains.
  if (fences.size() < 2) return std::string(answer);
  std::string code;
  for (size_t i = fences[fences.size() - 2] + 1; i < fences.back(); ++i) {
    if (i > fences[fences.size() - 2] + 1) code += "\n";
    code += lines[i];
  }
  return code;
}

std::string lcb_full_solution(const Question& question, const std::string& code) {
  const auto it = question.record.find("partial_solution");
  if (it == question.record.end() || !it->is_string()) return code;
  const std::string& partial = it->get_ref<const std::string&>();
  if (partial.empty() || code.rfind(partial, 0) == 0) return code;
  return partial + "\n" + code;
}

TaskScore score_lcb(const Question& question, std::string_view answer,
                    const ScoreContext& context) {
  TaskScore score;
  score.extracted = extract_lcb_code(answer);
  score.method = score.extracted.size() == answer.size() ? "whole-answer" : "last-code-fence";
  if (py_strip(score.extracted).empty()) score.status = ScoreStatus::unparsed;
  auto spec = lcb_test_spec(question);
  if (!spec) {
    score.status = ScoreStatus::error;
    score.detail["reason"] = spec.error().message;
    return score;
  }
  if (!context.sandbox) {
    score.status = ScoreStatus::error;
    score.detail["reason"] =
        "code tasks need a sandbox to run their tests, and none was given" +
        (context.sandbox_missing.empty() ? std::string() : ": " + context.sandbox_missing);
    return score;
  }
  Json input = std::move(spec.value());
  const size_t n_tests = input["inputs"].size();
  input["code"] = lcb_full_solution(question, score.extracted);
  input["timeout_s"] = kTestTimeoutS;
  auto run = context.sandbox->run_python(kLcbRunnerScript,
                                         input.dump(-1, ' ', false, Json::error_handler_t::replace),
                                         limits_for(n_tests));
  if (!run) {
    score.status = ScoreStatus::error;
    score.detail["reason"] = run.error().message;
    return score;
  }
  const auto [passed, why] = verdict(*run);
  score.value = passed ? 1.0 : 0.0;
  score.detail["tests"] = n_tests;
  score.detail["reason"] = passed ? "all tests passed" : why;
  score.detail["wall_s"] = run->wall_s;
  if (!context.sandbox->contained()) score.detail["unsafe"] = context.sandbox->description();
  return score;
}

std::vector<TaskScore> score_code_answers(TaskScoreFn scorer,
                                          const std::vector<Question>& questions,
                                          const std::vector<std::string>& answers,
                                          const ScoreContext& context) {
  std::vector<TaskScore> scores(questions.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < questions.size(); i = next++) {
      scores[i] = scorer(questions[i], i < answers.size() ? answers[i] : std::string(), context);
    }
  };
  const int n_threads = context.sandbox ? context.sandbox->max_parallel() : 1;
  std::vector<std::thread> threads;
  for (int t = 1; t < n_threads; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  return scores;
}

}  // namespace ys::livebench
