// Turns a FakeReply into the bytes the fake server writes, in the wire format of the route asked
// for (OpenAI chat/completions or Anthropic messages). Pure functions; docs/fake-server.md is the
// reference for every shape produced here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/fake_server.h"

namespace ys::test {

struct RenderedReply {
  std::vector<std::string> writes;  // written in order
  bool close_after = false;         // close the connection after the writes (cut stream, errors)
  bool hang = false;                // write nothing and hold the connection until shutdown
  // After `writes`: this many bytes of 'x', made as the socket takes them (so a reply of
  // gigabytes costs the server no memory), then filler_tail.
  size_t filler_bytes = 0;
  std::string filler_tail = {};
};

RenderedReply render_reply(const std::string& path, const nlohmann::json& body,
                           const FakeReply& reply, int index, bool keep_alive);

// The fake tokenizer: each token is a run of spaces followed by a run of letters/digits (bytes
// >= 0x80 count as letters) or by one other character. Concatenating the tokens gives the text.
std::vector<std::string> fake_tokens(const std::string& text);

// Deterministic log-prob of a token: -0.1 per byte. A token with an upper-case ASCII letter is
// not the argmax: its lower-case form is, with log-prob -0.05.
double fake_token_logprob(const std::string& token);

}  // namespace ys::test
