// Run-time CPU dispatch. The default build runs on any x86-64; the kernels compiled for wider
// instruction sets (*_avx2.cpp: AVX2/FMA/F16C; *_avxvnni.cpp: that and AVX-VNNI; *_avx512.cpp:
// AVX-512 F/BW/VL/VNNI) only run when the chosen path allows them.
//
// Paths, from the CPU's features (cpuid via __builtin_cpu_supports, which also checks that the
// OS saves the registers):
//   scalar  the portable reference kernels
//   avx2     AVX2 + FMA + F16C
//   avxvnni  avx2 plus AVX-VNNI (the VEX form of vpdpbusd, on CPUs without AVX-512): the integer
//            kernels that have an AVX-VNNI variant use it, the rest keep their AVX2 version
//   avx512   avx2 plus AVX-512 F, BW, VL and VNNI: the kernels that have an AVX-512 variant use
//            it, the rest keep their AVX2 version (the AVX-VNNI variants are not used)
// The best path the CPU has is used (avx512 over avxvnni over avx2) unless the environment says
// otherwise:
//   YS_CPU=scalar|avx2|avxvnni|avx512  force a path, for A/B runs; a path the CPU lacks, or an
//                              unknown value, falls back to the best available with one warning
//   YS_NO_SIMD (any value)     the same as YS_CPU=scalar (kept for older scripts)
// AMX is never used: its tile state must first be granted by the kernel (arch_prctl
// ARCH_REQ_XCOMP_PERM), and none of the kernels use it. Evaluated once; thread-safe.
#pragma once

#include <string>

namespace ys::cpu {

enum class CpuPath { scalar = 0, avx2 = 1, avxvnni = 2, avx512 = 3 };

CpuPath cpu_path();
const char* cpu_path_name(CpuPath path);
// One line for verbose output: the path in use, why, and the features cpuid reports, e.g.
// "avx512 (best available; cpu: avx2 fma f16c avx512f avx512bw avx512vl avx512vnni avxvnni)".
std::string cpu_description();

bool cpu_has_avx2();     // cpu_path() >= avx2 (the set the *_avx2.cpp files are compiled for)
bool cpu_has_avx512();   // cpu_path() == avx512
bool cpu_has_avxvnni();  // cpu_path() == avxvnni (the *_avxvnni.cpp kernels are the ones to use)

// The version of one kernel that the path in use runs, from its versions (nullptr where a
// version does not exist): the AVX-512 one on the avx512 path, the AVX-VNNI one on the avxvnni
// path, else the AVX2 one on any vector path, else the scalar one.
template <class Fn>
Fn pick_kernel(Fn scalar, Fn avx2, Fn avxvnni, Fn avx512) {
  if (avx512 && cpu_has_avx512()) return avx512;
  if (avxvnni && cpu_has_avxvnni()) return avxvnni;
  return avx2 && cpu_has_avx2() ? avx2 : scalar;
}

}  // namespace ys::cpu
