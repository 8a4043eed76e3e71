#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <regex>

#include "judge/mmlu_pro/extract.h"
#include "suites/custom/custom_suite.h"

namespace ys {

namespace {

// Case-folded (ASCII), whitespace-collapsed, trimmed, without one trailing period.
std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::vector<std::string> references(const Json& reference) {
  std::vector<std::string> out;
  if (reference.is_string()) {
    out.push_back(reference.get<std::string>());
  } else if (reference.is_array()) {
    for (const auto& r : reference)
      if (r.is_string()) out.push_back(r.get<std::string>());
  } else if (reference.is_number()) {
    out.push_back(reference.dump());
  }
  return out;
}

std::string preview(const std::string& s) {
  return s.size() <= 200 ? s : s.substr(0, 200) + "...";
}

// std::regex backtracks recursively, one stack frame or more per character for patterns like
// (a|aa)+: on a default 8 MB stack a 20 KB input can overflow. Matching therefore runs on a
// thread with a large stack (reserved address space; pages are touched only as needed), and
// inputs are capped.
constexpr size_t kRegexMaxBytes = 20000;
constexpr size_t kRegexStackBytes = size_t{512} << 20;

void run_with_large_stack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kRegexStackBytes);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  if (pthread_create(&thread, &attr, trampoline, const_cast<std::function<void()>*>(&fn)) == 0) {
    pthread_join(thread, nullptr);
  } else {
    fn();  // could not get a big stack: run here (inputs are capped)
  }
  pthread_attr_destroy(&attr);
}

}  // namespace

Score score_exact(const std::string& response, const Json& reference) {
  Score s;
  s.method = "exact";
  s.extracted = preview(normalize(response));
  std::string got = normalize(response);
  for (const auto& r : references(reference))
    if (normalize(r) == got) s.value = 1.0;
  return s;
}

Score score_contains(const std::string& response, const Json& reference) {
  Score s;
  s.method = "contains";
  std::string got = normalize(response);
  for (const auto& r : references(reference)) {
    std::string want = normalize(r);
    if (!want.empty() && got.find(want) != std::string::npos) {
      s.value = 1.0;
      s.extracted = want;
    }
  }
  return s;
}

Score score_regex(const std::string& response, const Json& reference) {
  Score s;
  s.method = "regex";
  std::string_view text = response;
  if (text.size() > kRegexMaxBytes) {
    text = text.substr(text.size() - kRegexMaxBytes);
    s.detail["truncated_to_last_bytes"] = kRegexMaxBytes;
  }
  run_with_large_stack([&] {
    try {
      for (const auto& pattern : references(reference)) {
        std::regex re(pattern, std::regex::ECMAScript);
        std::match_results<std::string_view::const_iterator> m;
        if (std::regex_search(text.begin(), text.end(), m, re)) {
          s.value = 1.0;
          s.extracted = preview(m.str());
          break;
        }
      }
    } catch (const std::exception& e) {  // regex_error, including its complexity limit
      s.status = ScoreStatus::unparsed;
      s.detail["error"] = std::string("regex failed: ") + e.what();
    }
  });
  return s;
}

Score score_choice(const std::string& response, const Json& reference, int n_options) {
  Score s;
  mmlu_pro::AnswerExtraction ex = mmlu_pro::extract_mmlu_pro_answer(response);
  s.method = to_string(ex.method);
  if (!ex.found()) {
    s.status = ScoreStatus::unparsed;
    return s;
  }
  s.extracted = std::string(1, ex.letter);
  if (n_options > 0 && ex.letter - 'A' >= n_options) s.detail["out_of_range"] = true;
  for (const auto& r : references(reference))
    if (r.size() == 1 && std::toupper(static_cast<unsigned char>(r[0])) == ex.letter) s.value = 1.0;
  return s;
}

}  // namespace ys
