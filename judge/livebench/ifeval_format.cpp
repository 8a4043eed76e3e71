// detectable_format:* and detectable_content:postscript (IFEval BulletListChecker,
// SectionChecker, TitleChecker, JsonFormat, ConstrainedResponseChecker, PostscriptChecker).
#include <regex>

#include "judge/livebench/ifeval_checker.h"
#include "judge/livebench/py_text.h"
#include "judge/mmlu_pro/python_word.h"

namespace ys::livebench {
namespace {

size_t space_at(std::string_view s, size_t p) {
  const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(s, p);
  return (c.size_bytes && c.code_point != 0xFFFD && mmlu_pro::is_python_space(c.code_point))
             ? c.size_bytes
             : 0;
}

size_t line_end(std::string_view s, size_t p) {
  const size_t nl = s.find('\n', p);
  return nl == std::string_view::npos ? s.size() : nl;
}

// re.findall(r"^\s*<marker>...$", s, re.MULTILINE) for the two bullet patterns: at each line start
// \s* takes every whitespace (newlines too), then the marker must follow. With `star`, the marker
// is "*" followed by any character but "*" (a newline included, as [^\*] allows).
size_t count_line_markers(std::string_view s, bool star) {
  size_t count = 0;
  size_t p = 0;
  while (p <= s.size()) {
    if (p != 0 && s[p - 1] != '\n') {
      p = line_end(s, p) + 1;
      continue;
    }
    size_t q = p;
    while (q < s.size() && space_at(s, q)) q += space_at(s, q);
    bool hit;
    size_t rest = q + 1;
    if (star) {
      hit = q + 1 < s.size() && s[q] == '*' && s[q + 1] != '*';
      rest = q + 1 + (hit ? std::max<size_t>(1, mmlu_pro::utf8_char_at(s, q + 1).size_bytes) : 0);
    } else {
      hit = q < s.size() && s[q] == '-';
    }
    if (hit) {
      ++count;
      p = line_end(s, std::min(rest, s.size())) + 1;
    } else {
      // Every line start up to q reaches the same q and fails the same way.
      p = line_end(s, std::min(q, s.size())) + 1;
    }
  }
  return count;
}

Expected<std::regex> compile(const std::string& pattern) {
  try {
    return std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Error{"pattern '" + pattern + "' is not valid: " + e.what()};
  }
}

std::string_view remove_prefix(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix ? s.substr(prefix.size()) : s;
}

}  // namespace

Expected<bool> check_bullet_lists(const Json& kwargs, std::string_view response) {
  auto expected = kwarg_int(kwargs, "num_bullets");
  if (!expected) return expected.error();
  const size_t n = count_line_markers(response, true) + count_line_markers(response, false);
  return static_cast<long long>(n) == *expected;
}

// Sections start with "<spliter> <number>": the number of re.split pieces minus one is the
// number of occurrences of the spliter followed by at most one whitespace and a digit.
Expected<bool> check_multiple_sections(const Json& kwargs, std::string_view response) {
  auto spliter = kwarg_string(kwargs, "section_spliter");
  if (!spliter) return spliter.error();
  auto expected = kwarg_int(kwargs, "num_sections");
  if (!expected) return expected.error();
  const std::string marker(py_strip(*spliter));
  long long count = 0;
  if (py_is_plain_literal(marker) && !marker.empty()) {
    auto digit = [&](size_t p) {
      return p < response.size() && response[p] >= '0' && response[p] <= '9';
    };
    for (size_t at = response.find(marker); at != std::string_view::npos;
         at = response.find(marker, at + 1)) {
      const size_t after = at + marker.size();
      if (digit(after) || digit(after + space_at(response, after))) ++count;
    }
  } else {
    auto re = compile("\\s?" + marker + "\\s?\\d+\\s?");
    if (!re) return re.error();
    const std::string text(response);
    count =
        std::distance(std::sregex_iterator(text.begin(), text.end(), *re), std::sregex_iterator());
  }
  return count >= *expected;
}

// A title: <<...>> on one line (the regex is greedy, so it runs to the line's last ">>") whose
// text, without the brackets, is not blank.
Expected<bool> check_title(const Json&, std::string_view response) {
  size_t p = 0;
  while (p < response.size()) {
    const size_t end = line_end(response, p);
    const std::string_view line = response.substr(p, end - p);
    const size_t close = line.rfind(">>");
    for (size_t open = line.find("<<"); open != std::string_view::npos;) {
      if (close == std::string_view::npos || close < open + 3) {
        open = line.find("<<", open + 1);
        continue;
      }
      std::string_view title = line.substr(open, close + 2 - open);
      while (!title.empty() && title.front() == '<') title.remove_prefix(1);
      while (!title.empty() && title.back() == '>') title.remove_suffix(1);
      if (!py_strip(title).empty()) return true;
      open = line.find("<<", close + 2);
    }
    p = end + 1;
  }
  return false;
}

Expected<bool> check_json_format(const Json&, std::string_view response) {
  std::string_view v = py_strip(response);
  for (std::string_view prefix : {"```json", "```Json", "```JSON", "```"}) {
    v = remove_prefix(v, prefix);
  }
  if (v.size() >= 3 && v.substr(v.size() - 3) == "```") v.remove_suffix(3);
  v = py_strip(v);
  return Json::accept(v);
}

Expected<bool> check_constrained_response(const Json&, std::string_view response) {
  const std::string_view v = py_strip(response);
  for (std::string_view option : {"My answer is yes.", "My answer is no.", "My answer is maybe."}) {
    if (v.find(option) != std::string_view::npos) return true;
  }
  return false;
}

// A line (of the lowered response) holding the marker. IFEval's patterns for "P.S." and
// "P.P.S" allow one whitespace after each period inside the marker; any other marker is a regex.
Expected<bool> check_postscript(const Json& kwargs, std::string_view response) {
  auto marker = kwarg_string(kwargs, "postscript_marker");
  if (!marker) return marker.error();
  const std::string m(py_strip(*marker));
  const std::string lowered = py_lower(response);
  std::vector<std::string_view> parts;
  if (m == "P.P.S") {
    parts = {"p.", "p.", "s"};
  } else if (m == "P.S.") {
    parts = {"p.", "s."};
  } else if (m.find_first_of("^$*+?{}[]\\|()") == std::string::npos) {
    auto re = compile(py_lower(m));
    if (!re) return re.error();
    return std::regex_search(lowered, *re);
  } else {
    return Error{"postscript marker '" + m + "' is not supported"};
  }
  for (size_t at = lowered.find(parts[0]); at != std::string::npos;
       at = lowered.find(parts[0], at + 1)) {
    size_t p = at + parts[0].size();
    bool ok = true;
    for (size_t i = 1; i < parts.size() && ok; ++i) {
      if (lowered.compare(p, parts[i].size(), parts[i]) != 0) p += space_at(lowered, p);
      ok = lowered.compare(p, parts[i].size(), parts[i]) == 0;
      p += parts[i].size();
    }
    if (ok) return true;
  }
  return false;
}

}  // namespace ys::livebench
