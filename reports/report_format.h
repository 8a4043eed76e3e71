// Report formats: the one table of them, the options they read, and the entry point that renders a
// ReportData in a named format. Every format reads only ReportData (never a backend or the store);
// rendering is pure and thread-safe. Formats and their columns are documented in docs/reports.md.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "reports/report_data.h"

namespace ys {

struct ReportOptions {
  // table: per-category rows under each run.
  bool by_category = false;
  // table: terminal width in columns; 0 = unlimited. Narrow widths drop columns, then cut names.
  int width = 0;
  // table: box-drawing characters and "…" (true) or plain ASCII (false).
  bool unicode = true;
  // table: ANSI colours. Set only when writing to a terminal (see terminal_options()).
  bool color = false;
  // html: at most this many samples per run are embedded in the sample browser (failures first);
  // the rest are counted. Default: all of them.
  int max_samples_per_run = std::numeric_limits<int>::max();
  // html: bootstrap resamples behind each interval of the pairwise matrix (judge/stats/paired.h).
  int pairwise_bootstrap_rounds = 200;
  // html, junit: longer texts (response, reasoning, request) are cut to this many code points.
  int max_text_chars = 4000;
  // junit: a sample passes when its status is ok and score >= this; unset means score > 0.
  std::optional<double> junit_pass_score;
};

using ReportRenderer = std::string (*)(const ReportData& data, const ReportOptions& options);

struct ReportFormat {
  const char* name;         // what --format takes
  const char* description;  // one line, for --help
  const char* extension;    // suggested file extension, with the dot
  ReportRenderer render;
};

// All formats, in the order --help lists them.
const std::vector<ReportFormat>& report_formats();

// The format called `name`, or nullptr.
const ReportFormat* find_report_format(const std::string& name);

// Renders `data` as `format`. Errors: an unknown format name (the message lists the known ones),
// or an unexpected failure inside a renderer. Never throws.
Expected<std::string> render_report(const std::string& format, const ReportData& data,
                                    const ReportOptions& options);

}  // namespace ys
