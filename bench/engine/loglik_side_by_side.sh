#!/usr/bin/env bash
# Multiple-choice log-likelihood, side by side: yardstick's MMLU-Pro `protocol=loglik` run on the
# local engine against llama.cpp's `llama-perplexity --multiple-choice`, on the same GGUF files and
# the same questions, alternating the two (issue 15's acceptance: equal choices, and our
# questions/s at least llama.cpp's).
#
#   bench/engine/loglik_side_by_side.sh [--shapes "qwen2.5-0.5b llama-3.2-1b"]
#                                       [--types "f16 q8_0 q4_k_m"] [--models "A.gguf B.gguf"]
#                                       [--test TEST.jsonl] [--rounds 3] [--threads 2] [--dir DIR]
#                                       [--llama-kv f32|f16] [--llama-args "ARGS"] [--ours-tiles]
#
# Models: each shape/type pair as in side_by_side.sh (make-model F16 with the family's real
# tokenizer, then llama-quantize), or the files given with --models (for example the fixture
# models, whose logits are checked against llama.cpp's in the engine tests).
# Questions: --test (default datasets/samples/mmlu_pro/test.jsonl, with its validation.jsonl for
# the 5-shot examples).
#
# Per file: one untimed run of ours (it writes the task file; it also fills the page cache and
# our model hash cache), then --rounds timed rounds, the order swapped every other round:
#   ours:      `yardstick run` of the suite into a fresh store (planning, engine, scoring, SQLite);
#              --ours-tiles sets the local option panel_min_tokens above every prompt, so every
#              matmul runs on the tiles (llama.cpp's order of sums) instead of the panels;
#   llama.cpp: `llama-perplexity --multiple-choice -np 10` on the same prompts, written by
#              bench/engine/llama_mc_tasks from our stored run (one task per question). By
#              default in the arithmetic closest to ours: K and V cache in F32 (--llama-kv; our
#              cache is F32, as were the fixtures' reference logits) and plain attention
#              (--llama-args "-fa off"; its flash attention keeps a running softmax and moved
#              the fixture near-ties by up to 0.1 nats). `--llama-kv f16 --llama-args ""` is
#              llama.cpp's own default, for its best speed.
# Both times are whole processes, model loading included. Choices: the task file labels each
# question with the option we chose (under llama.cpp's rule: mean log-probability per token), so
# llama.cpp's running accuracy says question by question whether it chose the same; the table
# prints the count, and the questions where the two rules (our suite sums, llama.cpp averages)
# would choose differently.
#
# Env: YS_BUILD_DIR (default ./build), LLAMA_CPP_DIR (default ../shared/tools/llama.cpp),
# YS_FIXTURES (default ../shared/fixtures), YS_CPU (forces our kernel path). Models are kept in
# --dir (default $TMPDIR/ys-side-by-side, shared with side_by_side.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

shapes="qwen2.5-0.5b llama-3.2-1b"
types="f16 q8_0 q4_k_m"
models=""
test_file=datasets/samples/mmlu_pro/test.jsonl
rounds=3
threads=2
llama_kv=f32
llama_args="-fa off"
ours_tiles=""
dir=${TMPDIR:-/tmp}/ys-side-by-side
while [ $# -gt 0 ]; do
  case "$1" in
    --shapes) shapes=$2; shift 2 ;;
    --types) types=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --test) test_file=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --llama-kv) llama_kv=$2; shift 2 ;;
    --llama-args) llama_args=$2; shift 2 ;;
    --ours-tiles) ours_tiles="    panel_min_tokens: 1000000"; shift ;;
    -h|--help) sed -n '2,39p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "loglik_side_by_side: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

build=${YS_BUILD_DIR:-build}
ys=$build/harness/yardstick
tasks_tool=$build/bench/engine/llama_mc_tasks
llama=${LLAMA_CPP_DIR:-../shared/tools/llama.cpp}
fixtures=${YS_FIXTURES:-../shared/fixtures}
for exe in "$ys" "$tasks_tool"; do
  [ -x "$exe" ] || { echo "loglik_side_by_side: $exe not built (set YS_BUILD_DIR)" >&2; exit 2; }
done
[ -x "$llama/bin/llama-perplexity" ] ||
  { echo "loglik_side_by_side: no $llama/bin/llama-perplexity (set LLAMA_CPP_DIR)" >&2; exit 2; }
[ -s "$test_file" ] || { echo "loglik_side_by_side: no question file $test_file" >&2; exit 2; }
mkdir -p "$dir"
prog=loglik_side_by_side
# shellcheck source=bench/engine/llama_common.sh
. bench/engine/llama_common.sh
work=$(mktemp -d)
trap 'rm -rf "$llama_libs" "$work"' EXIT

now() { date +%s.%N; }

# Our run of the suite into a fresh store $work/ys.db; prints the wall seconds.
run_ours() {
  cat > "$work/run.yaml" <<YAML
models:
  - name: ours
    backend: local
    path: $(realpath "$1")
    threads: $threads
${ours_tiles}
suites:
  - kind: mmlu-pro
    path: $(realpath "$test_file")
    protocol: loglik
YAML
  rm -f "$work"/ys.db*
  local t0 t1
  t0=$(now)
  "$ys" -q --db "$work/ys.db" run -c "$work/run.yaml" > "$work/ys.log" 2>&1 ||
    { echo "loglik_side_by_side: yardstick failed on $1:" >&2; cat "$work/ys.log" >&2; exit 3; }
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# llama-perplexity on $work/tasks.bin; keeps its per-question lines in $work/llama.txt; prints
# the wall seconds. -np 10: every option of a question in one batch (one question per batch);
# -c is per sequence and the context is shared, so 10 x 410 tokens in all (our n_ctx is 4096).
run_llama() {
  local t0 t1 extra=()
  read -r -a extra <<< "$llama_args"
  t0=$(now)
  "$llama/bin/llama-perplexity" -m "$1" --multiple-choice -bf "$work/tasks.bin" -t "$threads" \
    -np 10 -c 410 -ctk "$llama_kv" -ctv "$llama_kv" "${extra[@]}" > "$work/llama.out" 2> "$work/llama.err" ||
    { echo "loglik_side_by_side: llama-perplexity failed on $1:" >&2; tail -5 "$work/llama.err" >&2; exit 3; }
  t1=$(now)
  grep -P '^\d+\t' "$work/llama.out" > "$work/llama.txt" || true
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# From llama.cpp's running accuracy (line i: "i <percent correct so far>") and our labels: the
# number of questions where llama.cpp chose our option, and the number of questions. The
# questions where it did not go to $work/differ.txt, with our margin (choices.txt column 5).
agreement() {
  awk '{ right = int($2 * $1 / 100 + 0.5); print (right > prev); prev = right }' "$work/llama.txt" |
    paste -d' ' - "$work/choices.txt" |
    awk '$1 == 0 { printf "%s (our margin %s nats)\n", $2, $6 }' > "$work/differ.txt"
  awk '{ n = $1; right = int($2 * n / 100 + 0.5); if (right > prev) same++; prev = right } END { printf "%d %d\n", same, n }' \
    "$work/llama.txt"
}

entries=()
if [ -n "$models" ]; then
  for m in $models; do
    [ -s "$m" ] || { echo "loglik_side_by_side: no model file $m" >&2; exit 2; }
    entries+=("$(basename "$m" .gguf):$m")
  done
else
  for shape in $shapes; do
    for type in $types; do
      entries+=("$shape-$type:$(model_file "$shape" "$type")")
    done
  done
fi

results=()
notes=()
for entry in "${entries[@]}"; do
  name=${entry%%:*}
  file=${entry#*:}
  echo "$name: untimed run of ours (its choices label the task file)" >&2
  run_ours "$file" > /dev/null
  "$tasks_tool" --db "$work/ys.db" --out "$work/tasks.bin" > "$work/choices.txt"
  n=$(wc -l < "$work/choices.txt")
  differ=$(awk '$2 != $3' "$work/choices.txt" | wc -l)
  ours_t="" ref_t="" same=""
  for r in $(seq "$rounds"); do
    if [ $((r % 2)) -eq 1 ]; then order="ref ours"; else order="ours ref"; fi
    for who in $order; do
      if [ "$who" = ours ]; then ours_t+="$(run_ours "$file") "; continue; fi
      ref_t+="$(run_llama "$file") "
      [ -z "$same" ] || continue
      read -r same total < <(agreement)  # every run of llama.cpp scores alike: the first one's
      if [ -s "$work/differ.txt" ]; then
        notes+=("$name: llama.cpp chose otherwise on item $(paste -sd, "$work/differ.txt")")
        echo "${notes[-1]}" >&2
      fi
      [ "$total" = "$n" ] ||
        { echo "loglik_side_by_side: llama-perplexity scored $total of $n questions" >&2; exit 3; }
    done
    echo "round $r/$rounds $name: llama.cpp $(awk '{ print $NF }' <<< "$ref_t") s, ours $(awk '{ print $NF }' <<< "$ours_t") s" >&2
  done
  mo=$(median <<< "$ours_t")
  ml=$(median <<< "$ref_t")
  line=$(awk -v name="$name" -v n="$n" -v o="$mo" -v l="$ml" -v same="$same" -v differ="$differ" 'BEGIN {
    printf "%-26s %9d %11.3f %11.3f %7.2fx %8d/%-3d %9d", name, n, n / l, n / o, l / o, same, n, differ }')
  results+=("$line   runs (s): ours $ours_t| llama.cpp $ref_t")
done

echo
printf '%-26s %9s %11s %11s %8s %12s %9s\n' model questions "llama.cpp" yardstick ratio "same choice" "rules"
printf '%-26s %9s %11s %11s %8s %12s %9s\n' "" "" "q/s" "q/s" "" "" "differ"
for line in "${results[@]}"; do echo "$line"; done
for line in "${notes[@]}"; do echo "$line"; done
echo
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; $threads threads, $rounds alternating rounds, medians of whole-process wall times"
echo "ours: $("$ys" engine bench -m "${entries[0]#*:}" -p 0 -n 1 -r 1 -t 1 2>&1 | grep -m1 '^kernels:' || true)${ours_tiles:+; tiles only (panel_min_tokens 1000000)}"
echo "llama.cpp: 81ff7ab, CPU variant $(llama_variant "${entries[0]#*:}"), K/V cache $llama_kv${llama_args:+, extra arguments: $llama_args}"
