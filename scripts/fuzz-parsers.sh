#!/usr/bin/env bash
# Fuzzes the parsers of user-supplied files with libFuzzer + AddressSanitizer + UBSan: custom
# suite files (suite_fuzz), run configs (config_fuzz) and dataset files (dataset_fuzz: MMLU-Pro,
# Arena-Hard questions, answers, judgments). Limits each input must keep: docs/input-limits.md.
# Usage: scripts/fuzz-parsers.sh [SECONDS_PER_TARGET=180] [WORK_DIR=build-fuzz] [TARGET...]
# Seeds: tests/fuzz/corpus/<target> (kept in the tree, small). Crashing inputs land in
# WORK_DIR/<target>/crashes; the corpus grows in WORK_DIR/<target>/corpus across runs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-180}"
work="${2:-$root/build-fuzz}"
shift $(($# > 2 ? 2 : $#))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(suite_fuzz config_fuzz dataset_fuzz); fi

core=("$root"/harness/core/*.cpp)
sources_suite_fuzz=("${core[@]}" "$root"/suites/custom/*.cpp "$root"/judge/mmlu_pro/extract.cpp
  "$root"/judge/mmlu_pro/think.cpp "$root"/judge/mmlu_pro/python_word.cpp
  "$root"/judge/mmlu_pro/python_word_table.cpp)
sources_config_fuzz=("${core[@]}" "$root"/harness/config/*.cpp)
sources_dataset_fuzz=("${core[@]}" "$root"/datasets/mmlu_pro/*.cpp "$root"/datasets/arena_hard/*.cpp
  "$root"/datasets/tiktoken/*.cpp)
libs=(-lcrypto -lyaml-cpp)
# The o200k ranks are built in (.incbin), as datasets/CMakeLists.txt does: arena answers count tokens.
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -I"$root"
  -DYS_O200K_RANKS_PATH="\"$root/datasets/tiktoken/o200k_base.ranks\"")

# Each source is compiled once into WORK_DIR/obj (kept while it is newer than its source and the
# headers did not change: delete WORK_DIR/obj after editing a header), then linked per target.
compile() {
  local src="$1" obj="$work/obj/${1#"$root"/}.o"
  mkdir -p "$(dirname "$obj")"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
    clang++ "${flags[@]}" "${sanitize[@]}" -c "$src" -o "$obj"
  fi
  echo "$obj"
}
sanitize=(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined)

for target in "${targets[@]}"; do
  dir="$work/$target"
  mkdir -p "$dir/corpus" "$dir/crashes"
  sources_var="sources_${target}[@]"
  echo "building $target in $dir"
  objs=()
  for src in "$root/tests/fuzz/$target.cpp" "${!sources_var}"; do objs+=("$(compile "$src")"); done
  clang++ -fsanitize=fuzzer,address,undefined "${objs[@]}" "${libs[@]}" -o "$dir/$target"
  echo "fuzzing $target for $seconds s"
  "$dir/$target" "$dir/corpus" "$root/tests/fuzz/corpus/$target" \
    -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$dir/crashes/" -print_final_stats=1 2>&1 | tee "$dir/fuzz.log" | tail -15
done
