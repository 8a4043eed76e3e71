#!/usr/bin/env bash
# Fails when a library includes a header of a library above it, so the one-way dependency graph of
# docs/architecture.md stays one-way. Each rule: a source folder and the folders its files may
# include from ("" quotes only; system and third-party headers use <>). Folders not listed (the CLI,
# tests, bench) may include anything.
set -euo pipefail
cd "$(dirname "$0")/.."

# folder -> allowed include prefixes (space-separated); the most specific folder wins.
rules=(
  "harness/core:harness/core"
  "judge:harness/core judge"
  "datasets:harness/core judge datasets"
  "backends/local:harness/core backends/local"
  "backends:harness/core backends"
  "suites:harness/core judge datasets suites"
  "reports:harness/core judge reports"
  "harness/store:harness/core harness/store"
  "harness/run:harness/core harness/store harness/run"
  "harness/config:harness/core harness/config"
)

rule_for() {  # prints the allowed prefixes of the most specific rule matching file $1
  local file=$1 best="" best_len=0 folder allowed
  for r in "${rules[@]}"; do
    folder=${r%%:*}
    allowed=${r#*:}
    if [[ $file == "$folder"/* && ${#folder} -gt $best_len ]]; then
      best=$allowed
      best_len=${#folder}
    fi
  done
  printf '%s' "$best"
}

bad=0
while IFS= read -r file; do
  allowed=$(rule_for "$file")
  [ -n "$allowed" ] || continue
  while IFS= read -r inc; do
    ok=0
    for prefix in $allowed; do
      if [[ $inc == "$prefix"/* ]]; then ok=1; break; fi
    done
    # A header next to the file (no folder) is the file's own component.
    [[ $inc == */* ]] || ok=1
    if [ $ok -eq 0 ]; then
      echo "layering: $file includes \"$inc\" (allowed: $allowed)"
      bad=1
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
done < <(git ls-files -- '*.h' '*.cpp' '*.cu' '*.cuh')

if [ $bad -ne 0 ]; then
  echo "layering check failed: see docs/architecture.md for the order"
  exit 1
fi
echo "layering check: ok"
