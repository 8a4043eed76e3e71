// A fixed ReportData for report tests: two models, two suites (one 0/1-scored with categories, one
// fractional), an errored and an unparsed sample, hostile strings (markup, quotes, commas,
// newlines, a terminal escape, invalid UTF-8), an incomplete run and differing dataset
// fingerprints. Summaries come from summarize_run, notes from comparability_notes.
#pragma once

#include <string>

#include "reports/report_data.h"

namespace ys::testing {

// generated_at is the wall-clock time (a volatile field on purpose); golden tests normalise it.
ReportData report_fixture();

// `text` with every occurrence of data.generated_at replaced by "@GENERATED_AT@".
std::string normalise_volatile(const std::string& text, const ReportData& data);

}  // namespace ys::testing
