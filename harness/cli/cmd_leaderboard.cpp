// `yardstick leaderboard`: the terminal table of stored runs.
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/store_view.h"
#include "reports/terminal_table.h"

namespace ys::cli {

namespace {
struct Flags {
  RunFilter filter;
  bool by_category = false;
  bool ascii = false;
};
}  // namespace

CommandRunner setup_leaderboard(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("--suite", f->filter.suites, "Only these suites (repeatable)");
  sub.add_option("--model", f->filter.models, "Only these models (repeatable)");
  sub.add_flag("--by-category", f->by_category, "A row per category under each run");
  sub.add_flag("--ascii", f->ascii, "Plain ASCII instead of box-drawing characters");
  return [f, &global] {
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    auto data = load_report_data(**store, f->filter, false);
    if (!data) return fail(kExitRunFailed, data.error().message);
    if (data->runs.empty()) return fail(kExitBadInput, "no stored runs match");
    ReportOptions options = terminal_options();
    options.by_category = f->by_category;
    if (f->ascii) options.unicode = false;
    std::cout << render_terminal_table(*data, options);
    return kExitOk;
  };
}

}  // namespace ys::cli
