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
# Then the part with real numbers: six models' published MMLU-Pro outputs on the same 700
# questions (datasets/recorded/mmlu_pro/, TIGER-Lab's result files; source and licence in its
# SOURCE.md) are imported into a second store, re-scored by yardstick's own answer extraction, and
# shown as a leaderboard, a paired comparison of Llama 3.1 70B against 8B, and an HTML comparison
# report (demo-output/comparison.html).
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

echo
echo "demo: real numbers: six models' published MMLU-Pro outputs, the same 700 questions"
recorded=datasets/recorded/mmlu_pro
(cd "$recorded" && sha256sum --quiet -c <(head -n 1 SHA256SUMS))
rdir="$out/mmlu-pro-recorded"
rdb="$out/recorded.db"
rm -rf "$rdir" "$rdb" "$rdb-wal" "$rdb-shm"
mkdir -p "$rdir"
tar -xJf "$recorded"/tiger-lab-mmlu-pro-6-models-700q.tar.xz -C "$rdir"
(cd "$rdir" && sha256sum --quiet -c <(tail -n +2 "$OLDPWD/$recorded/SHA256SUMS"))
imports=(
  "gemini-1.5-pro-002=model_outputs_gemini-1.5-pro-002_5shots.json"
  "llama-3.1-70b-instruct=model_outputs_Meta-Llama-3_1-70B-Instruct_5shots.json"
  "qwen1.5-72b-chat=model_outputs_Qwen1.5-72B-Chat_5shots.json"
  "llama-3.1-8b-instruct=model_outputs_Meta-Llama-3_1-8B-Instruct_5shots.json"
  "mixtral-8x7b-instruct=model_outputs_Mixtral-8x7B-Instruct-v0.1_5shots.json"
  "phi-3-mini-4k-instruct=model_outputs_Phi-3-mini-4k-instruct_5shots.json"
)
for entry in "${imports[@]}"; do
  "$ys" --db "$rdb" import mmlu-pro "$rdir/${entry#*=}" -m "${entry%%=*}"
done
"$ys" --db "$rdb" leaderboard
echo "demo: is Llama 3.1 70B better than 8B on these 700 questions, and by more than noise?"
"$ys" --db "$rdb" compare llama-3.1-8b-instruct llama-3.1-70b-instruct
"$ys" --db "$rdb" report --format html --out "$out/comparison.html"
echo "demo: comparison report of the six recorded models in $out/comparison.html"
