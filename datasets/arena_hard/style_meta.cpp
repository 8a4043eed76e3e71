#include "datasets/arena_hard/style_meta.h"

#include <numeric>

#include "harness/core/unicode_categories.h"

namespace ys::arena {
namespace {

// Python's \s and \d for str patterns: Unicode whitespace (str.isspace) and decimal digits (Nd).
// Each returns the byte length of the character at i when it matches, else 0.
size_t space_len(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  auto d = unicode::decode_utf8_at(t, i);
  return unicode::is_python_space(d.cp) ? d.length : 0;
}
size_t digit_len(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  auto d = unicode::decode_utf8_at(t, i);
  return unicode::char_class(d.cp) == unicode::CharClass::kNd ? d.length : 0;
}

// Matches `\s*` then `rest` at the start of a line. Python's `^\s*` may run over newlines, but a
// match started on a blank line then ends on a later line that starts a match of its own, so
// counting once per line start gives the same totals.
template <typename Rest>
bool line_match_after_space(std::string_view t, size_t i, Rest rest) {
  while (i < t.size() && t[i] != '\n') {
    size_t n = space_len(t, i);
    if (n == 0) break;
    i += n;
  }
  return rest(t, i);
}

bool ordered_item(std::string_view t, size_t i) {
  size_t j = i;
  while (size_t n = digit_len(t, j)) j += n;
  return j > i && j < t.size() && t[j] == '.' && space_len(t, j + 1) > 0;
}

bool unordered_item(std::string_view t, size_t i) {
  return i < t.size() && (t[i] == '-' || t[i] == '*' || t[i] == '+') && space_len(t, i + 1) > 0;
}

// Header level of a line starting at i: n '#' followed by whitespace, n in 1..6; 0 otherwise.
int header_level(std::string_view t, size_t i) {
  size_t j = i;
  while (j < t.size() && t[j] == '#') ++j;
  size_t n = j - i;
  if (n == 0 || n > 6 || space_len(t, j) == 0) return 0;
  return static_cast<int>(n);
}

// Non-overlapping matches of  D [^D\n]+ D  where D is the two-character delimiter dd.
int64_t count_delimited(std::string_view t, char d) {
  int64_t n = 0;
  size_t i = 0;
  while (i + 1 < t.size()) {
    if (t[i] == d && t[i + 1] == d) {
      size_t j = i + 2;
      while (j < t.size() && t[j] != d && t[j] != '\n') ++j;
      if (j > i + 2 && j + 1 < t.size() && t[j] == d && t[j + 1] == d) {
        ++n;
        i = j + 2;
        continue;
      }
    }
    ++i;
  }
  return n;
}

Expected<int64_t> read_count(const Json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return int64_t{0};
  if (!it->is_number()) return Error{where + ": field '" + key + "': expected a number"};
  return static_cast<int64_t>(it->get<double>());
}

}  // namespace

int64_t MarkdownCounts::header_total() const {
  return std::accumulate(headers.begin(), headers.end(), int64_t{0});
}

std::string remove_code_blocks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "```") == 0) {
      size_t j = text.find('`', i + 3);
      if (j != std::string_view::npos && text.compare(j, 3, "```") == 0) {
        out += "``````";  // upstream removes the block's content and keeps both fences
        i = j + 3;
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

MarkdownCounts count_markdown(std::string_view t) {
  MarkdownCounts c;
  for (size_t start = 0; start < t.size();) {
    if (int level = header_level(t, start)) ++c.headers[static_cast<size_t>(level - 1)];
    if (line_match_after_space(t, start, ordered_item)) ++c.list_ordered;
    if (line_match_after_space(t, start, unordered_item)) ++c.list_unordered;
    size_t nl = t.find('\n', start);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  c.bold_star = count_delimited(t, '*');
  c.bold_under = count_delimited(t, '_');
  return c;
}

MarkdownCounts count_answer_markdown(std::string_view answer) {
  return count_markdown(remove_code_blocks(answer));
}

Json style_meta_to_json(const StyleMeta& m) {
  Json headers = Json::object();
  for (size_t i = 0; i < 6; ++i) headers["h" + std::to_string(i + 1)] = m.counts.headers[i];
  return {
      {"token_len", m.token_len},
      {"header_count", headers},
      {"list_count", {{"ordered", m.counts.list_ordered}, {"unordered", m.counts.list_unordered}}},
      {"bold_count", {{"**", m.counts.bold_star}, {"__", m.counts.bold_under}}}};
}

nlohmann::ordered_json style_meta_to_ordered_json(const StyleMeta& m) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["token_len"] = m.token_len;
  nlohmann::ordered_json& headers = out["header_count"];
  for (size_t i = 0; i < 6; ++i) headers["h" + std::to_string(i + 1)] = m.counts.headers[i];
  out["list_count"]["ordered"] = m.counts.list_ordered;
  out["list_count"]["unordered"] = m.counts.list_unordered;
  out["bold_count"]["**"] = m.counts.bold_star;
  out["bold_count"]["__"] = m.counts.bold_under;
  return out;
}

Expected<StyleMeta> style_meta_from_json(const Json& j, const std::string& where) {
  if (!j.is_object()) return Error{where + ": expected an object"};
  StyleMeta m;
  auto tl = read_count(j, "token_len", where);
  if (!tl) return tl.error();
  m.token_len = *tl;
  auto sub = [&](const char* key) -> Expected<Json> {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Json::object();
    if (!it->is_object()) return Error{where + ": field '" + key + "': expected an object"};
    return *it;
  };
  auto h = sub("header_count");
  auto l = sub("list_count");
  auto b = sub("bold_count");
  for (auto* e : {&h, &l, &b}) {
    if (!*e) return e->error();
  }
  for (size_t i = 0; i < 6; ++i) {
    std::string key = "h" + std::to_string(i + 1);
    auto v = read_count(*h, key.c_str(), where + ": header_count");
    if (!v) return v.error();
    m.counts.headers[i] = *v;
  }
  auto lo = read_count(*l, "ordered", where + ": list_count");
  auto lu = read_count(*l, "unordered", where + ": list_count");
  auto bs = read_count(*b, "**", where + ": bold_count");
  auto bu = read_count(*b, "__", where + ": bold_count");
  for (auto* e : {&lo, &lu, &bs, &bu}) {
    if (!*e) return e->error();
  }
  m.counts.list_ordered = *lo;
  m.counts.list_unordered = *lu;
  m.counts.bold_star = *bs;
  m.counts.bold_under = *bu;
  return m;
}

}  // namespace ys::arena
