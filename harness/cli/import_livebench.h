// `yardstick import livebench PATH --model NAME [--suite-opt KEY=VALUE]...`: stores LiveBench
// model_answer files (PATH/<category>/<task>/model_answer/NAME.jsonl, as gen_api_answer.py writes
// them) as one complete run of the `livebench` suite and scores them with our scorers, without
// calling a model. Every selected question becomes a sample; those NAME has no answer for stay
// unanswered (the leaderboard flags the model). Each record keeps its own text, answer_id and
// token count; "$ERROR$" answers are stored as failed requests (score 0, counted as errors).
// Importing the same files again updates the same run. Format: docs/suites/livebench.md.
#pragma once

#include <string>
#include <vector>

#include "harness/cli/commands.h"

namespace ys::cli {

int import_livebench(const std::string& path, const std::string& model,
                     const std::vector<std::string>& suite_opts, const GlobalOptions& global);

}  // namespace ys::cli
