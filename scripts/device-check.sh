#!/usr/bin/env bash
# The CUDA engine's device check (docs/engine-cuda.md): builds the engine-only tree (C++ compiler,
# CMake and the CUDA toolkit; no other dependencies), runs the CUDA tests and cuda_bench, and
# prints a summary. Meant for one run on the GPU machine; on a machine without a GPU it still
# builds and runs the host-side tests, then says "no GPU" and exits 2 (nothing on the device was
# checked). Exit codes: 0 all passed on a GPU, 1 build or test failure, 2 no GPU.
#
# Environment: BUILD_DIR (default build-device), YS_CUDA_ARCHS (default 90a-real: the H200 only,
# to keep the build short; the full default list otherwise), JOBS (default nproc), OUT (if set,
# logs and the summary are copied there).
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-device}
archs=${YS_CUDA_ARCHS:-90a-real}
jobs=${JOBS:-$(nproc)}
log_dir=${OUT:-$build/logs}
mkdir -p "$log_dir" "$build"
summary="$log_dir/device-check-summary.txt"
: >"$summary"
say() { echo "$*" | tee -a "$summary"; }
t0=$(date +%s)
elapsed() { echo "$(( $(date +%s) - t0 )) s"; }

export PATH="$PATH:/usr/local/cuda/bin"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
say "device-check: $(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown-commit), archs $archs"
command -v nvidia-smi >/dev/null &&
  say "$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -1)"

if ! cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DYS_ENGINE_ONLY=ON \
  -DYS_CUDA=ON -DYS_CUDA_ARCHS="$archs" >"$log_dir/configure.log" 2>&1; then
  say "FAIL configure (see configure.log)"; tail -20 "$log_dir/configure.log"; exit 1
fi
if ! cmake --build "$build" -j"$jobs" >"$log_dir/build.log" 2>&1; then
  say "FAIL build (see build.log)"; grep -m20 -E "error|Error" "$log_dir/build.log"; exit 1
fi
say "build: ok after $(elapsed)"

tests="$build/tests/backends/local/cuda"
"$tests/local_cuda_host_test" >"$log_dir/host_test.log" 2>&1
host_rc=$?
say "host tests: $(tail -1 "$log_dir/host_test.log") (exit $host_rc)"

"$tests/local_cuda_kernels_test" >"$log_dir/kernels_test.log" 2>&1
gpu_rc=$?
if [ "$gpu_rc" -eq 77 ]; then
  say "no GPU: $(head -1 "$log_dir/kernels_test.log")"
  say "GPU tests and bench skipped after $(elapsed)"
  [ "$host_rc" -eq 0 ] || exit 1
  exit 2
fi
cat "$log_dir/kernels_test.log"
say "GPU tests: $(tail -1 "$log_dir/kernels_test.log") (exit $gpu_rc)"

"$build/bench/cuda/cuda_bench" >"$log_dir/bench.log" 2>&1
bench_rc=$?
tee -a "$summary" <"$log_dir/bench.log"
say "bench: exit $bench_rc; total $(elapsed)"
[ "$host_rc" -eq 0 ] && [ "$gpu_rc" -eq 0 ] && [ "$bench_rc" -eq 0 ] || exit 1
exit 0
