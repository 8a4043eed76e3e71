#include "reports/html_matrix.h"

#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "judge/stats/hypothesis.h"
#include "judge/stats/paired.h"
#include "reports/html_parts.h"
#include "reports/report_common.h"

namespace ys::html {
namespace {

const MetricSummary* find_category(const RunSummary& run, const std::string& category) {
  for (const auto& [name, m] : run.by_category) {
    if (name == category) return &m;
  }
  return nullptr;
}

std::string heat_cell(const MetricSummary* m) {
  if (m == nullptr) return "<td class=\"num\" data-v=\"-1\">-</td>";
  return "<td class=\"num heat\" style=\"background:" + heat_colour(m->mean) + "\" data-v=\"" +
         format_fixed(m->mean, 6) + "\" title=\"95% CI " + esc(format_ci_percent(*m)) +
         ", n = " + std::to_string(m->n) + "\">" + esc(format_percent(m->mean)) + "</td>";
}

std::string heatmap_table(const SuiteRuns& suite) {
  std::set<std::string> categories;
  for (const RunSummary* run : suite.runs) {
    for (const auto& [name, m] : run->by_category) categories.insert(name);
  }
  if (categories.empty()) return "";
  std::vector<std::string> titles = {"category"};
  for (const RunSummary* run : suite.runs) titles.push_back(run->model);
  std::string out = "<h3>" + esc(suite.suite) + "</h3>\n<table class=\"sortable heatmap\">" +
                    header_row(titles) + "<tbody>\n";
  for (const std::string& category : categories) {
    out += "<tr>" + td(category);
    for (const RunSummary* run : suite.runs) out += heat_cell(find_category(*run, category));
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

struct PairCell {
  PairedComparison c;
  double p_holm = 1;
};

std::string delta_cell(const PairCell& cell, bool flipped, double alpha) {
  const PairedComparison& c = cell.c;
  const double sign = flipped ? -1 : 1;
  const double diff = sign * c.diff * 100;
  const double lo = (flipped ? -c.ci_high : c.ci_low) * 100;
  const double hi = (flipped ? -c.ci_low : c.ci_high) * 100;
  const bool significant = cell.p_holm < alpha;
  const char* cls = !significant ? "d-ns" : diff > 0 ? "d-up" : "d-down";
  const std::string title =
      std::string(c.paired ? "paired" : "unpaired") + ", n = " + std::to_string(c.n_common) +
      ", 95% CI [" + format_fixed(lo, 1) + ", " + format_fixed(hi, 1) +
      "] points, p = " + format_fixed(c.p_value, 4) + " (" + c.method +
      "), Holm p = " + format_fixed(cell.p_holm, 4) + (c.warning.empty() ? "" : "; " + c.warning);
  return "<td class=\"num " + std::string(cls) + "\" title=\"" + esc(title) + "\">" +
         (diff > 0 ? "+" : "") + format_fixed(diff, 1) + (significant ? "*" : "") + "</td>";
}

std::string pairwise_table(const SuiteRuns& suite,
                           const std::map<std::string, std::vector<SampleRow>>& samples,
                           const ReportOptions& options) {
  std::vector<const RunSummary*> runs;
  for (const RunSummary* run : suite.runs)
    if (samples.count(run->run_id)) runs.push_back(run);
  if (runs.size() < 2) return "";
  PairedOptions stats;
  stats.bootstrap_rounds = options.pairwise_bootstrap_rounds;
  std::map<std::pair<size_t, size_t>, PairCell> cells;
  std::vector<double> p_values;
  for (size_t i = 0; i < runs.size(); ++i) {
    for (size_t j = i + 1; j < runs.size(); ++j) {
      const bool same = runs[i]->dataset_fingerprint == runs[j]->dataset_fingerprint;
      cells[{i, j}].c =
          compare_paired(samples.at(runs[i]->run_id), samples.at(runs[j]->run_id), stats, same);
      p_values.push_back(cells[{i, j}].c.p_value);
    }
  }
  const std::vector<double> adjusted = holm_adjust(p_values);
  size_t k = 0;
  for (auto& [key, cell] : cells) cell.p_holm = adjusted[k++];
  std::vector<std::string> titles = {"row − column"};
  for (const RunSummary* run : runs) titles.push_back(run->model);
  std::string out = "<h3>" + esc(suite.suite) + "</h3>\n<table class=\"pairwise\">" +
                    header_row(titles) + "<tbody>\n";
  for (size_t i = 0; i < runs.size(); ++i) {
    out += "<tr><th>" + esc(runs[i]->model) + "</th>";
    for (size_t j = 0; j < runs.size(); ++j) {
      if (i == j) {
        out += "<td class=\"diag\"></td>";
      } else {
        const bool flipped = i > j;
        out += delta_cell(cells.at(flipped ? std::pair{j, i} : std::pair{i, j}), flipped, 0.05);
      }
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace

std::string heatmap_section(const ReportData& data) {
  std::string tables;
  for (const SuiteRuns& suite : runs_by_suite(data)) tables += heatmap_table(suite);
  if (tables.empty()) return "";
  return "<section id=\"heatmap\"><h2>Per category (score %)</h2>\n" + tables + "</section>\n";
}

std::string pairwise_section(const ReportData& data, const ReportOptions& options) {
  std::map<std::string, std::vector<SampleRow>> samples;
  // Only what the comparison reads, not the texts.
  for (const SampleRow& s : data.samples) {
    SampleRow slim;
    slim.item_id = s.item_id;
    slim.score = s.score;
    slim.status = s.status;
    samples[s.run_id].push_back(std::move(slim));
  }
  std::string tables;
  for (const SuiteRuns& suite : runs_by_suite(data))
    tables += pairwise_table(suite, samples, options);
  if (tables.empty()) return "";
  return "<section id=\"pairwise\"><h2>Pairwise differences</h2>\n<p class=\"cap\">Each cell: "
         "the row model's score minus the column model's, in points, over the items both "
         "answered (paired bootstrap 95% CI from " +
         std::to_string(options.pairwise_bootstrap_rounds) +
         " resamples, exact McNemar test for 0/1 scores, sign-flip test otherwise; hover for "
         "details). <b>*</b>: significant at 5% after Holm's adjustment over the pairs of the "
         "suite; green and red cells are significant gains and losses.</p>\n" +
         tables + "</section>\n";
}

}  // namespace ys::html
