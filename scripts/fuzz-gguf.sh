#!/usr/bin/env bash
# Fuzzes the GGUF reader and tokenizer loading with libFuzzer + AddressSanitizer + UBSan.
# Usage: scripts/fuzz-gguf.sh [SECONDS=180] [WORK_DIR=build-fuzz]
# Seeds: every fixture GGUF in ../shared/fixtures, shrunk to a small valid file (make_seeds).
# Crashing inputs land in WORK_DIR/crashes; the corpus grows in WORK_DIR/corpus across runs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-180}"
work="${2:-$root/build-fuzz}"
fixtures="$root/../shared/fixtures"
mkdir -p "$work/corpus" "$work/crashes" "$work/seeds"

sources=("$root"/backends/local/gguf/*.cpp "$root"/backends/local/tokenizer/*.cpp)
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -I"$root")

echo "building fuzz target in $work"
clang++ "${flags[@]}" -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  "$root/backends/local/fuzz/gguf_fuzz.cpp" "${sources[@]}" -o "$work/gguf_fuzz"
clang++ "${flags[@]}" "$root/backends/local/fuzz/make_seeds.cpp" "${sources[@]}" \
  -o "$work/make_seeds"

if compgen -G "$fixtures/*/*.gguf" > /dev/null; then
  "$work/make_seeds" "$work/seeds" "$fixtures"/models/*.gguf "$fixtures"/tokenizer/*.gguf
else
  echo "warning: no fixtures at $fixtures; fuzzing from an empty corpus" >&2
fi

echo "fuzzing for $seconds s"
"$work/gguf_fuzz" "$work/corpus" "$work/seeds" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="$work/crashes/" -print_final_stats=1 2>&1 | tee "$work/fuzz.log" | tail -40
