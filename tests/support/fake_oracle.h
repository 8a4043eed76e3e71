// The fake server's "oracle" script, used by ys-fake-server, the README demo and the benchmark.
//
// Model ids "oracle-NN" (NN = 0..100) answer with the reference of the prompt they are asked when
// fnv1a64(prompt + "\n" + model) % 100 < NN, and with a plausible wrong answer otherwise; other
// model ids get default_reply. Optional fixed latency and a deterministic share of requests that
// fail with HTTP 500 on their first attempt. The script is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "tests/support/fake_server.h"

namespace ys::test {

struct OracleOptions {
  int latency_ms = 0;
  double fail_rate = 0.0;  // share in [0, 1] of distinct requests whose first attempt gets 500
  std::unordered_map<std::string, std::string> answers;  // prompt -> reference text
};

// Reads a custom-suite JSONL file (each line has "prompt" or "messages", and "reference") into
// options.answers. Returns "" on success, else an error naming file:line and the field.
std::string load_oracle_answers(const std::string& path, OracleOptions& options);

FakeScript make_oracle_script(OracleOptions options);

// 64-bit FNV-1a, the hash behind every "deterministic" choice the fake server makes.
uint64_t fake_hash(const std::string& text);

// The wrong answer the oracle gives for a reference: the next letter for a single letter A-Z,
// the number plus one for an integer, else "I am not sure.".
std::string oracle_wrong_answer(const std::string& reference);

}  // namespace ys::test
