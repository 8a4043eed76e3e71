// The MMLU-Pro suite (issue 3): TIGER-Lab's published 5-shot chain-of-thought protocol with both
// published renderings, the official answer extraction, strict and official scores; and, with
// option protocol=loglik, the log-likelihood protocol of lm-evaluation-harness's leaderboard task.
//
// make_mmlu_pro_suite loads and validates the test split (spec.target, JSON list or JSONL) and the
// validation split (options: suites/mmlu_pro/options.h) up front, so every data error surfaces
// before any request is sent. plan() returns one Item per selected question, in file order:
//   id        question_id as decimal text
//   category  the record's category
//   request   chat (one user message) or completion (raw prompt); temperature 0, max_tokens
//             4000 chat / 2048 raw unless set, stop ["Question:"] for raw
//   reference {"answer": "C", "n_options": 7, "question_id": 42}
//   meta      {"k": examples used, "rendering": "chat"|"raw", "src": ..., and
//              "prompt_overflow": true when even k = 0 does not fit the context}
// With PlanContext.count_tokens and context_tokens set, examples are dropped one at a time (from
// the end) until count_tokens(prompt) < context_tokens - max_tokens, as evaluate_from_local.py
// does. score() is judge/mmlu_pro/score.h with the suite's scoring options. Thread-safe after
// creation.
//
// protocol=loglik: one loglik request per question (prompt: render_mmlu_pro_loglik, continuations
// " A".." J" for the options present), meta {"k", "protocol": "loglik", "src"}, examples dropped
// until count_tokens(prompt) < context_tokens - 2; planning fails unless
// PlanContext.supports_loglik. Such items are scored by score_mmlu_pro_loglik (loglik_score.h).
#pragma once

#include <memory>

#include "datasets/mmlu_pro/results.h"
#include "harness/core/expected.h"
#include "harness/core/suite.h"
#include "judge/mmlu_pro/score.h"

namespace ys::mmlu_pro {

inline constexpr const char* kMmluProSuiteName = "mmlu-pro";
// The suite name of protocol=loglik runs, so reports list them apart from the CoT ones.
inline constexpr const char* kMmluProLoglikSuiteName = "mmlu-pro-loglik";
inline constexpr const char* kMmluProProtocolVersion = "1";
// protocol=loglik (option letters scored by log-likelihood) is a different protocol: its runs never
// mix with chain-of-thought runs.
inline constexpr const char* kMmluProLoglikProtocolVersion = "loglik-1";

Expected<std::unique_ptr<Suite>> make_mmlu_pro_suite(const SuiteSpec& spec);

// Re-scoring published outputs (datasets/mmlu_pro/results.h). The Item is the one the chat
// rendering plans with k = 0 (the published prompt is not in the file) and meta
// {"rendering": "chat", "k": 0, "imported": true, "output_field": ..., "src": ...}; the Response
// carries the published text. Score them with score_mmlu_pro(item, response, scoring): published
// outputs go through the chat-rendering extraction ("**" removed, harmless when already removed).
Item mmlu_pro_item_for_import(const MmluProImportedRecord& record);
Response mmlu_pro_response_for_import(const MmluProImportedRecord& record);

// SuiteInfo for an imported run: name "mmlu-pro", this protocol version, the result files'
// fingerprint, config {"imported": true, "rendering": "chat", "k": 0, "strip_think", "seed",
// "official_draw"}.
SuiteInfo mmlu_pro_import_info(const MmluProImportedRun& run, const MmluProScoring& scoring);

}  // namespace ys::mmlu_pro
