#!/usr/bin/env bash
# The HTML report at full size: builds a store of M models x N items (default 10 x 12,000) by
# running a generated custom suite (bench/report/make_suite.py) against ys-fake-server's oracle
# models (oracle-50 ... oracle-95: each answers right about that share of the time), renders
# `yardstick report --format html`, and prints the store size, the render time, the page size
# (raw and gzip -9) and the time headless Chromium takes to open it (bench/report/open_time.py).
#
#   bench/report/report_bench.sh [-m 10] [-n 12000] [-r 5] [--keep DIR]
# --keep DIR keeps the suite, store and page in DIR; a store already there is reused (the runs
# are skipped), so the render and open times can be measured again without the 10 runs.
# Needs a build with harness/yardstick and tests/support/ys-fake-server (YS_BUILD_DIR, default
# build) and, for the open time, chromium + chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${YS_BUILD_DIR:-build}
models=10 items=12000 rounds=5 keep=""
while [ $# -gt 0 ]; do
  case $1 in
    -m) models=$2; shift 2 ;;
    -n) items=$2; shift 2 ;;
    -r) rounds=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: $0 [-m MODELS] [-n ITEMS] [-r ROUNDS] [--keep DIR]" >&2; exit 2 ;;
  esac
done
ys=$build/harness/yardstick
server_bin=$build/tests/support/ys-fake-server
for f in "$ys" "$server_bin"; do [ -x "$f" ] || { echo "report_bench: $f not built" >&2; exit 1; }; done
dir=${keep:-$(mktemp -d)}
mkdir -p "$dir"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if [ -z "$keep" ]; then rm -rf "$dir"; fi
}
trap cleanup EXIT

db=$dir/bench.db
if [ -s "$db" ]; then
  echo "store: reusing $db ($(du -h "$db" | cut -f1))"
else
  python3 bench/report/make_suite.py "$items" "$dir/suite.jsonl"
  coproc SERVER { exec "$server_bin" --answers "$dir/suite.jsonl"; }
  server_pid=$SERVER_PID
  read -r line <&"${SERVER[0]}"
  url=${line#listening on }
  args=()
  for ((i = 0; i < models; i++)); do
    pct=$((50 + i * 45 / (models > 1 ? models - 1 : 1)))
    args+=(--model "oracle-$pct=openai-compat:$url#oracle-$pct")
  done
  start=$(date +%s.%N)
  "$ys" --quiet --db "$db" run --suite "custom:$dir/suite.jsonl" "${args[@]}" -j 64 >/dev/null
  echo "store: $models models x $items items in $(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s, $(du -h "$db" | cut -f1)"
fi
start=$(date +%s.%N)
"$ys" --quiet --db "$db" report --format table >/dev/null
echo "report --format table (reads and summarises the store, no page): $(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
for i in 1 2 3; do
  start=$(date +%s.%N)
  "$ys" --quiet --db "$db" report --format html --out "$dir/report.html"
  echo "report --format html, $i: $(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
done
bytes=$(stat -c %s "$dir/report.html")
gz=$(gzip -9 -c "$dir/report.html" | wc -c)
echo "page: $bytes bytes ($((bytes / 1024 / 1024)) MiB), gzip -9: $gz bytes"
python3 bench/report/open_time.py "$dir/report.html" -r "$rounds"
