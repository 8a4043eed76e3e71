#include "harness/run/progress.h"

#include <catch2/catch.hpp>

using namespace ys;

TEST_CASE("the progress line shows done/total, rate, tokens, ETA and errors") {
  ProgressState s;
  s.total = 200;
  s.done = 50;
  s.errors = 3;
  s.tokens = 25000;
  s.elapsed_ms = 10000;  // 5 req/s -> 150 left take 30 s
  std::string line = TerminalProgress::format_line("m on s", s, false);
  CHECK(line.find("m on s 50/200 (25%)") == 0);
  CHECK(line.find("5.0 req/s") != std::string::npos);
  CHECK(line.find("2500 tok/s") != std::string::npos);
  CHECK(line.find("ETA 0:30") != std::string::npos);
  CHECK(line.find("errors 3") != std::string::npos);
  std::string bar = TerminalProgress::format_line("", s, true);
  CHECK(bar.find("[#####...............]") == 0);
}

TEST_CASE("requests waiting to be retried show as waiting, with the time to the next retry") {
  ProgressState s;
  s.total = 10;
  s.done = 4;
  s.elapsed_ms = 1000;
  CHECK(TerminalProgress::format_line("", s, false).find("waiting") == std::string::npos);
  s.waiting = 2;
  s.wait_left_ms = 125000;
  CHECK(TerminalProgress::format_line("", s, false).find("| waiting 2 to retry, next in 2:05") !=
        std::string::npos);
}

TEST_CASE("durations print as m:ss or h:mm:ss and unknown as --:--") {
  CHECK(format_duration(0) == "0:00");
  CHECK(format_duration(65) == "1:05");
  CHECK(format_duration(3725) == "1:02:05");
  CHECK(format_duration(NAN) == "--:--");
}
