#include "reports/html_parts.h"

#include <algorithm>
#include <cmath>

#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys::html {

std::string esc(const std::string& text) {
  return html_escape(text);
}

std::string td(const std::string& text) {
  return "<td>" + esc(text) + "</td>";
}

std::string td_num(const std::string& shown, double value) {
  return "<td class=\"num\" data-v=\"" + format_fixed(value, 6) + "\">" + esc(shown) + "</td>";
}

std::string header_row(const std::vector<std::string>& titles) {
  std::string out = "<thead><tr>";
  for (const std::string& t : titles) out += "<th>" + esc(t) + "</th>";
  return out + "</tr></thead>\n";
}

std::string num(double value) {
  return format_fixed(std::isfinite(value) ? value : 0.0, 2);
}

std::vector<SuiteRuns> runs_by_suite(const ReportData& data) {
  std::vector<SuiteRuns> out;
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    if (out.empty() || out.back().suite != run->suite) out.push_back({run->suite, {}});
    out.back().runs.push_back(run);
  }
  return out;
}

std::string format_usd(const std::optional<double>& usd) {
  if (!usd) return "-";
  return "$" + format_fixed(*usd, *usd < 0.01 ? 6 : *usd < 1 ? 4 : 2);
}

std::string heat_colour(double fraction) {
  const double f = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
  return "hsl(" + format_fixed(f * 120, 0) + ",65%,78%)";
}

}  // namespace ys::html
