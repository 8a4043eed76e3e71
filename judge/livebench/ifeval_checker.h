// IFEval instruction checkers as LiveBench runs them (livebench/if_runner/
// instruction_following_eval/instructions.py): one function per instruction id, listed in ONE
// table (ifeval_checkers(), ifeval_checkers.cpp). A checker gets the instruction's kwargs (the
// question's kwargs entry with its null values removed, as LiveBench's read_prompt_list does)
// and the response, and says whether the instruction was followed. A missing or mistyped kwarg
// is an Error naming it (LiveBench would draw a random value there; we refuse instead).
//
// The strict evaluation around the checkers (an all-whitespace response follows nothing) is the
// caller's (instruction_following.cpp). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::livebench {

using IfevalCheckFn = Expected<bool> (*)(const Json& kwargs, std::string_view response);

struct IfevalChecker {
  std::string_view id;  // e.g. "keywords:existence"
  IfevalCheckFn check;
};

const std::vector<IfevalChecker>& ifeval_checkers();

// The checker for an instruction id, or nullptr when it is not supported.
const IfevalChecker* find_ifeval_checker(std::string_view id);

// Words as IFEval counts them: nltk's RegexpTokenizer(r"\w+") tokens (Python's Unicode \w).
size_t ifeval_count_words(std::string_view text);

// kwargs access for the checkers: the value, or an Error naming the kwarg.
Expected<long long> kwarg_int(const Json& kwargs, const char* name);
Expected<std::string> kwarg_string(const Json& kwargs, const char* name);
Expected<std::vector<std::string>> kwarg_strings(const Json& kwargs, const char* name);

// "less than" -> true, "at least" -> false; anything else is an Error.
Expected<bool> kwarg_relation_is_less(const Json& kwargs);

// The checker functions, by group (one file each).
Expected<bool> check_keywords_existence(const Json& kwargs, std::string_view response);
Expected<bool> check_forbidden_words(const Json& kwargs, std::string_view response);
Expected<bool> check_number_sentences(const Json& kwargs, std::string_view response);
Expected<bool> check_number_words(const Json& kwargs, std::string_view response);
Expected<bool> check_number_paragraphs(const Json& kwargs, std::string_view response);
Expected<bool> check_nth_paragraph_first_word(const Json& kwargs, std::string_view response);
Expected<bool> check_bullet_lists(const Json& kwargs, std::string_view response);
Expected<bool> check_multiple_sections(const Json& kwargs, std::string_view response);
Expected<bool> check_title(const Json& kwargs, std::string_view response);
Expected<bool> check_json_format(const Json& kwargs, std::string_view response);
Expected<bool> check_constrained_response(const Json& kwargs, std::string_view response);
Expected<bool> check_postscript(const Json& kwargs, std::string_view response);
Expected<bool> check_end_checker(const Json& kwargs, std::string_view response);
Expected<bool> check_quotation(const Json& kwargs, std::string_view response);
Expected<bool> check_two_responses(const Json& kwargs, std::string_view response);
Expected<bool> check_repeat_prompt(const Json& kwargs, std::string_view response);

}  // namespace ys::livebench
