#!/usr/bin/env python3
"""Opens the HTML report in headless Chromium and checks it as a reader would use it.

The page is the report fixture's (tests/reports/report_fixture.cpp, written by html_fixture_page
with references added, one of them `</script><script>window.ysPwned = 1;</script><!--`). Checked:
the sections and charts are there; no hostile string ran (no alert, no ysPwned, only the page's
own two script elements); the sample browser's filters (suite + status error, "changed between A
and B"), full-text search and side-by-side view give the items worked out by hand from the
fixture; and the browser console holds no error. Exit 0 pass, 1 fail, 77 skip (no browser and $CI
unset; with $CI set a missing browser fails, as scripts/install-deps.sh installs it).

  html_browser_test.py --page-writer BUILD/tests/reports/html_fixture_page --workdir DIR
  html_browser_test.py --page PAGE.html --screenshot PREFIX   # only screenshots of PAGE:
      PREFIX-overview.png (the top of the page), PREFIX-matrices.png (heatmap and pairwise
      matrix) and PREFIX-samples.png (the sample browser, first changed item side by side)
"""
import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402

HOSTILE_MODEL = "<script>alert(1)</script>"
HOSTILE_REFERENCE = "</script><script>window.ysPwned = 1;</script><!--"
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def choose(b, select_id, label):
    for option in b.find_all("#%s option" % select_id):
        if b.text(option) == label:
            b.click(option)
            return
    raise webdriver.WebDriverError("no option %r in #%s" % (label, select_id))


def listed_items(b):
    return b.run("return Array.from(document.querySelectorAll('#sb-list tbody tr'))"
                 ".map(function (r) { return r.cells[0].textContent; });")


def clear_search(b):
    b.run("var q = document.getElementById('sb-q'); q.value = '';"
          "q.dispatchEvent(new Event('input'));")
    b.wait_for("return !document.getElementById('sb-q').value;")


def settle(b):
    # the search box re-filters 150 ms after the last keystroke
    b.run("return new Promise(function (r) { setTimeout(r, 300); });")


def run_checks(b, page):
    b.open(webdriver.file_url(page))
    b.wait_for("return document.body.getAttribute('data-samples-ready') === '1';")
    check(not b.alert_open(), "no alert dialog opened (no model-written script ran)")
    check(b.run("return window.ysPwned === undefined;"), "the hostile reference did not run")
    check(b.run("return document.scripts.length;") == 2,
          "only the page's own two script elements (data and code)")
    check(b.run("return document.querySelectorAll('#scores svg.bars').length;") == 2,
          "a score bar chart per suite (2)")
    check(b.run("return document.querySelectorAll('#scores svg.bars .ci').length;") == 4,
          "a CI whisker per run (4)")
    check(b.run("return document.querySelectorAll('#heatmap td.heat').length;") > 0,
          "the category heatmap has coloured cells")
    check(b.run("return document.querySelectorAll('#pairwise table.pairwise').length;") == 2,
          "a pairwise matrix per suite")
    check(b.run("return document.querySelectorAll('#tradeoffs svg.scatter').length;") >= 4,
          "score-vs-tokens and score-vs-latency charts per suite")
    check(b.run("return document.querySelectorAll('#tradeoffs .on-front').length;") > 0,
          "the Pareto front is marked")
    models = b.run("return Array.from(document.querySelectorAll('#sb-a option'))"
                   ".map(function (o) { return o.textContent; });")
    check(sorted(models) == sorted(["alpha-7b", HOSTILE_MODEL]),
          "model selects list both models, the hostile name as text")

    choose(b, "sb-a", "alpha-7b")
    choose(b, "sb-b", HOSTILE_MODEL)
    choose(b, "sb-suite", "mmlu-mini")
    choose(b, "sb-status", "error (A)")
    check(listed_items(b) == ["q4"], "suite mmlu-mini + status error lists q4 only")
    choose(b, "sb-status", "changed between A and B")
    check(sorted(listed_items(b)) == ["q2", "q4"], "changed between alpha and beta: q2, q4")

    choose(b, "sb-status", "all")
    choose(b, "sb-suite", "(all)")
    b.type(b.find("#sb-q"), "COMMA")
    settle(b)
    check(listed_items(b) == ["q5"], "search 'COMMA' (case-insensitive) finds q5 only")
    check("1 of" in b.text(b.find("#sb-count")), "the count says 1 match")
    clear_search(b)
    settle(b)
    choose(b, "sb-suite", "mmlu-mini")
    rows = b.find_all("#sb-list tbody tr")
    check(len(rows) == 5, "mmlu-mini lists alpha's 5 items")
    b.click(rows[listed_items(b).index("q2")])
    heads = b.run("return Array.from(document.querySelectorAll('#sb-detail .sb-answer h4'))"
                  ".map(function (h) { return h.textContent; });")
    check(heads == ["alpha-7b", HOSTILE_MODEL], "q2 shows alpha and beta side by side")
    answers = b.run("return Array.from(document.querySelectorAll('#sb-detail .sb-response'))"
                    ".map(function (p) { return p.textContent; });")
    check(answers == ["The answer is (C).", "\"'& is C"], "both responses shown as text")
    check(b.run("return document.querySelector('#sb-detail .sb-reference').textContent;")
          == HOSTILE_REFERENCE, "the reference is shown verbatim, as text")
    errors = [e for e in b.console() if e.get("level") in ("SEVERE", "ERROR")]
    for e in errors:
        print("console:", e.get("message"))
    check(not errors, "the console shows no errors")
    check(not b.alert_open() and b.run("return window.ysPwned === undefined;"),
          "still nothing injected ran after the interactions")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--page-writer")
    ap.add_argument("--page")
    ap.add_argument("--workdir", default=".")
    ap.add_argument("--screenshot")
    args = ap.parse_args()
    found = webdriver.find_browser()
    if not found:
        msg = "chromium and chromedriver not found (Debian: apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            print("FAIL: " + msg + "; $CI is set, so scripts/install-deps.sh should have installed them")
            return 1
        print("SKIP: " + msg)
        return 77
    os.makedirs(args.workdir, exist_ok=True)
    page = args.page
    if not page:
        page = os.path.join(args.workdir, "fixture_report.html")
        subprocess.run([args.page_writer, page], check=True)
    b = webdriver.Browser(*found)
    try:
        if args.screenshot:
            b.open(webdriver.file_url(page))
            b.wait_for("return document.body.getAttribute('data-samples-ready') === '1';")
            b.screenshot(args.screenshot + "-overview.png")
            b.run("document.getElementById('heatmap').scrollIntoView();")
            b.screenshot(args.screenshot + "-matrices.png")
            choose(b, "sb-status", "changed between A and B")
            b.click(b.find_all("#sb-list tbody tr")[0])
            b.run("document.getElementById('samples').scrollIntoView();")
            b.screenshot(args.screenshot + "-samples.png")
            print("wrote %s-{overview,matrices,samples}.png" % args.screenshot)
            return 0
        run_checks(b, page)
    finally:
        b.close()
    print("%d check(s) failed" % len(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
