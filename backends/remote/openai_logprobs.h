// Log-likelihoods from the logprobs of OpenAI-style /completions replies, in both shapes servers
// use (docs/backends-remote.md, "loglik"):
//   legacy  choices[0].logprobs = {tokens, token_logprobs, top_logprobs: [{token: lp}],
//   text_offset}
//           (OpenAI's completions API, vLLM)
//   content choices[0].logprobs = {content: [{token, logprob, bytes, top_logprobs: [{token,
//           logprob, bytes}]}]} (the chat API's shape; llama.cpp's llama-server uses it for
//           /completions too, and has no echo)
//
// Each reader returns a LogprobReading: the result, or a problem that is either a malformed
// reply or a capability the server lacks (unsupported: no logprobs at all, no echo of the prompt,
// no top_logprobs). Pure functions; they never throw on any JSON.
#pragma once

#include <string>
#include <vector>

#include "harness/core/types.h"

namespace ys::remote {

// How a loglik request is answered (model option `loglik`).
enum class LoglikMode {
  echo,          // one call per continuation: prompt = context + continuation, echo + logprobs
  top_logprobs,  // one call: the context, one generated token, its top kTopLogprobs alternatives
};

inline constexpr int kTopLogprobs = 20;

struct LogprobReading {
  std::vector<LoglikResult> logliks;  // echo: one result; top_logprobs: one per continuation
  std::string problem;                // "" when logliks is valid
  bool unsupported = false;           // the problem is a missing capability, not a bad reply
};

// Echo mode: the continuation's tokens are those that start at or after the end of the context
// (legacy: text_offset in code points; content: the echoed tokens' bytes laid end to end).
LogprobReading read_echo_loglik(const Json& choice, const std::string& context,
                                const std::string& continuation);

// Top-logprobs mode: each continuation's log-prob is that of the first generated token's
// alternative whose text equals it. A continuation not among them gets n_tokens 0 and, as its
// logprob, the lowest listed (an upper bound of its true value); is_greedy marks the top entry.
LogprobReading read_first_token_logliks(const Json& choice,
                                        const std::vector<std::string>& continuations);

}  // namespace ys::remote
