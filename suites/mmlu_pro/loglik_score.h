// Scoring of MMLU-Pro by log-likelihood (protocol=loglik, docs/suites/mmlu-pro.md): the option
// letter with the highest log-probability is the model's answer.
//
// Input: an Item planned by the loglik protocol (reference {"answer", "n_options"}) and its
// Response, whose logliks hold one result per continuation " A", " B", ... in order.
//   - failed request                      -> status error, value 0
//   - logliks.size() != n_options          -> status error, value 0, detail.error says why
//   - every logprob NaN or unmeasured      -> status unparsed, value 0, extracted ""
//   - otherwise extracted = the letter of the largest logprob (NaN never wins, nor a result with
//     n_tokens 0: a letter the backend did not measure, e.g. one missing from the first token's
//     top_logprobs; on a tie the earlier letter wins), value 1 if it equals the answer else 0,
//     method "loglik-argmax", detail {"logprobs": [...], "is_greedy": whether the chosen letter's
//     tokens were greedy}
// Never throws. Pure, thread-safe.
#pragma once

#include "harness/core/types.h"

namespace ys::mmlu_pro {

inline constexpr const char* kMmluProLoglikMethod = "loglik-argmax";

Score score_mmlu_pro_loglik(const Item& item, const Response& response);

}  // namespace ys::mmlu_pro
