#include "judge/livebench/instruction_following.h"

#include "judge/livebench/ifeval_checker.h"
#include "judge/livebench/py_text.h"

namespace ys::livebench {
namespace {

// read_prompt_list drops the null kwargs before build_description sees them.
Json non_null_kwargs(const Json& kwargs) {
  Json out = Json::object();
  for (auto it = kwargs.begin(); it != kwargs.end(); ++it) {
    if (!it->is_null()) out[it.key()] = *it;
  }
  return out;
}

}  // namespace

Expected<std::vector<bool>> follow_instruction_list(const Question& question,
                                                    std::string_view response) {
  const Json& record = question.record;
  const auto ids = record.find("instruction_id_list");
  const auto kwargs = record.find("kwargs");
  if (ids == record.end() || !ids->is_array()) {
    return Error{"field 'instruction_id_list' is missing or not a list"};
  }
  if (kwargs == record.end() || !kwargs->is_array() || kwargs->size() != ids->size()) {
    return Error{"field 'kwargs' is missing, not a list, or not as long as instruction_id_list"};
  }
  const bool blank = py_strip(response).empty();
  std::vector<bool> followed;
  for (size_t i = 0; i < ids->size(); ++i) {
    const Json& id = (*ids)[i];
    const IfevalChecker* checker =
        id.is_string() ? find_ifeval_checker(id.get<std::string>()) : nullptr;
    if (!checker) return Error{"instruction " + id.dump() + " is not supported"};
    if (!(*kwargs)[i].is_object())
      return Error{"kwargs[" + std::to_string(i) + "] is not an object"};
    auto ok = checker->check(non_null_kwargs((*kwargs)[i]), response);
    if (!ok) return Error{std::string(checker->id) + ": " + ok.error().message};
    followed.push_back(!blank && *ok);
  }
  return followed;
}

TaskScore score_instruction_following(const Question& question, std::string_view answer,
                                      const ScoreContext&) {
  TaskScore score;
  score.method = "ifeval-strict";
  // gen_ground_truth_judgment.py strips the answer (after removing <think> blocks) before the
  // instruction-following evaluation sees it.
  auto followed = follow_instruction_list(question, py_strip(answer));
  if (!followed) {
    score.status = ScoreStatus::error;
    score.detail["reason"] = followed.error().message;
    return score;
  }
  size_t n_followed = 0;
  for (bool f : *followed) n_followed += f ? 1 : 0;
  const size_t n = followed->size();
  const bool all = n_followed == n;
  // LiveBench divides by the list's length; a question without instructions would divide by zero
  // there, and scores as "all followed" here.
  const double share = n ? static_cast<double>(n_followed) / static_cast<double>(n) : 1.0;
  score.value = ((all ? 1.0 : 0.0) + share) / 2.0;
  score.extracted = std::to_string(n_followed) + "/" + std::to_string(n) + " instructions followed";
  score.detail["follow_instruction_list"] = *followed;
  score.detail["follow_all_instructions"] = all;
  score.detail["instruction_id_list"] = question.record.at("instruction_id_list");
  return score;
}

}  // namespace ys::livebench
