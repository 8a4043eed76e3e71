#!/usr/bin/env bash
# The test command (README, .ci/run): installs dependencies if missing, builds, and runs the fast
# test suite under CTest. Pass -L slow (or any ctest arguments) to run other labels.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
jobs=${YS_JOBS:-$(nproc)}
if [ $# -eq 0 ]; then set -- -L fast; fi
ctest --test-dir build --output-on-failure -j"$jobs" "$@"
