// The `custom` suite: a user's JSONL file of items, each scored by one of four rule scorers.
// File format (docs/suite-format.md): one JSON object per line with
//   id (string, unique), prompt (string) or messages ([{role, content}]), reference,
//   scorer ("exact" | "contains" | "regex" | "choice"), and optional system, params, category,
//   choices (list of option texts, for "choice").
// Loading validates every line; the first problem comes back as "FILE:LINE: field 'x': ...".
#pragma once

#include <memory>
#include <string>

#include "harness/core/suite.h"

namespace ys {

// spec.target: path of the JSONL file. spec.options: {"name": display name (default: file stem)}.
Expected<std::unique_ptr<Suite>> make_custom_suite(const SuiteSpec& spec);

// The scorers, exposed for tests. `reference` is what the item carries (string, list of strings,
// or for choice a letter); `n_options` only matters for choice (0 = unknown).
Score score_exact(const std::string& response, const Json& reference);
Score score_contains(const std::string& response, const Json& reference);
Score score_regex(const std::string& response, const Json& reference);
Score score_choice(const std::string& response, const Json& reference, int n_options);

}  // namespace ys
