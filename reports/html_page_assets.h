// The fixed CSS and script of the HTML report (no data ever goes into them).
#pragma once

namespace ys {

inline constexpr const char* kHtmlReportStyle = R"css(
body { font-family: system-ui, sans-serif; margin: 2em; color: #1a1a1a; max-width: 1400px; }
h1 { margin-bottom: 0.2em; }
.meta, .cap { color: #666; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
table.sortable th { cursor: pointer; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.notes li { color: #8a4b00; }
tr.baseline { color: #666; font-style: italic; }
.st-ok { color: #176f2c; }
.st-wrong { color: #a33; }
.st-unparsed { color: #8a4b00; }
.st-error { color: #fff; background: #a33; }
pre { white-space: pre-wrap; word-break: break-word; max-width: 90ch; margin: 0.3em 0; }
details > summary { cursor: pointer; }
)css";

inline constexpr const char* kHtmlReportScript = R"js(
(function () {
  function key(cell) {
    var v = cell.getAttribute('data-v');
    return v !== null ? parseFloat(v) : cell.textContent.toLowerCase();
  }
  document.querySelectorAll('table.sortable th').forEach(function (th) {
    th.addEventListener('click', function () {
      var body = th.closest('table').tBodies[0];
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var asc = th.getAttribute('data-dir') !== 'asc';
      th.setAttribute('data-dir', asc ? 'asc' : 'desc');
      Array.from(body.rows).sort(function (x, y) {
        var a = key(x.cells[col]), b = key(y.cells[col]);
        return (a < b ? -1 : a > b ? 1 : 0) * (asc ? 1 : -1);
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
})();
)js";

}  // namespace ys
