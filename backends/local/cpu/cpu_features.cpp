#include "backends/local/cpu/cpu_features.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ys::cpu {

namespace {

struct Features {
  bool avx2 = false, fma = false, f16c = false;
  bool avx512f = false, avx512bw = false, avx512vl = false, avx512vnni = false, avxvnni = false;
};

Features detect() {
  Features f;
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  f.avx2 = __builtin_cpu_supports("avx2");
  f.fma = __builtin_cpu_supports("fma");
  f.f16c = __builtin_cpu_supports("f16c");
  f.avx512f = __builtin_cpu_supports("avx512f");
  f.avx512bw = __builtin_cpu_supports("avx512bw");
  f.avx512vl = __builtin_cpu_supports("avx512vl");
  f.avx512vnni = __builtin_cpu_supports("avx512vnni");
  f.avxvnni = __builtin_cpu_supports("avxvnni");
#endif
  return f;
}

const Features& features() {
  static const Features f = detect();
  return f;
}

bool supports(const Features& f, CpuPath p) {
  const bool avx2 = f.avx2 && f.fma && f.f16c;
  switch (p) {
    case CpuPath::scalar:
      return true;
    case CpuPath::avx2:
      return avx2;
    case CpuPath::avxvnni:
      return avx2 && f.avxvnni;
    case CpuPath::avx512:
      return avx2 && f.avx512f && f.avx512bw && f.avx512vl && f.avx512vnni;
  }
  return false;
}

CpuPath best_path(const Features& f) {
  for (CpuPath p : {CpuPath::avx512, CpuPath::avxvnni, CpuPath::avx2}) {
    if (supports(f, p)) return p;
  }
  return CpuPath::scalar;
}

struct Choice {
  CpuPath path;
  const char* why;
};

Choice choose() {
  const CpuPath best = best_path(features());
  if (std::getenv("YS_NO_SIMD") != nullptr) return {CpuPath::scalar, "YS_NO_SIMD"};
  const char* want = std::getenv("YS_CPU");
  if (want == nullptr || *want == '\0') return {best, "best available"};
  for (CpuPath p : {CpuPath::scalar, CpuPath::avx2, CpuPath::avxvnni, CpuPath::avx512}) {
    if (std::strcmp(want, cpu_path_name(p)) != 0) continue;
    if (supports(features(), p)) return {p, "YS_CPU"};
    std::fprintf(stderr, "yardstick: YS_CPU=%s: this CPU lacks it; using %s\n", want,
                 cpu_path_name(best));
    return {best, "YS_CPU not available"};
  }
  std::fprintf(stderr, "yardstick: YS_CPU=%s is not scalar, avx2, avxvnni or avx512; using %s\n",
               want, cpu_path_name(best));
  return {best, "YS_CPU not understood"};
}

const Choice& choice() {
  static const Choice c = choose();
  return c;
}

}  // namespace

CpuPath cpu_path() {
  return choice().path;
}

const char* cpu_path_name(CpuPath path) {
  switch (path) {
    case CpuPath::scalar:
      return "scalar";
    case CpuPath::avx2:
      return "avx2";
    case CpuPath::avxvnni:
      return "avxvnni";
    case CpuPath::avx512:
      return "avx512";
  }
  return "?";
}

std::string cpu_description() {
  const Features& f = features();
  std::string s = std::string(cpu_path_name(cpu_path())) + " (" + choice().why + "; cpu:";
  const std::pair<bool, const char*> flags[] = {{f.avx2, "avx2"},
                                                {f.fma, "fma"},
                                                {f.f16c, "f16c"},
                                                {f.avx512f, "avx512f"},
                                                {f.avx512bw, "avx512bw"},
                                                {f.avx512vl, "avx512vl"},
                                                {f.avx512vnni, "avx512vnni"},
                                                {f.avxvnni, "avxvnni"}};
  for (const auto& [has, name] : flags) {
    if (has) s += std::string(" ") + name;
  }
  return s + "; AMX not used)";
}

bool cpu_has_avx2() {
  return cpu_path() >= CpuPath::avx2;
}

bool cpu_has_avx512() {
  return cpu_path() == CpuPath::avx512;
}

bool cpu_has_avxvnni() {
  return cpu_path() == CpuPath::avxvnni;
}

}  // namespace ys::cpu
