#include "suites/livebench/options.h"

#include "datasets/livebench/questions.h"

namespace ys::livebench {
namespace {

Error option_error(const std::string& key, const std::string& what) {
  return Error{"livebench option '" + key + "': " + what};
}

void add_names(const std::string& text, std::vector<std::string>& out) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string name = text.substr(start, comma - start);
    const size_t b = name.find_first_not_of(' ');
    const size_t e = name.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(name.substr(b, e - b + 1));
    start = comma + 1;
  }
}

Status read_names(const Json& v, const std::string& key, std::vector<std::string>& out) {
  if (v.is_string()) {
    add_names(v.get<std::string>(), out);
    return ok_status();
  }
  if (!v.is_array()) return option_error(key, "expected a list or a comma-separated string");
  for (const Json& item : v) {
    if (!item.is_string()) return option_error(key, "expected a list of names");
    add_names(item.get<std::string>(), out);
  }
  return ok_status();
}

Expected<int> read_max_tokens(const Json& v) {
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
      return option_error("max_tokens", "expected an integer, got \"" + s + "\"");
  } else {
    return option_error("max_tokens", "expected an integer");
  }
  if (n < 1 || n > (1 << 24)) return option_error("max_tokens", "must be 1..16777216");
  return static_cast<int>(n);
}

Status apply(LiveBenchOptions& o, const std::string& key, const Json& v) {
  if (key == "release") {
    if (!v.is_string() || !livebench::is_iso_date(v.get<std::string>()))
      return option_error(key, "expected a date YYYY-MM-DD (e.g. 2024-11-25)");
    o.release = v.get<std::string>();
  } else if (key == "categories" || key == "category") {
    return read_names(v, key, o.categories);
  } else if (key == "tasks" || key == "task") {
    return read_names(v, key, o.tasks);
  } else if (key == "max_tokens") {
    auto n = read_max_tokens(v);
    if (!n) return n.error();
    o.max_tokens = *n;
  } else {
    return option_error(key, "unknown option (known: release, categories, tasks, max_tokens)");
  }
  return ok_status();
}

}  // namespace

Expected<LiveBenchOptions> parse_livebench_options(const Json& options) {
  LiveBenchOptions o;
  if (options.is_null()) return o;
  if (!options.is_object()) return Error{"livebench options must be an object"};
  for (const auto& [key, value] : options.items()) {
    if (auto st = apply(o, key, value); !st) return st.error();
  }
  return o;
}

Expected<Json> livebench_options_from_pairs(const std::vector<std::string>& pairs) {
  Json options = Json::object();
  for (const auto& kv : pairs) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) return Error{"'" + kv + "': expected KEY=VALUE"};
    Json value = Json::parse(kv.substr(eq + 1), nullptr, false);
    if (value.is_discarded() || !value.is_number_integer()) value = kv.substr(eq + 1);
    options[kv.substr(0, eq)] = value;
  }
  return options;
}

}  // namespace ys::livebench
