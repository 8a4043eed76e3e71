#include "suites/mmlu_pro/loglik_score.h"

#include <cmath>
#include <string_view>

namespace ys::mmlu_pro {

namespace {

constexpr std::string_view kLetters = "ABCDEFGHIJ";

Score failed(std::string why) {
  Score s;
  s.status = ScoreStatus::error;
  s.value = 0.0;
  if (!why.empty()) s.detail["error"] = std::move(why);
  return s;
}

// nlohmann::json writes non-finite numbers as null; say what they were instead.
Json logprob_json(double v) {
  if (std::isfinite(v)) return v;
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

}  // namespace

Score score_mmlu_pro_loglik(const Item& item, const Response& response) {
  if (!response.ok()) return failed("");
  const Json& ref = item.reference;
  const int64_t n_options = ref.value("n_options", int64_t{0});
  const std::string answer = ref.value("answer", std::string());
  const auto& ll = response.logliks;
  if (n_options < 1 || n_options > static_cast<int64_t>(kLetters.size()) ||
      static_cast<int64_t>(ll.size()) != n_options) {
    return failed("expected one log-likelihood per option (" + std::to_string(n_options) +
                  "), got " + std::to_string(ll.size()));
  }
  int best = -1;
  Json logprobs = Json::array();
  for (size_t i = 0; i < ll.size(); ++i) {
    logprobs.push_back(logprob_json(ll[i].logprob));
    if (std::isnan(ll[i].logprob) || ll[i].n_tokens == 0) continue;  // not measured
    if (best < 0 || ll[i].logprob > ll[static_cast<size_t>(best)].logprob)
      best = static_cast<int>(i);
  }
  Score s;
  s.method = kMmluProLoglikMethod;
  s.detail["logprobs"] = std::move(logprobs);
  if (best < 0) {
    s.status = ScoreStatus::unparsed;
    s.value = 0.0;
    return s;
  }
  s.extracted = std::string(1, kLetters[static_cast<size_t>(best)]);
  s.value = s.extracted == answer ? 1.0 : 0.0;
  s.detail["is_greedy"] = ll[static_cast<size_t>(best)].is_greedy;
  return s;
}

}  // namespace ys::mmlu_pro
