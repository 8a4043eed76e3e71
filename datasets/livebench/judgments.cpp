#include "datasets/livebench/judgments.h"

#include "harness/core/jsonl.h"

namespace ys::livebench {

Expected<JudgmentFile> load_judgment_file(const std::string& path) {
  JudgmentFile file;
  file.path = path;
  Status st = for_each_jsonl_object(path, [&](const Json& r, const JsonlWhere& where) {
    Judgment j;
    auto id = read_id(r, "question_id", where);
    if (!id) return Status(id.error());
    j.question_id = *id;
    auto model = read_string(r, "model", where);
    if (!model) return Status(model.error());
    j.model = *model;
    auto score = r.find("score");
    if (score == r.end() || !score->is_number())
      return Status(Error{where.at("score") + ": missing or not a number"});
    j.score = score->get<double>();
    j.task = read_optional_string(r, "task").value_or("");
    j.category = read_optional_string(r, "category").value_or("");
    if (j.score == -1.0) ++file.n_dropped;
    file.judgments.push_back(std::move(j));
    return ok_status();
  });
  if (!st) return st.error();
  return file;
}

}  // namespace ys::livebench
