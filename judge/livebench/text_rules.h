// Text rules shared by LiveBench's ground-truth scorers, each reproducing one helper or regex of
// LiveBench's livebench/process_results code (docs/suites/livebench.md cites each source).
// Strings are UTF-8; where LiveBench counts Python characters (slices such as s[-50:]) the helpers
// count code points. Case folding is ASCII only. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ys::livebench {

// util.py last_boxed_only_string: the last "\boxed{...}" (brace-matched) or "\fbox{...}", with
// '$' removed and fbox renamed boxed; a "\boxed " (with a space) anywhere wins and runs to the
// next '$'. nullopt when there is none or its braces never close.
std::optional<std::string> last_boxed_only(std::string_view s);

// util.py remove_boxed: the content of what last_boxed_only returned.
std::string remove_boxed(std::string_view boxed);

// re.findall(open + "(.*?)" + close, s): every non-overlapping match, the inner text never
// crossing a newline (Python's '.' without DOTALL).
std::vector<std::string> find_all_between(std::string_view s, std::string_view open,
                                          std::string_view close);

// The same with DOTALL (the inner text may hold newlines).
std::vector<std::string> find_all_between_dotall(std::string_view s, std::string_view open,
                                                 std::string_view close);

// re.findall(r'<solution>(.*?)</solution>', s).
std::vector<std::string> solution_tags(std::string_view s);

// re.findall(r'\*\*(.*?)\*\*', s).
std::vector<std::string> bold_spans(std::string_view s);

std::string replace_all(std::string s, std::string_view from, std::string_view to);
std::string lower_ascii(std::string s);
std::string strip(std::string_view s);  // Python str.strip(): whitespace at both ends
std::vector<std::string> split(std::string_view s, std::string_view sep);  // str.split(sep)
std::vector<std::string> split_ws(std::string_view s);                     // str.split()
bool contains(std::string_view s, std::string_view part);

// Python s[-n:] and s[:n] in code points.
std::string tail_chars(std::string_view s, size_t n);
size_t count_chars(std::string_view s);

// Python str.isdigit() for one byte-char (ASCII digits; the olympiad scorer's only use).
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Levenshtein distance between two int sequences (util.py levenshtein_distance).
int levenshtein(const std::vector<int>& a, const std::vector<int>& b);

}  // namespace ys::livebench
