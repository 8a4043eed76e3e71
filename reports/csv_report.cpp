#include "reports/csv_report.h"

#include <optional>

#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys {
namespace {

// A cell is text (from outside: neutralised against spreadsheet formulas) or a number the harness
// formatted itself (written as is, so "-0.25" stays a number for the spreadsheet).
struct Cell {
  std::string value;
  bool numeric = false;
  Cell(std::string text) : value(std::move(text)) {}  // NOLINT: text is the common case
  Cell(const char* text) : value(text) {}             // NOLINT
  static Cell number(std::string formatted) {
    Cell c(std::move(formatted));
    c.numeric = true;
    return c;
  }
};

std::string csv_line(const std::vector<Cell>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += cells[i].numeric ? csv_field(cells[i].value) : csv_text_field(cells[i].value);
  }
  return out + "\r\n";
}

Cell score_field(double v) {
  return Cell::number(format_fixed(v, 6));
}
Cell fixed_field(double v, int decimals) {
  return Cell::number(format_fixed(v, decimals));
}
Cell count_field(int64_t v) {
  return Cell::number(std::to_string(v));
}

}  // namespace

std::string render_leaderboard_csv(const ReportData& data, const ReportOptions&) {
  const std::vector<std::string> metrics = metric_names(data.runs);
  std::vector<Cell> header = {"suite",
                              "model",
                              "run_id",
                              "model_identity",
                              "score",
                              "ci_low",
                              "ci_high",
                              "n",
                              "n_items",
                              "n_errors",
                              "n_unparsed",
                              "prompt_tokens",
                              "completion_tokens",
                              "mean_latency_ms",
                              "p50_latency_ms",
                              "p95_latency_ms",
                              "protocol_version",
                              "dataset_fingerprint"};
  for (const std::string& name : metrics) header.push_back("metric:" + name);
  const bool priced = !data.prices.empty();
  if (priced) header.push_back("cost_usd");
  std::string out = csv_line(header);
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    std::vector<Cell> row = {run->suite,
                             run->model,
                             run->run_id,
                             run->model_identity,
                             score_field(run->score.mean),
                             score_field(run->score.ci_low),
                             score_field(run->score.ci_high),
                             count_field(run->n_done),
                             count_field(run->n_items),
                             count_field(run->n_errors),
                             count_field(run->n_unparsed),
                             count_field(run->prompt_tokens),
                             count_field(run->completion_tokens),
                             fixed_field(run->mean_latency_ms, 1),
                             fixed_field(run->p50_latency_ms, 1),
                             fixed_field(run->p95_latency_ms, 1),
                             run->protocol_version,
                             run->dataset_fingerprint};
    for (const std::string& name : metrics) {
      const MetricSummary* m = find_metric(*run, name);
      row.push_back(m == nullptr ? Cell::number("") : score_field(m->mean));
    }
    if (priced) {
      const std::optional<double> cost = run_cost_usd(data, *run);
      row.push_back(Cell::number(cost ? format_fixed(*cost, 6) : ""));
    }
    out += csv_line(row);
  }
  return out;
}

std::string render_categories_csv(const ReportData& data, const ReportOptions&) {
  std::string out =
      csv_line({"suite", "model", "run_id", "category", "score", "ci_low", "ci_high", "n"});
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    for (const auto& [category, m] : run->by_category) {
      out += csv_line({run->suite, run->model, run->run_id, category, score_field(m.mean),
                       score_field(m.ci_low), score_field(m.ci_high), count_field(m.n)});
    }
  }
  return out;
}

std::string render_samples_csv(const ReportData& data, const ReportOptions&) {
  std::string out =
      csv_line({"run_id", "model", "suite", "item_id", "category", "status", "score", "extracted",
                "method", "finish_reason", "error_kind", "error", "prompt_tokens",
                "completion_tokens", "latency_ms", "metrics", "request", "response", "reasoning"});
  for (const SampleRow& s : data.samples) {
    out += csv_line({s.run_id, s.model, s.suite, s.item_id, s.category, to_string(s.status),
                     score_field(s.score), s.extracted, s.method, s.finish_reason, s.error_kind,
                     s.error, count_field(s.prompt_tokens), count_field(s.completion_tokens),
                     fixed_field(s.latency_ms, 1),
                     s.metrics.dump(-1, ' ', false, Json::error_handler_t::replace), s.request_text,
                     s.response_text, s.reasoning});
  }
  return out;
}

std::string render_arena_csv(const ReportData& data, const ReportOptions&) {
  std::string out =
      csv_line({"category", "baseline", "method", "model", "score", "ci_low", "ci_high", "ci_minus",
                "ci_plus", "avg_tokens", "n_rows", "is_baseline", "judges"});
  for (const arena::Leaderboard& board : data.arena) {
    std::string judges;
    for (const std::string& j : board.judges) judges += (judges.empty() ? "" : ";") + j;
    for (const arena::LeaderboardRow& row : board.rows) {
      out += csv_line({board.category, board.baseline, board.method, row.model,
                       score_field(row.score), score_field(row.lower), score_field(row.upper),
                       score_field(row.score - row.lower), score_field(row.upper - row.score),
                       row.avg_tokens ? fixed_field(*row.avg_tokens, 1) : Cell::number(""),
                       count_field(row.n_rows), Cell::number(row.is_baseline ? "true" : "false"),
                       judges});
    }
  }
  return out;
}

}  // namespace ys
