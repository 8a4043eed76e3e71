// The HTML report's sample browser: the controls (model A and B, suite, category, status, search)
// as markup, and every sample as JSON in a <script type="application/json" id="ys-samples">
// element, which the page's script (html_browser_script.h) renders lazily, 100 rows at a time,
// with textContent only. Internal to reports/.
//
// JSON (version 1): {"v":1, "models":[..], "suites":[..], "categories":[..],
// "runs":[[model, suite]..], "items":[[suite, item_id, category, request, reference]..],
// "samples":[[run, item, status, score, extracted, method, response, error, latency_ms]..],
// "capped":[[run, shown, total]..], "cut": max_text_chars}; numbers in runs/items/samples are
// indices into the lists above; status 0 ok, 1 wrong, 2 unparsed, 3 error. Texts are cut at
// ReportOptions::max_text_chars code points. Every '<' in the JSON is written as \u003c, so no
// string can close the element ("</script>") or open a comment.
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys::html {

// <section id="samples"> with the controls and the JSON element, or "" without samples.
std::string samples_section(const ReportData& data, const ReportOptions& options);

// `text` as a JSON string literal safe inside a <script> element (see above).
std::string script_json_string(const std::string& text);

}  // namespace ys::html
