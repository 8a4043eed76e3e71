// `yardstick report`: renders stored runs in one of the report formats to a file or stdout.
#include <fstream>
#include <iostream>

#include "harness/cli/arena_view.h"
#include "harness/cli/commands.h"
#include "harness/cli/livebench_view.h"
#include "harness/cli/store_view.h"
#include "harness/config/config.h"
#include "reports/report_format.h"

namespace ys::cli {

namespace {
struct Flags {
  RunFilter filter;
  std::string format = "table";
  std::string out;
  std::string config;
  bool by_category = false;
  int max_samples = -1;
};

std::string format_help() {
  std::string s = "Output format:";
  for (const auto& f : report_formats()) s += std::string("\n  ") + f.name + ": " + f.description;
  return s;
}
}  // namespace

CommandRunner setup_report(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("-f,--format", f->format, format_help())->capture_default_str();
  sub.add_option("-o,--out", f->out, "Output file (default: stdout)");
  sub.add_option("--suite", f->filter.suites, "Only these suites (repeatable)");
  sub.add_option("--model", f->filter.models, "Only these models (repeatable)");
  sub.add_flag("--by-category", f->by_category, "Per-category rows (table format)");
  sub.add_option("--max-samples", f->max_samples,
                 "Samples per run embedded in HTML, failures first (default: all)");
  sub.add_option("-c,--config", f->config,
                 "YAML config whose `prices` give cost columns ($ per million tokens)");
  return [f, &global] {
    const ReportFormat* format = find_report_format(f->format);
    if (!format) {
      std::string known;
      for (const auto& x : report_formats())
        known += std::string(known.empty() ? "" : ", ") + x.name;
      return fail(kExitBadInput,
                  "unknown report format '" + f->format + "' (known: " + known + ")");
    }
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    bool summary_only = f->format == "table" || f->format == "csv";
    auto data = load_report_data(**store, f->filter, !summary_only);
    if (!data) return fail(kExitRunFailed, data.error().message);
    if (auto st = add_arena_boards(**store, *data); !st)
      return fail(kExitRunFailed, st.error().message);
    if (auto st = add_livebench_boards(**store, *data); !st)
      return fail(kExitRunFailed, st.error().message);
    if (!f->config.empty()) {
      auto cfg = load_config(f->config);
      if (!cfg) return fail(kExitBadInput, cfg.error().message);
      for (const auto& [model, p] : cfg->prices)
        data->prices[model] = ModelPrice{p.input_usd_per_mtok, p.output_usd_per_mtok};
    }
    ReportOptions options;
    options.by_category = f->by_category;
    if (f->max_samples >= 0) options.max_samples_per_run = f->max_samples;
    auto text = render_report(f->format, *data, options);
    if (!text) return fail(kExitRunFailed, text.error().message);
    if (f->out.empty()) {
      std::cout << *text;
      return kExitOk;
    }
    std::ofstream out(f->out, std::ios::binary);
    out << *text;
    if (!out) return fail(kExitRunFailed, "cannot write '" + f->out + "'");
    if (!global.quiet) std::cerr << "wrote " << f->out << " (" << format->name << ")\n";
    return kExitOk;
  };
}

}  // namespace ys::cli
