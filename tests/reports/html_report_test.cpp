// Hostile strings from the fixture (model name, item id, category, outputs) must reach the page
// only as text: escaped in markup, and with no '<' inside the embedded JSON. Expected escaped
// forms, deltas and costs are written out by hand from the fixture
// (tests/reports/report_fixture.cpp).
#include "reports/html_report.h"

#include <catch2/catch.hpp>

#include "reports/html_samples.h"
#include "tests/reports/report_fixture.h"

namespace {

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

std::string page(int max_samples = 1000) {
  ys::ReportOptions options;
  options.max_samples_per_run = max_samples;
  return ys::render_html_report(ys::testing::report_fixture(), options);
}

std::string section(const std::string& html, const std::string& id) {
  const size_t start = html.find("<section id=\"" + id + "\">");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</section>", start) - start);
}

// The embedded sample JSON, between its element's tags.
std::string samples_json(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"ys-samples\">";
  const size_t start = html.find(open);
  if (start == std::string::npos) return "";
  return html.substr(start + open.size(), html.find("</script>", start) - start - open.size());
}

}  // namespace

TEST_CASE("the HTML page contains no hostile string unescaped", "[html]") {
  const std::string html = page();
  CHECK(count(html, "<script") == 2);  // the page's own data element and script
  CHECK(count(html, "</script>") == 2);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  CHECK(html.find("</td><td>evil") == std::string::npos);
  CHECK(html.find("decide</td>") == std::string::npos);
  CHECK(html.find("onmouseover=\"") == std::string::npos);
  CHECK(samples_json(html).find('<') == std::string::npos);
}

TEST_CASE("the HTML page shows hostile strings as escaped text", "[html]") {
  const std::string html = page();
  CHECK(html.find("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>") != std::string::npos);
  CHECK(html.find("<td>&lt;/td&gt;&lt;td&gt;evil</td>") != std::string::npos);
  CHECK(html.find(">&lt;script&gt;alert(1)&lt;/script&gt;</text>") != std::string::npos);  // SVG
  const std::string json = samples_json(html);
  CHECK(json.find("\"\\u003cscript>alert(1)\\u003c/script>\"") != std::string::npos);
  CHECK(json.find("\"x\\\" onmouseover=\\\"alert(1)\"") != std::string::npos);
  CHECK(json.find("\"\\\"'&\"") != std::string::npos);
  CHECK(json.find("\"I cannot decide\\u003c/td>\\u003c/tr>\"") != std::string::npos);
}

TEST_CASE("a string cannot close the sample data element", "[html]") {
  CHECK(ys::html::script_json_string("</script><!--x") == "\"\\u003c/script>\\u003c!--x\"");
  CHECK(ys::html::script_json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  ys::ReportData data = ys::testing::report_fixture();
  data.references[ys::reference_key("mmlu-mini", "q1")] = "</script><script>alert(2)</script>";
  const std::string html = ys::render_html_report(data, ys::ReportOptions{});
  CHECK(count(html, "</script>") == 2);
  CHECK(samples_json(html).find("\"\\u003c/script>\\u003cscript>alert(2)\\u003c/script>\"") !=
        std::string::npos);
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
  CHECK(html.find("http://www.w3.org") == std::string::npos);
  CHECK(html.rfind("</html>\n") == html.size() - 8);
}

TEST_CASE("the HTML page caps the samples embedded per run and says which", "[html]") {
  const std::string json = samples_json(page(2));
  const std::string capped = json.substr(json.find("\"capped\":"));
  // runs of 5 (alpha, mmlu-mini), 4 (beta, mmlu-mini) and 3 (arena-lite) samples, cut to 2 each
  CHECK(capped.find(",2,5]") != std::string::npos);
  CHECK(capped.find(",2,4]") != std::string::npos);
  CHECK(capped.find(",2,3]") != std::string::npos);
  // Errors first: the errored q4 of run alpha is kept although it is the fourth sample.
  CHECK(json.find("request timed out after 60000 ms") != std::string::npos);
  CHECK(samples_json(page()).find("\"capped\":[]") != std::string::npos);
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
  CHECK(html.find(std::string(50, 'x') + "\\n[cut at 50 characters]") != std::string::npos);
}

TEST_CASE("the pairwise matrix shows each pair's delta both ways", "[html]") {
  // mmlu-mini: alpha scores 1,0,0,0(error),1 = 40%; beta 1,1,1,0 = 75%; different item sets and
  // fingerprints, so unpaired: beta - alpha = +35.0 points, alpha - beta = -35.0.
  const std::string pairwise = section(page(), "pairwise");
  CHECK(pairwise.find(">+35.0") != std::string::npos);
  CHECK(pairwise.find(">-35.0") != std::string::npos);
  CHECK(pairwise.find("unpaired") != std::string::npos);
}

TEST_CASE("the score chart draws a bar and a CI whisker per run", "[html]") {
  const std::string scores = section(page(), "scores");
  CHECK(count(scores, "<svg class=\"chart bars\"") == 2);  // one per suite
  CHECK(count(scores, "class=\"ci\"") == 4);               // one per run
}

TEST_CASE("a price table gives the runs a cost", "[html]") {
  ys::ReportData data = ys::testing::report_fixture();
  data.prices["alpha-7b"] = ys::ModelPrice{0.5, 1.5};
  const std::string html = ys::render_html_report(data, ys::ReportOptions{});
  // alpha on mmlu-mini: 4 answered samples x (120 prompt, 40 completion) tokens
  // = 480 x 0.5 / 1e6 + 160 x 1.5 / 1e6 = $0.000480
  CHECK(section(html, "leaderboard").find(">$0.000480</td>") != std::string::npos);
  // beta has no price: a dash, and no cost chart for a suite with an unpriced run
  CHECK(section(html, "tradeoffs").find("against cost ($)</figcaption>") == std::string::npos);
  data.prices["<script>alert(1)</script>"] = ys::ModelPrice{1, 1};
  const std::string priced = ys::render_html_report(data, ys::ReportOptions{});
  CHECK(section(priced, "tradeoffs").find("against cost ($)</figcaption>") != std::string::npos);
}
