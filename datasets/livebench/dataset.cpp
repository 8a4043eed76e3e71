#include "datasets/livebench/dataset.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include "harness/core/hash.h"

namespace ys::livebench {
namespace {

namespace fs = std::filesystem;

struct TaskDir {
  std::string category, task, dir;
  bool has_questions = false;
};

bool is_task_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p / "question.jsonl", ec) || fs::is_directory(p / "model_answer", ec);
}

std::vector<fs::path> subdirs(const fs::path& p) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(p, ec))
    if (e.is_directory(ec)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TaskDir task_dir(const fs::path& dir, const std::string& category) {
  std::error_code ec;
  return {category, dir.filename().string(), dir.string(),
          fs::is_regular_file(dir / "question.jsonl", ec)};
}

// Task folders at depth 0 (root is a task), 1 (root is a category) or 2 (root is live_bench).
Expected<std::vector<TaskDir>> find_task_dirs(const std::string& root) {
  std::error_code ec;
  const fs::path r = fs::path(root).lexically_normal();
  if (!fs::is_directory(r, ec)) return Error{root + ": not a folder"};
  std::vector<TaskDir> out;
  if (is_task_dir(r)) {
    out.push_back(task_dir(r, r.parent_path().filename().string()));
    return out;
  }
  for (const fs::path& a : subdirs(r)) {
    if (is_task_dir(a)) {
      out.push_back(task_dir(a, r.filename().string()));
      continue;
    }
    for (const fs::path& b : subdirs(a))
      if (is_task_dir(b)) out.push_back(task_dir(b, a.filename().string()));
  }
  if (out.empty())
    return Error{root +
                 ": no LiveBench task folders (expected <category>/<task>/question.jsonl, as "
                 "LiveBench's download scripts lay them out)"};
  return out;
}

Status check_names(const std::vector<std::string>& wanted, const std::set<std::string>& present,
                   const char* what) {
  for (const auto& w : wanted) {
    if (present.count(w)) continue;
    std::string list;
    for (const auto& p : present) list += (list.empty() ? "" : ", ") + p;
    return Error{std::string("livebench: ") + what + " '" + w +
                 "' is not in the data (found: " + list + ")"};
  }
  return ok_status();
}

bool listed(const std::vector<std::string>& list, const std::string& name) {
  return list.empty() || std::find(list.begin(), list.end(), name) != list.end();
}

std::string fingerprint_of(const std::vector<TaskData>& tasks) {
  Sha256 h;
  for (const auto& t : tasks) {
    for (const auto& q : t.questions) {
      h.update(q.record.dump(-1, ' ', false, Json::error_handler_t::replace));
      h.update("\n");
    }
  }
  return h.hex_digest();
}

}  // namespace

Expected<Dataset> load_livebench_dataset(const std::string& root,
                                         const DatasetSelection& selection) {
  auto dirs = find_task_dirs(root);
  if (!dirs) return dirs.error();
  std::set<std::string> categories, tasks;
  for (const auto& d : *dirs) {
    categories.insert(d.category);
    tasks.insert(d.task);
  }
  if (auto st = check_names(selection.categories, categories, "category"); !st) return st.error();
  if (auto st = check_names(selection.tasks, tasks, "task"); !st) return st.error();
  Dataset data;
  data.root = root;
  for (const auto& d : *dirs) {
    if (!listed(selection.categories, d.category) || !listed(selection.tasks, d.task)) continue;
    if (!d.has_questions) {
      data.tasks_without_questions.push_back(d.category + "/" + d.task);
      continue;
    }
    auto file =
        load_question_file((fs::path(d.dir) / "question.jsonl").string(), d.category, d.task);
    if (!file) return file.error();
    TaskData t{d.category, d.task, d.dir, {}, 0, file->stats};
    for (const auto& q : file->questions)
      data.newest_release = std::max(data.newest_release, q.release_date);
    t.questions = std::move(file->questions);
    data.tasks.push_back(std::move(t));
  }
  std::sort(data.tasks.begin(), data.tasks.end(), [](const TaskData& a, const TaskData& b) {
    return std::tie(a.category, a.task) < std::tie(b.category, b.task);
  });
  std::sort(data.tasks_without_questions.begin(), data.tasks_without_questions.end());
  select_release(data, selection.release);
  return data;
}

void select_release(Dataset& data, const std::string& release) {
  for (auto& t : data.tasks) {
    const auto out =
        std::stable_partition(t.questions.begin(), t.questions.end(),
                              [&](const Question& q) { return in_release(q, release); });
    t.n_outside_release += static_cast<int64_t>(t.questions.end() - out);
    t.questions.erase(out, t.questions.end());
  }
  data.fingerprint = fingerprint_of(data.tasks);
}

}  // namespace ys::livebench
