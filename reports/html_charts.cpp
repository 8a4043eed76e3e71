#include "reports/html_charts.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "reports/html_parts.h"
#include "reports/pareto.h"
#include "reports/report_common.h"

namespace ys::html {
namespace {

constexpr double kLabelWidth = 230, kBarWidth = 420, kRowHeight = 22;

double pct(double fraction) {
  return std::clamp(fraction, 0.0, 1.0) * 100;
}

// One bar: the mean, a whisker over [ci_low, ci_high] with end caps, the value on the right.
std::string score_bar(const RunSummary& run, double y) {
  const double scale = kBarWidth / 100;
  const double x0 = kLabelWidth, mid = y + kRowHeight / 2;
  const double lo = x0 + pct(run.score.ci_low) * scale, hi = x0 + pct(run.score.ci_high) * scale;
  std::string out = "<g class=\"bar\"><title>" + esc(run.model) + ": " +
                    format_percent(run.score.mean) + "% (95% CI " +
                    esc(format_ci_percent(run.score)) + ", n = " + std::to_string(run.score.n) +
                    ")</title>";
  out += "<text x=\"" + num(x0 - 6) + "\" y=\"" + num(mid + 4) + "\" text-anchor=\"end\">" +
         esc(run.model) + "</text>";
  out += "<rect x=\"" + num(x0) + "\" y=\"" + num(y + 3) + "\" width=\"" +
         num(pct(run.score.mean) * scale) + "\" height=\"" + num(kRowHeight - 6) + "\"/>";
  out += "<path class=\"ci\" d=\"M" + num(lo) + " " + num(mid) + "H" + num(hi) + "M" + num(lo) +
         " " + num(mid - 5) + "V" + num(mid + 5) + "M" + num(hi) + " " + num(mid - 5) + "V" +
         num(mid + 5) + "\"/>";
  out += "<text x=\"" + num(x0 + kBarWidth + 8) + "\" y=\"" + num(mid + 4) + "\">" +
         format_percent(run.score.mean) + "</text></g>";
  return out;
}

std::string score_chart(const SuiteRuns& suite) {
  const double height = kRowHeight * static_cast<double>(suite.runs.size()) + 24;
  const double width = kLabelWidth + kBarWidth + 60;
  std::string out = "<h3>" + esc(suite.suite) + "</h3>\n<svg class=\"chart bars\" width=\"" +
                    num(width) + "\" height=\"" + num(height) + "\" role=\"img\">";
  for (int tick = 0; tick <= 100; tick += 25) {
    const double x = kLabelWidth + tick * kBarWidth / 100;
    out += "<line class=\"grid\" x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"0\" y2=\"" +
           num(height - 18) + "\"/><text class=\"tick\" x=\"" + num(x) + "\" y=\"" +
           num(height - 4) + "\" text-anchor=\"middle\">" + std::to_string(tick) + "%</text>";
  }
  for (size_t i = 0; i < suite.runs.size(); ++i)
    out += score_bar(*suite.runs[i], kRowHeight * static_cast<double>(i));
  return out + "</svg>\n";
}

struct Axis {
  const char* title;
  std::function<double(const RunSummary&)> value;
};

// One scatter plot: x = axis.value(run), y = score %. Lower x and higher y are better. Without
// any x above 0 (imported outputs record no tokens or latency) a note instead of the plot.
std::string scatter(const SuiteRuns& suite, const Axis& axis) {
  constexpr double w = 340, h = 230, left = 44, right = 12, top = 10, bottom = 34;
  std::vector<ParetoPoint> points;
  double x_max = 0;
  for (const RunSummary* run : suite.runs) {
    points.push_back({axis.value(*run), pct(run->score.mean)});
    if (std::isfinite(points.back().x)) x_max = std::max(x_max, points.back().x);
  }
  if (x_max <= 0) {
    return "<p class=\"cap\">No " + esc(axis.title) +
           " recorded for this suite's runs (imported outputs carry none), so no plot of score "
           "against it.</p>";
  }
  auto px = [&](double x) { return left + x / x_max * (w - left - right); };
  auto py = [&](double y) { return top + (100 - y) / 100 * (h - top - bottom); };
  std::string out = "<figure><svg class=\"chart scatter\" width=\"" + num(w) + "\" height=\"" +
                    num(h) + "\" role=\"img\">";
  out += "<path class=\"axis\" d=\"M" + num(left) + " " + num(top) + "V" + num(h - bottom) + "H" +
         num(w - right) + "\"/>";
  for (int tick = 0; tick <= 100; tick += 50) {
    out += "<text class=\"tick\" x=\"" + num(left - 4) + "\" y=\"" + num(py(tick) + 4) +
           "\" text-anchor=\"end\">" + std::to_string(tick) + "</text>";
  }
  out += "<text class=\"tick\" x=\"" + num(w - right) + "\" y=\"" + num(h - bottom + 14) +
         "\" text-anchor=\"end\">" + esc(format_fixed(x_max, x_max < 10 ? 3 : 0)) + "</text>";
  out += "<text class=\"tick\" x=\"" + num(left) + "\" y=\"" + num(h - bottom + 14) + "\">0</text>";
  const std::vector<size_t> front = pareto_front(points);
  std::string line;
  for (size_t i : front)
    line += (line.empty() ? "M" : "L") + num(px(points[i].x)) + " " + num(py(points[i].y));
  if (front.size() > 1) out += "<path class=\"front\" d=\"" + line + "\"/>";
  for (size_t i = 0; i < points.size(); ++i) {
    if (!std::isfinite(points[i].x)) continue;
    const bool on_front = std::find(front.begin(), front.end(), i) != front.end();
    out += "<g class=\"pt" + std::string(on_front ? " on-front" : "") + "\"><title>" +
           esc(suite.runs[i]->model) + ": " + format_fixed(points[i].y, 1) + "%, " +
           esc(format_fixed(points[i].x, 4)) + (on_front ? " (Pareto front)" : "") +
           "</title><circle cx=\"" + num(px(points[i].x)) + "\" cy=\"" + num(py(points[i].y)) +
           "\" r=\"5\"/><text x=\"" + num(px(points[i].x) + 7) + "\" y=\"" +
           num(py(points[i].y) - 6) + "\">" + esc(suite.runs[i]->model) + "</text></g>";
  }
  return out + "</svg><figcaption>score % against " + esc(axis.title) + "</figcaption></figure>";
}

}  // namespace

std::string score_bars_section(const ReportData& data) {
  std::string out =
      "<section id=\"scores\"><h2>Scores</h2>\n<p class=\"cap\">Bars: mean score; whiskers: 95% "
      "interval (see the footnote under Runs).</p>\n";
  for (const SuiteRuns& suite : runs_by_suite(data)) out += score_chart(suite);
  return out + "</section>\n";
}

std::string tradeoff_section(const ReportData& data) {
  std::string out =
      "<section id=\"tradeoffs\"><h2>Score against cost, tokens and latency</h2>\n<p "
      "class=\"cap\">Filled points joined by a line are the Pareto front: no other model has a "
      "higher score at a lower or equal cost (tokens, latency).</p>\n";
  for (const SuiteRuns& suite : runs_by_suite(data)) {
    bool all_priced = true;
    for (const RunSummary* run : suite.runs) all_priced = all_priced && run_cost_usd(data, *run);
    out += "<h3>" + esc(suite.suite) + "</h3>\n<div class=\"charts\">";
    if (all_priced) {
      out += scatter(suite, {"cost ($)", [&](const RunSummary& r) {
                               return run_cost_usd(data, r).value_or(NAN);
                             }});
    }
    out += scatter(suite, {"completion tokens per item", [](const RunSummary& r) {
                             return r.n_done ? static_cast<double>(r.completion_tokens) /
                                                   static_cast<double>(r.n_done)
                                             : NAN;
                           }});
    out += scatter(suite,
                   {"mean latency (ms)", [](const RunSummary& r) { return r.mean_latency_ms; }});
    out += "</div>\n";
  }
  return out + "</section>\n";
}

}  // namespace ys::html
