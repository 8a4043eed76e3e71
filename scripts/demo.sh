#!/usr/bin/env bash
# The demo job on embedded defaults: builds yardstick, starts its bundled fake OpenAI-compatible
# server, runs the bundled sample suite against two SIMULATED models, and writes the leaderboard
# and an HTML report. The models are not language models: "oracle-NN" answers a question with its
# reference answer about NN% of the time (a deterministic hash decides), so the demo shows the
# harness working end to end without weights or network.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
out=${YS_DEMO_DIR:-demo-output}
mkdir -p "$out"
db="$out/demo.db"
suite=datasets/samples/custom/sample.jsonl
server_log="$out/fake-server.log"

build/tests/support/ys-fake-server --port 0 --answers "$suite" --latency-ms 20 >"$server_log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$server_log" | head -n 1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "demo: the fake server did not start; see $server_log" >&2; exit 1; }

echo "demo: simulated models served by the bundled fake server at $url (not real models)"
build/harness/yardstick --db "$db" run --suite "custom:$suite" \
  --model "strong-sim=openai-compat:$url#oracle-90" \
  --model "weak-sim=openai-compat:$url#oracle-50"
build/harness/yardstick --db "$db" report --format html --out "$out/report.html"
build/harness/yardstick --db "$db" report --format csv --out "$out/leaderboard.csv"
echo "demo: results in $db; report in $out/report.html"
