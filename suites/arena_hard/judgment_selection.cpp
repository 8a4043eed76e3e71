#include "suites/arena_hard/judgment_selection.h"

#include <set>

#include "suites/arena_hard/judging.h"

namespace ys::arena {
namespace {

Expected<std::string> choose_baseline(const std::vector<const ArenaJudgment*>& in,
                                      const std::string& category, const std::string& given) {
  if (!given.empty()) return given;
  std::string found;
  for (const ArenaJudgment* j : in) {
    if (j->baseline.empty()) continue;
    if (found.empty()) found = j->baseline;
    if (j->baseline != found) {
      return Error{"judgments name different baselines ('" + found + "' and '" + j->baseline +
                   "'); choose a category (--category) or a baseline (--baseline MODEL)"};
    }
  }
  if (!found.empty()) return found;
  if (std::string d = default_baseline(category); !d.empty()) return d;
  return Error{"no baseline known for category '" + category +
               "': the judgments do not name one (legacy v0.1 files do not); pass --baseline MODEL "
               "(v0.1: gpt-4-0314), or -q QUESTIONS so that the questions give the category"};
}

}  // namespace

std::string strip_model_path(const std::string& model) {
  size_t slash = model.rfind('/');
  return slash == std::string::npos ? model : model.substr(slash + 1);
}

std::vector<std::string> JudgmentSelection::warnings() const {
  std::vector<std::string> out;
  if (n_repeated > 0) {
    out.push_back(std::to_string(n_repeated) +
                  " judgment lines repeat an earlier (judge, model, question); every copy is "
                  "counted, as upstream's show_result.py does");
  }
  if (n_self > 0) {
    out.push_back(std::to_string(n_self) + " judgments of the baseline '" + baseline +
                  "' against itself; counted as upstream does (a row of its own in the plain "
                  "table, part of the fit with style control)");
  }
  if (n_prefixed > 0) {
    out.push_back(std::to_string(n_prefixed) +
                  " judgments name their model as 'org/model'; ranked under the name after the "
                  "last '/', as upstream does");
  }
  return out;
}

Expected<JudgmentSelection> select_judgments(const std::vector<ArenaJudgment>& all,
                                             const std::string& category,
                                             const std::string& baseline) {
  std::vector<const ArenaJudgment*> in;
  for (const ArenaJudgment& j : all) {
    if (category.empty() || j.category.empty() || j.category == category) in.push_back(&j);
  }
  if (in.empty()) {
    return Error{"no judgments" +
                 (category.empty() ? std::string() : " in category '" + category + "'")};
  }
  auto chosen = choose_baseline(in, category, baseline);
  if (!chosen) return chosen.error();
  JudgmentSelection s;
  s.baseline = *chosen;
  std::set<std::string> seen, judges, models;
  for (const ArenaJudgment* j : in) {
    SelectedJudgment sj{j, strip_model_path(j->model)};
    if (sj.model != j->model) ++s.n_prefixed;
    if (!seen.insert(j->judge + '\x1f' + j->model + '\x1f' + j->uid).second) ++s.n_repeated;
    if (sj.model == s.baseline) {
      ++s.n_self;
    } else {
      models.insert(sj.model);
    }
    judges.insert(j->judge);
    s.judgments.push_back(std::move(sj));
  }
  s.judges.assign(judges.begin(), judges.end());
  s.models.assign(models.begin(), models.end());
  return s;
}

}  // namespace ys::arena
