// Writes the HTML report of the report fixture (tests/reports/report_fixture.h) to argv[1], with
// references added (one of them hostile), for html_browser_test.py to open in a real browser.
#include <fstream>
#include <iostream>

#include "reports/html_report.h"
#include "tests/reports/report_fixture.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: html_fixture_page OUT.html\n";
    return 2;
  }
  ys::ReportData data = ys::testing::report_fixture();
  data.references[ys::reference_key("mmlu-mini", "q1")] = "B";
  data.references[ys::reference_key("mmlu-mini", "q2")] =
      "</script><script>window.ysPwned = 1;</script><!--";
  data.prices["alpha-7b"] = ys::ModelPrice{0.5, 1.5};
  std::ofstream out(argv[1], std::ios::binary);
  out << ys::render_html_report(data, ys::ReportOptions{});
  return out ? 0 : 1;
}
