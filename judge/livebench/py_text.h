// Python str operations on UTF-8 text, as LiveBench's IFEval checkers use them: strip() and
// split() with Python's whitespace (str.isspace), lower() and isupper()/islower() of one
// character, and case-insensitive search for a literal. Invalid UTF-8 bytes count as one
// character that is neither space, word, upper nor lower (Python would see U+FFFD).
//
// Case mapping covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (one-to-one
// mappings only); other scripts are left as they are (docs/suites/livebench.md, "Known
// differences"). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ys::livebench {

// str.strip() / lstrip() / rstrip() with no argument.
std::string_view py_strip(std::string_view s);
std::string_view py_lstrip(std::string_view s);
std::string_view py_rstrip(std::string_view s);

// str.split() with no argument: runs of whitespace separate, empty pieces dropped.
std::vector<std::string_view> py_split_ws(std::string_view s);

// str.split(sep) with a literal separator: every piece, empty ones included.
std::vector<std::string_view> py_split(std::string_view s, std::string_view sep);

// str.lower().
std::string py_lower(std::string_view s);

// The first character's isupper() / islower() (false for an empty string).
bool py_first_is_upper(std::string_view s);
bool py_first_is_lower(std::string_view s);

// Whether `needle` occurs in `haystack` when both are lowered (re.search with IGNORECASE on a
// pattern without metacharacters). With `word_bounds`, the match must also stand between \b
// boundaries (Python's Unicode \w).
bool py_contains_icase(std::string_view haystack, std::string_view needle, bool word_bounds);

// Whether `s` is a plain literal for Python's re: no metacharacter that would change its meaning.
bool py_is_plain_literal(std::string_view s);

}  // namespace ys::livebench
