// JUnit XML for CI systems: <testsuites> with one <testsuite> per run (leaderboard order, named
// "<suite>/<model>") and one <testcase> per sample (name = item id, classname = suite.model,
// time = latency in seconds). A sample fails (<failure>) when the request errored
// (type "error:<kind>"), no answer was extracted (type "unparsed"), or its score is below the pass
// mark (type "wrong"; the mark is ReportOptions::junit_pass_score, default "score > 0").
// Run provenance goes into <properties>. All text is XML-escaped and stripped of characters XML
// 1.0 forbids; long texts are cut to ReportOptions::max_text_chars.
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

std::string render_junit_report(const ReportData& data, const ReportOptions& options);

}  // namespace ys
