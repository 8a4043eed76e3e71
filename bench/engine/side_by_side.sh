#!/usr/bin/env bash
# Side-by-side prompt (pp) and generation (tg) speed of yardstick's engine and llama.cpp's
# llama-bench on the same GGUF files, in one run, alternating the two engines so that a shared
# machine's drift hits both alike (issue 15's acceptance table).
#
# The files: `yardstick engine make-model --type f16` writes a random-weight F16 model of each
# shape, with the real tokenizer of its family copied from ../shared/fixtures/tokenizer (llama.cpp
# refuses a file without one; qwen shapes take ggml-vocab-qwen2.gguf, llama shapes
# ggml-vocab-llama-bpe.gguf, so the vocabulary has the real size); llama.cpp's own llama-quantize
# turns it into each preset (real quantized files, with its type mix and fallbacks). Both engines
# then read the very same file.
#
#   bench/engine/side_by_side.sh [--shapes "qwen2.5-0.5b llama-3.2-1b"]
#                                [--types "f16 q8_0 q4_k_m q5_k_m"] [--rounds 3] [--threads 2]
#                                [--pp 512] [--tg 128] [--dir DIR]
#
# Each round runs, per file: llama-bench (pp and tg, one repetition each), then `yardstick engine
# bench` (the same, one repetition), the order swapped every other round. The table prints each
# engine's median over the rounds and the ratio ours/llama.cpp, then the CPU model, our kernel
# path and the CPU variant ggml loaded.
#
# Env: YS_BUILD_DIR (default ./build), LLAMA_CPP_DIR (default ../shared/tools/llama.cpp),
# YS_FIXTURES (default ../shared/fixtures),
# YS_CPU (forces our kernel path, e.g. avx2). Models are kept in --dir (default
# $TMPDIR/ys-side-by-side) and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

shapes="qwen2.5-0.5b llama-3.2-1b"
types="f16 q8_0 q4_k_m q5_k_m"
rounds=3
threads=2
pp=512
tg=128
dir=${TMPDIR:-/tmp}/ys-side-by-side
while [ $# -gt 0 ]; do
  case "$1" in
    --shapes) shapes=$2; shift 2 ;;
    --types) types=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --pp) pp=$2; shift 2 ;;
    --tg) tg=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "side_by_side: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

build=${YS_BUILD_DIR:-build}
ys=$build/harness/yardstick
llama=${LLAMA_CPP_DIR:-../shared/tools/llama.cpp}
fixtures=${YS_FIXTURES:-../shared/fixtures}
[ -x "$ys" ] || { echo "side_by_side: $ys not built (set YS_BUILD_DIR)" >&2; exit 2; }
[ -x "$llama/bin/llama-bench" ] || { echo "side_by_side: no $llama/bin/llama-bench (set LLAMA_CPP_DIR)" >&2; exit 2; }
mkdir -p "$dir"

prog=side_by_side
# shellcheck source=bench/engine/llama_common.sh
. bench/engine/llama_common.sh

# One llama-bench run: prints "pp tg" tokens/s.
run_llama() {
  "$llama/bin/llama-bench" -m "$1" -p "$pp" -n "$tg" -t "$threads" -r 1 -o csv 2> /dev/null |
    python3 -c '
import csv, sys
pp = tg = "nan"
for row in csv.DictReader(sys.stdin):
    if int(row["n_prompt"]) > 0: pp = row["avg_ts"]
    if int(row["n_gen"]) > 0: tg = row["avg_ts"]
print("%.2f" % float(pp), "%.2f" % float(tg))'
}

# One `yardstick engine bench` run: prints "pp tg" tokens/s; keeps the kernels line.
run_ours() {
  local out
  out=$("$ys" engine bench -m "$1" -p "$pp" -n "$tg" -r 1 -t "$threads" 2>&1)
  grep -m1 '^kernels:' <<< "$out" > "$dir/kernels.txt" || true
  awk -v p="pp$pp" -v g="tg$tg" '$1 == p && $2 ~ /^[0-9.]+$/ { pp = $2 } $1 == g && $2 ~ /^[0-9.]+$/ { tg = $2 } END { print pp, tg }' <<< "$out"
}

last() { awk '{ print $NF }' <<< "$1"; }  # the newest figure of a list

declare -A ours_pp ours_tg ref_pp ref_tg
files=()
for shape in $shapes; do
  for type in $types; do
    files+=("$shape:$type:$(model_file "$shape" "$type")")
  done
done

for r in $(seq "$rounds"); do
  for entry in "${files[@]}"; do
    key=${entry%:*}
    file=${entry##*:}
    if [ $((r % 2)) -eq 1 ]; then order="ref ours"; else order="ours ref"; fi
    for who in $order; do
      if [ "$who" = ref ]; then
        read -r a b < <(run_llama "$file")
        ref_pp[$key]+="$a "; ref_tg[$key]+="$b "
      else
        read -r a b < <(run_ours "$file")
        ours_pp[$key]+="$a "; ours_tg[$key]+="$b "
      fi
    done
    echo "round $r/$rounds $key: llama.cpp pp $(last "${ref_pp[$key]}") tg $(last "${ref_tg[$key]}"), ours pp $(last "${ours_pp[$key]}") tg $(last "${ours_tg[$key]}")" >&2
  done
done

printf '\n%-14s %-7s %-6s %12s %12s %7s   %s\n' shape type test "llama.cpp" yardstick ratio "runs (ours | llama.cpp)"
for entry in "${files[@]}"; do
  key=${entry%:*}
  shape=${key%%:*}
  type=${key#*:}
  for t in pp tg; do
    if [ $t = pp ]; then o=${ours_pp[$key]}; l=${ref_pp[$key]}; n=$pp; else o=${ours_tg[$key]}; l=${ref_tg[$key]}; n=$tg; fi
    mo=$(median <<< "$o")
    ml=$(median <<< "$l")
    ratio=$(awk -v a="$mo" -v b="$ml" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
    printf '%-14s %-7s %-6s %12.2f %12.2f %7s   %s| %s\n' "$shape" "$type" "$t$n" "$ml" "$mo" "$ratio" "$o" "$l"
  done
done
echo
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; $threads threads, $rounds alternating rounds, medians"
cat "$dir/kernels.txt" 2> /dev/null || true
echo "llama.cpp: 81ff7ab, CPU variant $(llama_variant "${files[0]##*:}")"
