#include <catch2/catch.hpp>

#include "judge/arena/leaderboard_table.h"

using namespace ys::arena;

TEST_CASE("the text leaderboard is sorted and shows the baseline at 50.0 (-0.0 / +0.0)") {
  Leaderboard b;
  b.baseline = "base";
  b.judges = {"judge-1"};
  b.method = "plain bootstrap";
  b.rounds = 100;
  b.rows = {{"weak", 0.123, 0.101, 0.150, 300.0, 10, false},
            {"base", 0.5, 0.5, 0.5, 500.0, 0, true},
            {"strong", 0.871, 0.850, 0.893, std::nullopt, 10, false}};
  sort_leaderboard(b);
  CHECK(b.rows[0].model == "strong");
  CHECK(b.rows[1].model == "base");
  CHECK(b.rows[2].model == "weak");
  CHECK(format_ci(b.rows[1]) == "(-0.0 / +0.0)");
  CHECK(format_ci(b.rows[0]) == "(-2.1 / +2.2)");
  std::string text = render_leaderboard_text(b);
  CHECK(text.find("Model") != std::string::npos);
  CHECK(text.find("90% CI") != std::string::npos);
  CHECK(text.find("87.1") != std::string::npos);
  CHECK(text.find("12.3") != std::string::npos);
  CHECK(text.find("50.0") != std::string::npos);
  CHECK(text.find("strong") < text.find("weak"));
}

TEST_CASE("the JSON leaderboard carries rows, interval widths and hygiene") {
  Leaderboard b;
  b.baseline = "base";
  b.rows = {{"m", 0.6, 0.55, 0.7, std::nullopt, 4, false}, {"base", 0.5, 0.5, 0.5, 10.0, 0, true}};
  b.hygiene.n_games = 8;
  b.hygiene.n_null_games = 2;
  ys::Json j = leaderboard_to_json(b);
  CHECK(j["schema"] == "ys-arena-leaderboard/1");
  REQUIRE(j["rows"].size() == 2);
  CHECK(j["rows"][0]["ci_minus"].get<double>() == Approx(0.05));
  CHECK(j["rows"][0]["avg_tokens"].is_null());
  CHECK(j["rows"][1]["is_baseline"] == true);
  CHECK(j["hygiene"]["null_share"].get<double>() == Approx(0.25));
}
