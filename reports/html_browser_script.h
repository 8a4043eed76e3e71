// The HTML report's fixed script (no data is ever written into it): sortable tables, and the
// sample browser over the JSON in #ys-samples (format: html_samples.h). Every text from the data
// reaches the page through textContent or option.text, never as markup.
#pragma once

namespace ys {

inline constexpr const char* kHtmlReportScript = R"js(
(function () {
  'use strict';
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

  var holder = document.getElementById('ys-samples');
  if (!holder) return;
  var STATUS = ['ok', 'wrong', 'unparsed', 'error'];
  var PAGE = 100;
  var D, byItem, lower = {}, shown = 0, matches = [];
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fill(select, names, first) {
    if (first) select.add(new Option(first, '-1'));
    names.forEach(function (n, i) { select.add(new Option(n, String(i))); });
  }
  // byItem[item] = {model index: sample index}, for the runs of each item's suite.
  function index() {
    byItem = D.items.map(function () { return {}; });
    D.samples.forEach(function (s, i) { byItem[s[1]][D.runs[s[0]][0]] = i; });
  }
  function sampleOf(item, model) {
    var i = byItem[item][model];
    return i === undefined ? null : D.samples[i];
  }
  function haystack(item) {
    if (lower[item] === undefined) {
      var it = D.items[item], parts = [it[1], it[3], it[4]];
      var m = byItem[item];
      Object.keys(m).forEach(function (k) {
        var s = D.samples[m[k]];
        parts.push(s[4], s[6], s[7]);
      });
      lower[item] = parts.join('\n').toLowerCase();
    }
    return lower[item];
  }
  function wanted(item) {
    var it = D.items[item];
    var suite = +$('sb-suite').value, cat = +$('sb-cat').value, st = $('sb-status').value;
    var a = +$('sb-a').value, b = +$('sb-b').value, q = $('sb-q').value.trim().toLowerCase();
    if (suite >= 0 && it[0] !== suite) return false;
    if (cat >= 0 && it[2] !== cat) return false;
    var sa = sampleOf(item, a);
    if (!sa) return false;
    if (st === 'changed') {
      var sb = sampleOf(item, b);
      if (!sb || sa[2] === sb[2] && sa[3] === sb[3]) return false;
    } else if (st !== 'all' && STATUS[sa[2]] !== st) {
      return false;
    }
    return !q || haystack(item).indexOf(q) >= 0;
  }
  function statusCell(s) {
    return el('td', s ? 'st-' + STATUS[s[2]] : '', s ? STATUS[s[2]] : '-');
  }
  function renderMore() {
    var body = $('sb-list').tBodies[0];
    var a = +$('sb-a').value, b = +$('sb-b').value;
    matches.slice(shown, shown + PAGE).forEach(function (item) {
      var it = D.items[item], tr = el('tr');
      tr.appendChild(el('td', '', it[1]));
      tr.appendChild(el('td', '', D.suites[it[0]]));
      tr.appendChild(el('td', '', D.categories[it[2]]));
      tr.appendChild(statusCell(sampleOf(item, a)));
      tr.appendChild(statusCell(b >= 0 ? sampleOf(item, b) : null));
      tr.setAttribute('data-item', String(item));
      tr.addEventListener('click', function () { detail(item); });
      body.appendChild(tr);
    });
    shown = Math.min(matches.length, shown + PAGE);
    $('sb-more').hidden = shown >= matches.length;
  }
  function update() {
    matches = [];
    for (var i = 0; i < D.items.length; i++) if (wanted(i)) matches.push(i);
    $('sb-list').tBodies[0].textContent = '';
    shown = 0;
    $('sb-count').textContent = matches.length + ' of ' + D.items.length + ' items match';
    renderMore();
  }
  function block(parent, label, text, cls) {
    parent.appendChild(el('b', '', label));
    parent.appendChild(el('pre', cls, text === '' ? '(empty)' : text));
  }
  function answerColumn(model, s) {
    var col = el('div', 'sb-answer');
    col.appendChild(el('h4', '', D.models[model]));
    if (!s) { col.appendChild(el('p', 'cap', 'no sample for this item')); return col; }
    var meta = el('p', 'st-' + STATUS[s[2]]);
    meta.textContent = STATUS[s[2]] + ' \u00b7 score ' + s[3] + ' \u00b7 extracted "' + s[4] +
        '" (' + s[5] + ')' + (s[8] > 0 ? ' \u00b7 ' + s[8] + ' ms' : '');
    col.appendChild(meta);
    block(col, 'extracted answer', s[4], 'sb-extracted');
    block(col, 'response', s[6], 'sb-response');
    if (s[7]) block(col, 'error', s[7], 'sb-error');
    return col;
  }
  function detail(item) {
    var it = D.items[item], box = $('sb-detail');
    var a = +$('sb-a').value, b = +$('sb-b').value;
    box.textContent = '';
    box.className = '';
    box.appendChild(el('h3', '', D.suites[it[0]] + ' \u00b7 ' + it[1] + ' \u00b7 ' +
        D.categories[it[2]]));
    block(box, 'reference', it[4], 'sb-reference');
    var req = el('details');
    req.appendChild(el('summary', '', 'request'));
    req.appendChild(el('pre', '', it[3]));
    box.appendChild(req);
    var pair = el('div', 'sb-pair');
    pair.appendChild(answerColumn(a, sampleOf(item, a)));
    if (b >= 0) pair.appendChild(answerColumn(b, sampleOf(item, b)));
    box.appendChild(pair);
  }
  function start() {
    D = JSON.parse(holder.textContent);
    index();
    fill($('sb-a'), D.models);
    fill($('sb-b'), D.models, '(none)');
    if (D.models.length > 1) $('sb-b').value = '1';
    fill($('sb-suite'), D.suites, '(all)');
    fill($('sb-cat'), D.categories, '(all)');
    $('sb-capped').textContent = D.capped.map(function (c) {
      var r = D.runs[c[0]];
      return D.models[r[0]] + ' on ' + D.suites[r[1]] + ': ' + c[1] + ' of ' + c[2] +
          ' samples embedded, failures first';
    }).join('; ');
    ['sb-a', 'sb-b', 'sb-suite', 'sb-cat', 'sb-status'].forEach(function (id) {
      $(id).addEventListener('change', update);
    });
    var timer = null;
    $('sb-q').addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    });
    $('sb-more').addEventListener('click', renderMore);
    update();
    window.ysReadyMs = performance.now();
    document.body.setAttribute('data-samples-ready', '1');
  }
  // After the first paint, so the charts show before the samples are parsed.
  setTimeout(start, 0);
})();
)js";

}  // namespace ys
