#!/usr/bin/env bash
# Several `yardstick run` processes on one store (harness/store/lease.h), against ys-fake-server:
#   1. one process, N items;                    (the reference)
#   2. two processes, the same model and suite; (they should split the N requests)
#   3. two processes, two models, N items each.
# Prints wall time, requests the server received, req/s (items answered per second),
# and checks rows: one sample, response and score per item, no error.
#
#   bench/scale_out/shared_store_bench.sh [N=5000] [LATENCY_MS=20] [CONCURRENCY=16]
# Needs a build (YS_BUILD_DIR, default ./build) and the sqlite3 command.
set -euo pipefail
n=${1:-5000}
latency=${2:-20}
j=${3:-16}
build=${YS_BUILD_DIR:-build}
ys=$build/harness/yardstick
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$n" > "$work/suite.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"id": f"q{i}", "prompt": f"Question {i}: what is {i}+{i}?",
                      "reference": str(2 * i), "scorer": "exact"}))
PY
start_server() {  # a fresh server per phase, so its count is the phase's requests
  stdbuf -oL "$build/tests/support/ys-fake-server" --port 0 --latency-ms "$latency" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q "listening" "$work/server.log" 2>/dev/null && break; sleep 0.05; done
  url=$(grep -o 'http://[0-9.:]*/v1' "$work/server.log" | head -1)
  [ -n "$url" ] || { echo "fake server did not start: $(cat "$work/server.log")"; exit 1; }
}
stop_server() {  # sets served: the requests it received
  kill -INT "$server"; wait "$server" || true
  served=$(grep -o 'served [0-9]*' "$work/server.log" | grep -o '[0-9]*')
}

run() {  # db model
  local log="$work/$2.$(basename "$1").$BASHPID.log"
  "$ys" --db "$1" --quiet run -j "$j" -s "custom:$work/suite.jsonl" -m "$2=openai-compat:$url#$2" > "$log" 2>&1 ||
    { echo "yardstick run failed ($1, $2):"; tail -n 5 "$log"; return 1; }
}
rows() {  # db -> "samples responses scores errors"
  sqlite3 "$1" "SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM responses),
    (SELECT count(*) FROM scores), (SELECT count(*) FROM responses WHERE error_kind <> '')" | tr '|' ' '
}
now() { date +%s.%N; }
report() {  # label start end requests db
  awk -v l="$1" -v s="$2" -v e="$3" -v r="$4" -v rows="$(rows "$5")" \
    'BEGIN { t = e - s; printf "%-34s %6.2f s  %6d requests sent  %7.0f items/s  rows (samples responses scores errors): %s\n", l, t, r, r / t, rows }'
}

echo "items: $n, server latency ${latency} ms, -j $j, CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
start_server; s=$(now); run "$work/one.db" m1; e=$(now); stop_server
report "1 process" "$s" "$e" "$served" "$work/one.db"

start_server; s=$(now); run "$work/same.db" m1 & a=$!; run "$work/same.db" m1 & b=$!; wait $a $b; e=$(now); stop_server
report "2 processes, same model" "$s" "$e" "$served" "$work/same.db"

start_server; s=$(now); run "$work/diff.db" m1 & a=$!; run "$work/diff.db" m2 & b=$!; wait $a $b; e=$(now); stop_server
report "2 processes, two models" "$s" "$e" "$served" "$work/diff.db"
