#include "harness/run/finalize.h"

namespace ys {

Status finalize_run_scores(Store& store, const std::string& run_id, const Suite& suite) {
  if (!suite.has_run_level_scoring()) return ok_status();
  auto samples = store.samples(run_id);
  if (!samples) return samples.error();
  std::vector<Item> items;
  std::vector<Score> scores;
  for (const auto& s : *samples) {
    if (!s.score) continue;
    const SampleLink& l = s.link;
    items.push_back(Item{l.item_id, l.category, l.request, l.reference, l.meta});
    scores.push_back(*s.score);
  }
  std::vector<const Item*> views;
  views.reserve(items.size());
  for (const auto& item : items) views.push_back(&item);
  const std::vector<size_t> changed = suite.finalize_scores(views, scores);
  if (changed.empty()) return ok_status();
  std::vector<std::pair<std::string, Score>> rows;
  rows.reserve(changed.size());
  for (size_t i : changed) rows.emplace_back(items[i].id, std::move(scores[i]));
  return store.put_scores(run_id, rows);
}

}  // namespace ys
