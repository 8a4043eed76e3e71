#include "tests/support/fake_oracle.h"

#include <charconv>
#include <fstream>
#include <memory>
#include <mutex>
#include <regex>
#include <unordered_set>

namespace ys::test {

namespace {

using nlohmann::json;

std::string reference_text(const json& ref) {
  if (ref.is_string()) return ref.get<std::string>();
  if (ref.is_array() && !ref.empty()) return reference_text(ref[0]);
  return ref.dump();
}

struct OracleState {
  OracleOptions options;
  std::mutex mu;
  std::unordered_set<std::string> failed_once;
};

// Exact prompt match first; a suite that wraps its prompt in a template still contains it.
const std::string* find_reference(const OracleOptions& o, const std::string& prompt) {
  if (auto it = o.answers.find(prompt); it != o.answers.end()) return &it->second;
  const std::string* best = nullptr;
  size_t best_len = 0;
  for (const auto& [key, ref] : o.answers) {
    if (key.size() > best_len && prompt.find(key) != std::string::npos) {
      best = &ref;
      best_len = key.size();
    }
  }
  return best;
}

int oracle_percent(const std::string& model) {
  static const std::regex pattern("^oracle-([0-9]{1,3})$");
  std::smatch m;
  if (!std::regex_match(model, m, pattern)) return -1;
  return std::stoi(m[1].str());
}

bool fails_first(OracleState& state, const std::string& key) {
  if (state.options.fail_rate <= 0) return false;
  if (static_cast<double>(fake_hash(key + "\nfail") % 10000) >= state.options.fail_rate * 10000)
    return false;
  std::lock_guard lock(state.mu);
  return state.failed_once.insert(key).second;
}

FakeReply answer(OracleState& state, const FakeRequest& req) {
  const std::string prompt = fake_prompt_of(req.body);
  const std::string model = req.body.value("model", "");
  const std::string key = prompt + "\n" + model;
  if (fails_first(state, key)) return status_reply(500, "injected failure");
  int percent = oracle_percent(model);
  const std::string* ref = percent >= 0 ? find_reference(state.options, prompt) : nullptr;
  if (!ref) return default_reply(req);
  FakeReply r;
  bool right = static_cast<int>(fake_hash(key) % 100) < percent;
  r.text = right ? *ref : oracle_wrong_answer(*ref);
  return r;
}

}  // namespace

uint64_t fake_hash(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string oracle_wrong_answer(const std::string& reference) {
  if (reference.size() == 1 && reference[0] >= 'A' && reference[0] <= 'Z')
    return std::string(1, reference[0] == 'Z' ? 'A' : static_cast<char>(reference[0] + 1));
  long long value = 0;
  auto [end, ec] = std::from_chars(reference.data(), reference.data() + reference.size(), value);
  if (ec == std::errc() && end == reference.data() + reference.size() && !reference.empty())
    return std::to_string(value + 1);
  return "I am not sure.";
}

std::string load_oracle_answers(const std::string& path, OracleOptions& options) {
  std::ifstream in(path);
  if (!in) return path + ": cannot open file";
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(n);
    json item = json::parse(line, nullptr, false);
    if (item.is_discarded() || !item.is_object()) return where + ": not a JSON object";
    if (!item.contains("reference")) return where + ": missing field 'reference'";
    if (!item.contains("prompt") && !item.contains("messages"))
      return where + ": missing field 'prompt' (or 'messages')";
    std::string prompt = fake_prompt_of(item);
    if (prompt.empty()) return where + ": field 'prompt'/'messages' has no user text";
    // A reference that is a pattern (regex scorer) is no answer: such items carry one in
    // meta.demo_answer.
    const json& meta = item.contains("meta") ? item["meta"] : json();
    options.answers[prompt] = meta.is_object() && meta.contains("demo_answer")
                                  ? reference_text(meta["demo_answer"])
                                  : reference_text(item["reference"]);
  }
  return "";
}

FakeScript make_oracle_script(OracleOptions options) {
  auto state = std::make_shared<OracleState>();
  state->options = std::move(options);
  return [state](const FakeRequest& req) {
    FakeReply r = answer(*state, req);
    r.delay_ms = state->options.latency_ms;
    return r;
  };
}

}  // namespace ys::test
