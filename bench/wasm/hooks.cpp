// Bench-only bindings, linked into the bench's copy of the module (never into dist/): the bounds
// bench/run.mjs and bench/activations.mjs report next to the kernels.
#include <emscripten/bind.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "simd_lanes.hpp"

namespace {

using namespace ap::simd;

/// `iterations` × 8 independent 4-lane multiply-add chains (64 flops each): the arithmetic peak.
/// Returns a checksum so the work is kept.
float peak_madd(double iterations) {
  V4 a0 = splat(1.f), a1 = splat(1.1f), a2 = splat(1.2f), a3 = splat(1.3f), a4 = splat(1.4f), a5 = splat(1.5f),
     a6 = splat(1.6f), a7 = splat(1.7f);
  const V4 m = splat(0.999999f), c = splat(1e-7f);
  const auto n = static_cast<std::size_t>(iterations);
  for (std::size_t i = 0; i < n; ++i) {
    a0 = a0 * m + c;
    a1 = a1 * m + c;
    a2 = a2 * m + c;
    a3 = a3 * m + c;
    a4 = a4 * m + c;
    a5 = a5 * m + c;
    a6 = a6 * m + c;
    a7 = a7 * m + c;
  }
  return hsum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
}

/// The memcpy bound: n floats from src to dst (byte offsets in WASM memory).
void copy_floats(std::uintptr_t dst, std::uintptr_t src, std::size_t n) {
  std::memcpy(reinterpret_cast<float*>(dst), reinterpret_cast<const float*>(src), n * sizeof(float));
}

}  // namespace

EMSCRIPTEN_BINDINGS(activation_playground_bench) {
  emscripten::function("peakMadd", &peak_madd);
  emscripten::function("copyFloats", &copy_floats);
}
