#include "suites/custom/custom_suite.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "harness/core/hash.h"
#include "harness/core/jsonl.h"
#include "judge/mmlu_pro/think.h"

namespace ys {

namespace {

constexpr const char* kScorers[] = {"exact", "contains", "regex", "choice"};
constexpr const char* kKnownFields[] = {"id",     "prompt", "messages", "reference", "scorer",
                                        "system", "params", "category", "choices",   "meta"};

struct LineError {
  std::string message;
};

[[noreturn]] void fail(const std::string& field, const std::string& what) {
  throw LineError{"field '" + field + "': " + what};
}

std::string choice_block(const Json& choices) {
  std::string out = "\n";
  for (size_t i = 0; i < choices.size(); ++i)
    out += "\n" + std::string(1, static_cast<char>('A' + i)) + ". " + choices[i].get<std::string>();
  out += "\n\nAnswer with the letter of the correct option, ending with \"The answer is (X)\".";
  return out;
}

void check_reference(const Json& j, const std::string& scorer, int n_choices) {
  if (!j.contains("reference")) fail("reference", "missing");
  const Json& ref = j.at("reference");
  bool strings = ref.is_string() ||
                 (ref.is_array() && !ref.empty() &&
                  std::all_of(ref.begin(), ref.end(), [](const Json& r) { return r.is_string(); }));
  if (!strings && !(ref.is_number() && scorer != "regex"))
    fail("reference", "must be a string or a non-empty list of strings");
  if (scorer == "regex") {
    for (const auto& r : ref.is_array() ? ref : Json::array({ref})) {
      try {
        std::regex re(r.get<std::string>(), std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        fail("reference", "invalid regex '" + r.get<std::string>() + "': " + e.what());
      }
    }
  }
  if (scorer == "choice") {
    if (!ref.is_string() || ref.get<std::string>().size() != 1 || ref.get<std::string>()[0] < 'A' ||
        ref.get<std::string>()[0] > 'J')
      fail("reference", "a choice reference must be one letter A-J");
    if (n_choices > 0 && ref.get<std::string>()[0] - 'A' >= n_choices)
      fail("reference", "letter is beyond the " + std::to_string(n_choices) + " choices");
  }
}

Item parse_item(const Json& j) {
  if (!j.is_object()) throw LineError{"a line must be a JSON object"};
  for (const auto& [key, v] : j.items()) {
    (void)v;
    if (std::find(std::begin(kKnownFields), std::end(kKnownFields), key) == std::end(kKnownFields))
      fail(key,
           "unknown field (known: id, prompt, messages, reference, scorer, system, params, "
           "category, choices, meta)");
  }
  Item item;
  if (!j.contains("id")) fail("id", "missing");
  if (j.at("id").is_string()) {
    item.id = j.at("id").get<std::string>();
  } else if (j.at("id").is_number_integer()) {
    item.id = j.at("id").dump();
  } else {
    fail("id", "must be a string or an integer");
  }
  if (item.id.empty()) fail("id", "must not be empty");

  if (!j.contains("scorer")) fail("scorer", "missing (exact, contains, regex or choice)");
  if (!j.at("scorer").is_string()) fail("scorer", "must be a string");
  std::string scorer = j.at("scorer").get<std::string>();
  if (std::find(std::begin(kScorers), std::end(kScorers), scorer) == std::end(kScorers))
    fail("scorer", "unknown scorer '" + scorer + "' (exact, contains, regex or choice)");

  int n_choices = 0;
  if (j.contains("choices")) {
    const Json& c = j.at("choices");
    if (!c.is_array() || c.size() < 2 || c.size() > 10 ||
        !std::all_of(c.begin(), c.end(), [](const Json& x) { return x.is_string(); }))
      fail("choices", "must be a list of 2 to 10 strings");
    n_choices = static_cast<int>(c.size());
  }
  check_reference(j, scorer, n_choices);

  bool has_prompt = j.contains("prompt"), has_messages = j.contains("messages");
  if (has_prompt == has_messages) fail("prompt", "give exactly one of 'prompt' or 'messages'");
  Request& req = item.request;
  req.kind = RequestKind::chat;
  if (j.contains("system")) {
    if (!j.at("system").is_string()) fail("system", "must be a string");
    req.messages.push_back({"system", j.at("system").get<std::string>()});
  }
  if (has_prompt) {
    if (!j.at("prompt").is_string() || j.at("prompt").get<std::string>().empty())
      fail("prompt", "must be a non-empty string");
    std::string text = j.at("prompt").get<std::string>();
    if (n_choices) text += choice_block(j.at("choices"));
    req.messages.push_back({"user", text});
  } else {
    const Json& msgs = j.at("messages");
    if (!msgs.is_array() || msgs.empty()) fail("messages", "must be a non-empty list");
    for (size_t i = 0; i < msgs.size(); ++i) {
      const Json& m = msgs[i];
      std::string where = "messages[" + std::to_string(i) + "]";
      if (!m.is_object() || !m.contains("role") || !m.contains("content") ||
          !m.at("role").is_string() || !m.at("content").is_string())
        fail(where, "must be {\"role\": ..., \"content\": ...} with string values");
      std::string role = m.at("role").get<std::string>();
      if (role != "system" && role != "user" && role != "assistant")
        fail(where + ".role", "must be system, user or assistant, not '" + role + "'");
      req.messages.push_back({role, m.at("content").get<std::string>()});
    }
    if (req.messages.back().role != "user")
      fail("messages", "the last message must be from the user");
  }
  if (j.contains("params")) {
    try {
      req.params = gen_params_from_json(j.at("params"));
    } catch (const std::exception& e) {
      fail("params", e.what());
    }
  }
  if (j.contains("category")) {
    if (!j.at("category").is_string()) fail("category", "must be a string");
    item.category = j.at("category").get<std::string>();
  }
  item.reference = j.at("reference");
  item.meta = {{"scorer", scorer}};
  if (n_choices) item.meta["n_options"] = n_choices;
  if (j.contains("meta")) item.meta["user"] = j.at("meta");
  return item;
}

class CustomSuite final : public Suite {
 public:
  CustomSuite(SuiteInfo info, std::vector<Item> items)
      : info_(std::move(info)), items_(std::move(items)) {}

  SuiteInfo info() const override { return info_; }

  Expected<std::vector<Item>> plan(const PlanContext& ctx) const override {
    if (!ctx.supports_chat)
      return Error{"the custom suite sends chat requests, which this model cannot serve"};
    return items_;
  }

  Score score(const Item& item, const Response& response) const override {
    std::string text = mmlu_pro::strip_think_blocks(response.text).answer;
    std::string scorer = item.meta.value("scorer", "exact");
    if (scorer == "contains") return score_contains(text, item.reference);
    if (scorer == "regex") return score_regex(text, item.reference);
    if (scorer == "choice")
      return score_choice(text, item.reference, item.meta.value("n_options", 0));
    return score_exact(text, item.reference);
  }

 private:
  SuiteInfo info_;
  std::vector<Item> items_;
};

// The custom suite has one option, `name`; anything else (a --suite-opt meant for another suite,
// a typo) is refused rather than ignored.
Status check_custom_options(const Json& options) {
  if (options.is_null()) return ok_status();
  if (!options.is_object()) return Error{"custom suite options must be a mapping"};
  for (const auto& [key, value] : options.items()) {
    if (key != "name") return Error{"custom suite: unknown option '" + key + "' (known: name)"};
    if (!value.is_string() || value.get<std::string>().empty())
      return Error{"custom suite option 'name': expected a non-empty string"};
  }
  return ok_status();
}

}  // namespace

Expected<std::unique_ptr<Suite>> make_custom_suite(const SuiteSpec& spec) {
  const std::string& path = spec.target;
  if (auto st = check_custom_options(spec.options); !st) return st.error();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error{"suite file '" + path + "' is a directory; give the suite's .jsonl file"};
  std::ifstream in(path);
  if (!in) return Error{"cannot open suite file '" + path + "'"};
  std::vector<Item> items;
  std::set<std::string> ids;
  Status st = for_each_jsonl_line(in, path, [&](const Json& j, const JsonlWhere& where) -> Status {
    try {
      Item item = parse_item(j);
      if (!ids.insert(item.id).second)
        return Error{where.at("id") + ": duplicate id '" + item.id + "'"};
      items.push_back(std::move(item));
    } catch (const LineError& e) {
      return Error{where.str() + ": " + e.message};
    } catch (const std::exception& e) {
      return Error{where.str() + ": " + e.what()};
    }
    return ok_status();
  });
  if (!st) return st.error();
  if (items.empty()) return Error{path + ": no items"};
  auto fingerprint = sha256_file(path);
  if (!fingerprint) return fingerprint.error();
  SuiteInfo info;
  std::string stem = std::filesystem::path(path).stem().string();
  info.name = "custom:" + (spec.options.is_object() ? spec.options.value("name", stem) : stem);
  info.protocol_version = "custom-1";
  info.dataset_fingerprint = *fingerprint;
  return std::unique_ptr<Suite>(std::make_unique<CustomSuite>(std::move(info), std::move(items)));
}

}  // namespace ys
