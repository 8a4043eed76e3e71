#!/usr/bin/env bash
# Configures and builds yardstick into ./build (Release with debug info, warnings as errors).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${YS_JOBS:-$(nproc)}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYS_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
