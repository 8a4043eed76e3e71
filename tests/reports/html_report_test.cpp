// Hostile strings from the fixture (model name, item id, category, outputs) must reach the page
// only as text. Expected escaped forms are written out by hand.
#include "reports/html_report.h"

#include <catch2/catch.hpp>

#include "tests/reports/report_fixture.h"

namespace {

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

std::string page(int max_samples = 200) {
  ys::ReportOptions options;
  options.max_samples_per_run = max_samples;
  return ys::render_html_report(ys::testing::report_fixture(), options);
}

}  // namespace

TEST_CASE("the HTML page contains no hostile string unescaped", "[html]") {
  const std::string html = page();
  CHECK(count(html, "<script") == 1);  // the page's own sorting script only
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  CHECK(html.find("</td><td>evil") == std::string::npos);
  CHECK(html.find("decide</td>") == std::string::npos);
  CHECK(html.find("onmouseover=\"") == std::string::npos);
  CHECK(html.find("\"'&") == std::string::npos);
}

TEST_CASE("the HTML page shows hostile strings as escaped text", "[html]") {
  const std::string html = page();
  CHECK(html.find("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>") != std::string::npos);
  CHECK(html.find("<td>x&quot; onmouseover=&quot;alert(1)</td>") != std::string::npos);
  CHECK(html.find("<td>&lt;/td&gt;&lt;td&gt;evil</td>") != std::string::npos);
  CHECK(html.find("<td>&quot;&#39;&amp;</td>") != std::string::npos);
  CHECK(html.find("I cannot decide&lt;/td&gt;&lt;/tr&gt;") != std::string::npos);
}

TEST_CASE("the HTML page carries no control bytes or invalid UTF-8 from model output", "[html]") {
  const std::string html = page();
  CHECK(html.find('\x1b') == std::string::npos);
  CHECK(html.find('\xff') == std::string::npos);
  CHECK(html.find("bad byte \xEF\xBF\xBD here") != std::string::npos);
}

TEST_CASE("the HTML page is self-contained", "[html]") {
  const std::string html = page();
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.rfind("</html>\n") == html.size() - 8);
}

TEST_CASE("the HTML page caps the samples listed per run and says so", "[html]") {
  const std::string html = page(2);
  CHECK(html.find("Showing 2 of 5 samples, failures first") != std::string::npos);
  CHECK(html.find("Showing 2 of 4 samples, failures first") != std::string::npos);
  // Errors first: the errored q4 of run alpha is listed although it is the fourth sample.
  CHECK(html.find("request timed out after 60000 ms") != std::string::npos);
  CHECK(html.find("Showing 2 of 3 samples") != std::string::npos);
}

TEST_CASE("the HTML page lists comparability notes", "[html]") {
  const std::string html = page();
  CHECK(html.find("<h2>Comparability notes</h2>") != std::string::npos);
  CHECK(html.find("runs differ in dataset fingerprint") != std::string::npos);
  CHECK(html.find("is incomplete: 3 of 4 items done") != std::string::npos);
}

TEST_CASE("the HTML page cuts long texts at the configured length", "[html]") {
  ys::ReportData data = ys::testing::report_fixture();
  data.samples[0].response_text = std::string(50, 'x') + "TAIL";
  ys::ReportOptions options;
  options.max_text_chars = 50;
  const std::string html = ys::render_html_report(data, options);
  CHECK(html.find("TAIL") == std::string::npos);
  CHECK(html.find("cut at 50 of 54 characters") != std::string::npos);
}
