#include "reports/junit_report.h"

#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys {
namespace {

struct Verdict {
  bool passed = true;
  std::string type;
  std::string message;
};

Verdict judge_sample(const SampleRow& s, const ReportOptions& options) {
  if (s.status == ScoreStatus::error) {
    return {false, "error:" + (s.error_kind.empty() ? std::string("unknown") : s.error_kind),
            s.error.empty() ? "request failed" : s.error};
  }
  if (s.status == ScoreStatus::unparsed) return {false, "unparsed", "no answer could be extracted"};
  const bool passed = options.junit_pass_score ? s.score >= *options.junit_pass_score : s.score > 0;
  if (passed) return {};
  return {false, "wrong", "score " + format_fixed(s.score, 4)};
}

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string cut(const std::string& text, const ReportOptions& options) {
  const size_t max = static_cast<size_t>(std::max(options.max_text_chars, 0));
  if (display_width(text) <= max) return text;
  return truncate_utf8(text, max) + "\n[... cut at " + std::to_string(max) + " characters]";
}

std::string failure_body(const SampleRow& s, const ReportOptions& options) {
  std::string body = "category: " + s.category + "\nextracted: " + s.extracted +
                     "\nmethod: " + s.method + "\nfinish_reason: " + s.finish_reason +
                     "\nresponse:\n" + cut(s.response_text, options);
  return xml_escape(body);
}

std::string testcase(const SampleRow& s, const ReportOptions& options) {
  std::string out = "    <testcase" + attr("name", s.item_id) +
                    attr("classname", s.suite + "." + s.model) +
                    attr("time", format_fixed(s.latency_ms / 1000.0, 3));
  const Verdict verdict = judge_sample(s, options);
  if (verdict.passed) return out + "/>\n";
  out += ">\n      <failure" + attr("type", verdict.type) + attr("message", verdict.message) + ">" +
         failure_body(s, options) + "</failure>\n    </testcase>\n";
  return out;
}

std::string properties(const RunSummary& run) {
  std::string out = "    <properties>\n";
  const std::pair<const char*, std::string> props[] = {
      {"run_id", run.run_id},
      {"model_identity", run.model_identity},
      {"protocol_version", run.protocol_version},
      {"dataset_fingerprint", run.dataset_fingerprint},
      {"harness_version", run.harness_version},
      {"score", format_fixed(run.score.mean, 6)},
      {"ci_low", format_fixed(run.score.ci_low, 6)},
      {"ci_high", format_fixed(run.score.ci_high, 6)}};
  for (const auto& [name, value] : props) {
    out += "      <property" + attr("name", name) + attr("value", value) + "/>\n";
  }
  return out + "    </properties>\n";
}

}  // namespace

std::string render_junit_report(const ReportData& data, const ReportOptions& options) {
  const auto by_run = samples_by_run(data);
  std::string suites;
  size_t total_tests = 0;
  size_t total_failures = 0;
  double total_s = 0;
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    const auto found = by_run.find(run->run_id);
    const std::vector<const SampleRow*> none;
    const auto& samples = found == by_run.end() ? none : found->second;
    std::string cases;
    size_t failures = 0;
    double time_s = 0;
    for (const SampleRow* s : samples) {
      if (!judge_sample(*s, options).passed) ++failures;
      time_s += s->latency_ms / 1000.0;
      cases += testcase(*s, options);
    }
    suites += "  <testsuite" + attr("name", run->suite + "/" + run->model) +
              attr("tests", std::to_string(samples.size())) +
              attr("failures", std::to_string(failures)) + attr("errors", "0") +
              attr("skipped", "0") + attr("time", format_fixed(time_s, 3)) + ">\n" +
              properties(*run) + cases + "  </testsuite>\n";
    total_tests += samples.size();
    total_failures += failures;
    total_s += time_s;
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attr("name", "yardstick") +
         attr("tests", std::to_string(total_tests)) +
         attr("failures", std::to_string(total_failures)) + attr("errors", "0") +
         attr("time", format_fixed(total_s, 3)) + ">\n" + suites + "</testsuites>\n";
}

}  // namespace ys
