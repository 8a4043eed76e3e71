// The fixed stylesheet of the HTML report (no data ever goes into it). The script is in
// html_browser_script.h.
#pragma once

namespace ys {

inline constexpr const char* kHtmlReportStyle = R"css(
body { font-family: system-ui, sans-serif; margin: 2em; color: #1a1a1a; max-width: 1400px; }
h1 { margin-bottom: 0.2em; }
nav a { margin-right: 1em; }
.meta, .cap { color: #666; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
table.sortable th { cursor: pointer; }
#runs table, #leaderboard table { display: block; max-width: 100%; overflow-x: auto; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.notes li { color: #8a4b00; }
tr.baseline { color: #666; font-style: italic; }
.st-ok { color: #176f2c; }
.st-wrong { color: #a33; }
.st-unparsed { color: #8a4b00; }
.st-error { color: #fff; background: #a33; }
pre { white-space: pre-wrap; word-break: break-word; max-width: 90ch; margin: 0.3em 0; }
details > summary { cursor: pointer; }
svg.chart { font-size: 12px; overflow: visible; }
svg.chart text { fill: #333; }
svg.chart .tick { fill: #888; font-size: 11px; }
svg.chart .grid { stroke: #eee; }
svg.bars rect { fill: #4a7ab8; }
svg.bars .ci { stroke: #1a1a1a; stroke-width: 1.5; fill: none; }
svg.scatter .axis { stroke: #999; fill: none; }
svg.scatter circle { fill: #fff; stroke: #4a7ab8; stroke-width: 2; }
svg.scatter .on-front circle { fill: #d9822b; stroke: #d9822b; }
svg.scatter .front { stroke: #d9822b; stroke-width: 1.5; fill: none; stroke-dasharray: 4 3; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; }
figcaption { color: #666; font-size: 0.85em; text-align: center; }
table.pairwise td.d-up { background: #c9ecd2; }
table.pairwise td.d-down { background: #f6c9c9; }
table.pairwise td.d-ns { color: #777; }
table.pairwise td.diag { background: #f4f4f4; }
.sb-controls { display: flex; flex-wrap: wrap; gap: 0.8em; margin-bottom: 0.5em; }
.sb-main { display: flex; gap: 1em; align-items: flex-start; }
.sb-listbox { max-height: 70vh; overflow: auto; flex: 0 0 auto; }
#sb-list tbody tr { cursor: pointer; }
#sb-list tbody tr:hover { background: #eef3fa; }
#sb-detail { flex: 1 1 auto; min-width: 0; }
.sb-pair { display: flex; gap: 1em; }
.sb-answer { flex: 1 1 0; min-width: 0; border-top: 3px solid #4a7ab8; }
)css";

}  // namespace ys
