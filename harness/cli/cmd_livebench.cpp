// `yardstick livebench leaderboard`: task, category and overall averages of the stored livebench
// runs (ours and imported), as LiveBench's show_livebench_result.py prints them, with bootstrap
// intervals; --samples writes the per-sample export. docs/suites/livebench.md.
#include <fstream>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/livebench_view.h"
#include "harness/cli/store_view.h"
#include "reports/livebench_report.h"
#include "reports/report_format.h"

namespace ys::cli {
namespace {

struct BoardFlags {
  LiveBenchQuery query;
  std::string format = "table", out, samples;
};

Status write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) return Error{"cannot write '" + path + "'"};
  return ok_status();
}

Expected<std::string> render(const BoardFlags& f, const LiveBenchData& lb) {
  ReportData data;
  data.generated_at = utc_now_iso();
  data.harness_version = harness_version();
  data.livebench = lb.boards;
  data.notes = lb.notes;
  if (f.format == "table") {
    std::string text;
    for (const auto& board : lb.boards)
      text += (text.empty() ? "" : "\n") + render_livebench_text(board);
    for (const auto& n : lb.notes) text += "note: " + n + "\n";
    return text;
  }
  if (f.format == "csv") return render_livebench_csv(data, ReportOptions{});
  return render_report(f.format, data, ReportOptions{});
}

int leaderboard(const BoardFlags& f, const GlobalOptions& global) {
  if (f.format != "table" && f.format != "csv" && f.format != "json" && f.format != "html")
    return fail(kExitBadInput, "--format '" + f.format + "': expected table, csv, json or html");
  auto store = open_existing_store(global.db);
  if (!store) return fail(kExitBadInput, store.error().message);
  auto lb = load_livebench_data(**store, f.query);
  if (!lb) return fail(kExitRunFailed, lb.error().message);
  if (lb->boards.empty())
    return fail(kExitBadInput,
                "no stored livebench runs match: run `yardstick run -s livebench:PATH ...` or "
                "`yardstick import livebench PATH --model NAME` first");
  if (!f.samples.empty()) {
    if (auto st = write_file(f.samples, livebench_samples_csv(*lb)); !st)
      return fail(kExitRunFailed, st.error().message);
    if (!global.quiet)
      std::cerr << "wrote " << f.samples << " (" << lb->samples.size() << " samples)\n";
  }
  auto text = render(f, *lb);
  if (!text) return fail(kExitRunFailed, text.error().message);
  if (f.out.empty()) {
    std::cout << *text;
    return kExitOk;
  }
  if (auto st = write_file(f.out, *text); !st) return fail(kExitRunFailed, st.error().message);
  if (!global.quiet) std::cerr << "wrote " << f.out << "\n";
  return kExitOk;
}

}  // namespace

CommandRunner setup_livebench(CLI::App& sub, const GlobalOptions& global) {
  sub.require_subcommand(1);
  auto f = std::make_shared<BoardFlags>();
  CLI::App* b = sub.add_subcommand(
      "leaderboard",
      "Task, category and overall averages (x100) with 95% CIs, as LiveBench prints");
  b->add_option("--release", f->query.release,
                "Only runs planned for this release (YYYY-MM-DD; default: one table per release)");
  b->add_option("--model", f->query.models, "Only these models (repeatable)");
  b->add_option("--rounds", f->query.board.rounds, "Bootstrap rounds")
      ->capture_default_str()
      ->check(kPositive);
  b->add_option("--seed", f->query.board.seed, "Bootstrap seed")->capture_default_str();
  b->add_option("-f,--format", f->format, "table | csv | json | html")->capture_default_str();
  b->add_option("-o,--out", f->out, "Output file (default: stdout)");
  b->add_option("--samples", f->samples,
                "Also write the per-sample CSV (extracted answer, method, why) to this file");
  return [=, &global] {
    if (b->parsed()) return leaderboard(*f, global);
    return kExitBadInput;
  };
}

}  // namespace ys::cli
