#!/usr/bin/env bash
# The demo job on embedded defaults: installs packages, builds yardstick, writes two small
# RANDOM-WEIGHT models with `yardstick engine make-model` (the qwen2 architecture at a tiny size,
# with a built-in byte-level tokenizer), runs the bundled sample suites on them with yardstick's
# own local inference engine, and writes the leaderboard and an HTML report. The weights are
# untrained noise, so the answers are gibberish and the scores are meaningless (not even chance
# level: a random model tends to prefer one option letter); the demo shows the whole pipeline
# (engine, store, scheduler, scoring, reports) with no downloads and no network, in seconds.
# README.md shows how to run a real GGUF.
#
# YS_DEMO_DIR: output folder (default demo-output).
# YS_BUILD_DIR: use an existing build in this folder; installing packages and building are then
#   skipped (default: install what is missing and build into ./build with scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${YS_BUILD_DIR:-}" ]; then
  build=$YS_BUILD_DIR
else
  build=build
  scripts/install-deps.sh
  scripts/build.sh
fi
ys="$build/harness/yardstick"
[ -x "$ys" ] || { echo "demo: $ys not found; build first" >&2; exit 1; }

out=${YS_DEMO_DIR:-demo-output}
mkdir -p "$out"
db="$out/demo.db"

echo "demo: writing two RANDOM-WEIGHT models (not trained: their answers and scores mean nothing)"
for seed in 1 2; do
  "$ys" engine make-model --arch qwen2 --shape tiny --type q8_0 --byte-vocab --seed "$seed" \
    -o "$out/random-seed$seed.gguf"
done
models=(--model "random-seed1=local:$out/random-seed1.gguf"
        --model "random-seed2=local:$out/random-seed2.gguf")

echo "demo: the 30-item sample suite (generation, up to 24 tokens per answer) on the local engine"
"$ys" --db "$db" run --suite custom:datasets/samples/custom/sample.jsonl "${models[@]}" \
  --max-tokens 24
echo "demo: the 28-question MMLU-Pro sample, 5-shot, option letters scored by log-likelihood"
"$ys" --db "$db" run --suite mmlu-pro:datasets/samples/mmlu_pro/test.jsonl "${models[@]}" \
  --suite-opt protocol=loglik

"$ys" --db "$db" report --format html --out "$out/report.html"
"$ys" --db "$db" report --format csv --out "$out/leaderboard.csv"
echo "demo: results in $db; report in $out/report.html"
echo "demo: reminder: random weights, so every score above is noise, not a measurement."
echo "demo: to evaluate a real model, see \"Running a real model\" in README.md."
