#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium R times and prints how long it takes to be usable.

For each load: the browser's own navigation timing (responseEnd, domContentLoaded, load: ms since
navigation start) and `ready`, the time until the sample browser has parsed its JSON and shown the
first rows (the page sets body[data-samples-ready]). A fresh page load each round (same browser).

  open_time.py PAGE.html [-r 5]
"""
import argparse
import os
import statistics
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests",
                                "reports"))
import webdriver  # noqa: E402

READY = "return document.body && document.body.getAttribute('data-samples-ready') === '1';"
TIMING = """var t = performance.getEntriesByType('navigation')[0];
return [t.responseEnd, t.domContentLoadedEventEnd, t.loadEventEnd,
        window.ysReadyMs === undefined ? -1 : window.ysReadyMs];"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("-r", "--rounds", type=int, default=5)
    args = ap.parse_args()
    found = webdriver.find_browser()
    if not found:
        print("open_time: chromium and chromedriver not found")
        return 1
    b = webdriver.Browser(*found)
    rows = []
    try:
        for _ in range(args.rounds):
            b.open("about:blank")
            start = time.perf_counter()
            b.open(webdriver.file_url(args.page))  # returns after the load event
            b.wait_for(READY, timeout_s=60)
            wall = (time.perf_counter() - start) * 1000
            response, dcl, load, ready = b.run(TIMING)
            rows.append((response, dcl, load, ready, wall))
            print("responseEnd %7.0f ms  domContentLoaded %7.0f ms  load %7.0f ms  "
                  "samples ready %7.0f ms  (wall, as the driver saw it: %7.0f ms)"
                  % (response, dcl, load, ready, wall))
    finally:
        b.close()
    print("median: load %.0f ms, samples ready %.0f ms, wall %.0f ms over %d rounds"
          % (statistics.median(r[2] for r in rows), statistics.median(r[3] for r in rows),
             statistics.median(r[4] for r in rows), len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
