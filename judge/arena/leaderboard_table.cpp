#include "judge/arena/leaderboard_table.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace ys::arena {
namespace {

std::string fixed1(double x) {
  char buf[64];
  double r = std::round(x * 10.0) / 10.0;
  std::snprintf(buf, sizeof buf, "%.1f", r == 0.0 ? 0.0 : r);  // no "-0.0"
  return buf;
}

std::string fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string pad(const std::string& s, size_t width, bool right) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

}  // namespace

void sort_leaderboard(Leaderboard& board) {
  std::stable_sort(board.rows.begin(), board.rows.end(),
                   [](const LeaderboardRow& a, const LeaderboardRow& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.model < b.model;
                   });
}

std::string format_ci(const LeaderboardRow& row) {
  return "(-" + fixed1((row.score - row.lower) * 100.0) + " / +" +
         fixed1((row.upper - row.score) * 100.0) + ")";
}

Json leaderboard_to_json(const Leaderboard& b) {
  Json rows = Json::array();
  for (const LeaderboardRow& r : b.rows) {
    rows.push_back({{"model", r.model},
                    {"score", r.score},
                    {"lower", r.lower},
                    {"upper", r.upper},
                    {"ci_minus", r.score - r.lower},
                    {"ci_plus", r.upper - r.score},
                    {"avg_tokens", r.avg_tokens ? Json(*r.avg_tokens) : Json(nullptr)},
                    {"n_rows", r.n_rows},
                    {"is_baseline", r.is_baseline}});
  }
  Json style = Json::array();
  for (const StyleCoefficient& s : b.style) {
    style.push_back(
        {{"name", s.name}, {"median", s.median}, {"lower", s.lower}, {"upper", s.upper}});
  }
  const JudgeHygiene& h = b.hygiene;
  return {{"schema", "ys-arena-leaderboard/1"},
          {"category", b.category},
          {"baseline", b.baseline},
          {"judges", b.judges},
          {"method", b.method},
          {"rounds", b.rounds},
          {"seed", b.seed},
          {"ci", b.ci},
          {"null_rule", b.null_rule},
          {"n_pairs", b.n_pairs},
          {"n_games_dropped", b.n_games_dropped},
          {"rows", rows},
          {"style", style},
          {"hygiene",
           {{"position_inconsistency", h.position_inconsistency()},
            {"n_pairs_both_valid", h.n_pairs_both_valid},
            {"n_position_inconsistent", h.n_position_inconsistent},
            {"null_share", h.null_share()},
            {"n_games", h.n_games},
            {"n_null_games", h.n_null_games}}},
          {"warnings", h.warnings}};
}

std::string render_leaderboard_text(const Leaderboard& b) {
  std::ostringstream out;
  out << "Arena-Hard  category: " << (b.category.empty() ? "(all)" : b.category)
      << "  baseline: " << b.baseline << "\n";
  out << "judges: ";
  for (size_t i = 0; i < b.judges.size(); ++i) out << (i ? ", " : "") << b.judges[i];
  out << "  method: " << b.method << "  ";
  if (b.rounds > 0) {
    out << b.ci << " CI from " << b.rounds << " bootstrap rounds (seed " << b.seed << ")\n\n";
  } else {
    out << "full-data estimate, no resampling (no CI)\n\n";
  }
  std::vector<std::array<std::string, 4>> cells = {
      {"Model", "Score (%)", "CI (-x / +y)", "avg tokens"}};
  for (const LeaderboardRow& r : b.rows) {
    cells.push_back({r.model, fixed1(r.score * 100.0), format_ci(r),
                     r.avg_tokens ? fixed(*r.avg_tokens, 0) : "-"});
  }
  std::array<size_t, 4> width{};
  for (const auto& row : cells) {
    for (size_t c = 0; c < 4; ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (const auto& row : cells) {
    out << pad(row[0], width[0], false) << " | " << pad(row[1], width[1], true) << " | "
        << pad(row[2], width[2], false) << " | " << pad(row[3], width[3], true) << "\n";
  }
  if (!b.style.empty()) {
    out << "\nstyle coefficients (median " << (b.ci == "95%" ? "[2.5%, 97.5%]" : "[5%, 95%]")
        << "):";
    for (const StyleCoefficient& s : b.style) {
      out << "  " << s.name << " " << fixed(s.median, 3) << " [" << fixed(s.lower, 3) << ", "
          << fixed(s.upper, 3) << "]";
    }
    out << "\n";
  }
  const JudgeHygiene& h = b.hygiene;
  out << "\njudge hygiene: position inconsistency " << fixed1(h.position_inconsistency() * 100.0)
      << "% of " << h.n_pairs_both_valid << " questions; null verdicts "
      << fixed1(h.null_share() * 100.0) << "% of " << h.n_games << " games (rule " << b.null_rule
      << ": " << b.n_games_dropped << " games dropped)\n";
  for (const std::string& w : h.warnings) out << "WARNING: " << w << "\n";
  return out.str();
}

}  // namespace ys::arena
