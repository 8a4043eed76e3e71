#include "suites/mmlu_pro/options.h"

#include <cctype>
#include <filesystem>
#include <set>

namespace ys::mmlu_pro {
namespace {

Error option_error(const std::string& key, const std::string& what) {
  return Error{"mmlu-pro option '" + key + "': " + what};
}

Expected<int64_t> read_int(const Json& v, const std::string& key, int64_t lo, int64_t hi) {
  int64_t n = 0;
  if (v.is_number_integer()) {
    n = v.get<int64_t>();
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t used = 0;
    try {
      n = std::stoll(s, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != s.size())
      return option_error(key, "expected an integer, got \"" + s + "\"");
  } else {
    return option_error(key, "expected an integer");
  }
  if (n < lo || n > hi) {
    return option_error(
        key, std::to_string(n) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return n;
}

Expected<bool> read_bool(const Json& v, const std::string& key) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s == "true" || s == "1" || s == "yes") return true;
    if (s == "false" || s == "0" || s == "no") return false;
  }
  return option_error(key, "expected true or false");
}

Expected<std::string> read_choice(const Json& v, const std::string& key,
                                  const std::set<std::string>& allowed) {
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  if (!v.is_string() || allowed.count(v.get<std::string>()) == 0) {
    return option_error(key, "expected one of " + list);
  }
  return v.get<std::string>();
}

Expected<std::vector<std::string>> read_names(const Json& v, const std::string& key) {
  std::vector<std::string> names;
  auto add = [&](std::string s) {
    for (auto& c : s)
      c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t b = s.find_first_not_of(' ');
    const size_t e = s.find_last_not_of(' ');
    if (b != std::string::npos) names.push_back(s.substr(b, e - b + 1));
  };
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t start = 0;
    for (size_t comma = s.find(',');; comma = s.find(',', start)) {
      add(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else if (v.is_array()) {
    for (const auto& item : v) {
      if (!item.is_string()) return option_error(key, "expected a list of category names");
      add(item.get<std::string>());
    }
  } else {
    return option_error(key, "expected a list or a comma-separated string of category names");
  }
  return names;
}

std::string default_validation(const std::string& target) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(target).parent_path();
  for (const char* name : {"validation.jsonl", "validation.json"}) {
    std::error_code ec;
    const fs::path p = dir / name;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

Status apply(MmluProOptions& o, const std::string& key, const Json& v) {
  if (key == "protocol") {
    auto s = read_choice(v, key, {"cot", "loglik"});
    if (!s) return s.error();
    o.protocol = *s;
  } else if (key == "validation") {
    if (!v.is_string() || v.get<std::string>().empty()) return option_error(key, "expected a path");
    o.validation_path = v.get<std::string>();
  } else if (key == "k") {
    auto n = read_int(v, key, 0, 5);
    if (!n) return n.error();
    o.k = static_cast<int>(*n);
  } else if (key == "rendering") {
    auto s = read_choice(v, key, {"auto", "chat", "raw"});
    if (!s) return s.error();
    o.rendering = *s;
  } else if (key == "strip_think") {
    auto b = read_bool(v, key);
    if (!b) return b.error();
    o.scoring.strip_think = *b;
  } else if (key == "max_tokens") {
    auto n = read_int(v, key, 1, 1 << 24);
    if (!n) return n.error();
    o.max_tokens = static_cast<int>(*n);
  } else if (key == "categories" || key == "subjects") {
    auto names = read_names(v, key);
    if (!names) return names.error();
    o.categories.insert(o.categories.end(), names->begin(), names->end());
  } else if (key == "limit") {
    auto n = read_int(v, key, 1, int64_t{1} << 30);
    if (!n) return n.error();
    o.limit = static_cast<int>(*n);
  } else if (key == "seed") {
    auto n = read_int(v, key, 0, int64_t{1} << 53);
    if (!n) return n.error();
    o.scoring.seed = *n;
  } else if (key == "official_draw") {
    auto s = read_choice(v, key, {"per-run", "reseed", "per-question"});
    if (!s) return s.error();
    o.scoring.draw = *official_draw_from_string(*s);
  } else {
    return option_error(key,
                        "unknown option (known: protocol, validation, k, rendering, strip_think, "
                        "max_tokens, categories, subjects, limit, seed, official_draw)");
  }
  return ok_status();
}

}  // namespace

Expected<MmluProOptions> parse_mmlu_pro_options(const Json& options, const std::string& target) {
  MmluProOptions o;
  if (!options.is_null() && !options.is_object())
    return Error{"mmlu-pro options must be an object"};
  if (options.is_object()) {
    for (const auto& [key, value] : options.items()) {
      auto st = apply(o, key, value);
      if (!st) return st.error();
    }
  }
  if (o.protocol == "loglik") {
    for (const char* key : {"rendering", "strip_think", "max_tokens", "seed", "official_draw"}) {
      if (options.is_object() && options.contains(key))
        return option_error(key, "does not apply to protocol=loglik (nothing is generated)");
    }
  }
  if (o.validation_path.empty()) o.validation_path = default_validation(target);
  if (o.validation_path.empty() && o.k > 0) {
    return Error{"mmlu-pro: no validation split for the " + std::to_string(o.k) +
                 "-shot examples; pass option validation=PATH (or k=0). Looked for "
                 "validation.jsonl and validation.json next to " +
                 target};
  }
  if (o.k == 0) o.validation_path.clear();
  return o;
}

Json mmlu_pro_options_json(const MmluProOptions& o) {
  if (o.protocol == "loglik") {
    Json j = {{"protocol", o.protocol}, {"k", o.k}, {"categories", o.categories}};
    j["limit"] = o.limit ? Json(*o.limit) : Json(nullptr);
    return j;
  }
  Json j = {{"k", o.k},
            {"rendering", o.rendering},
            {"strip_think", o.scoring.strip_think},
            {"seed", o.scoring.seed},
            {"official_draw", to_string(o.scoring.draw)}};
  j["max_tokens"] = o.max_tokens ? Json(*o.max_tokens) : Json(nullptr);
  j["categories"] = o.categories;
  j["limit"] = o.limit ? Json(*o.limit) : Json(nullptr);
  return j;
}

}  // namespace ys::mmlu_pro
