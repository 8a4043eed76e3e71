#!/usr/bin/env bash
# Configures and builds yardstick into ./build (RelWithDebInfo). YS_WERROR=ON turns warnings into
# errors (the code is kept at zero warnings; CI builds without it so a new compiler's new warning
# cannot block a landing).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${YS_JOBS:-$(nproc)}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYS_WERROR="${YS_WERROR:-OFF}" >/dev/null
cmake --build build -j"$jobs"
