// JSON report: the whole ReportData, with "schema_version": 1 (fields in docs/reports.md).
// Runs and samples keep their input order; object keys are sorted; 2-space indentation.
// Invalid UTF-8 in any string is replaced by U+FFFD rather than failing the report.
#pragma once

#include <string>

#include "harness/core/types.h"
#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

inline constexpr int kJsonReportSchemaVersion = 1;

Json to_json(const MetricSummary& m);
Json to_json(const RunSummary& run);
Json to_json(const SampleRow& row);
Json report_to_json(const ReportData& data);

std::string render_json_report(const ReportData& data, const ReportOptions& options);

}  // namespace ys
