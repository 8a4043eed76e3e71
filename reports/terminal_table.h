// Terminal leaderboard: one line per run (model, suite, score %, 95% CI, n, errors, unparsed,
// tokens, mean latency), grouped by suite and sorted by score, then the comparability notes.
// Options: by_category (a row per category under each run), width (drops tokens, latency,
// unparsed and CI columns in that order, then cuts model and suite names, to fit), unicode (box
// drawing or ASCII), color (ANSI; the caller enables it only for a TTY). Every string from data is
// passed through terminal_safe, so no escape sequence from a model name reaches the terminal.
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

std::string render_terminal_table(const ReportData& data, const ReportOptions& options);

// Options for writing to stdout: colour only on a TTY without NO_COLOR, width from COLUMNS or the
// terminal (0 when not a TTY), unicode when LC_ALL/LC_CTYPE/LANG mentions UTF-8.
ReportOptions terminal_options();

}  // namespace ys
