// A small seeded generator (PCG32) with uniform and normal draws computed only with exactly
// rounded float operations and the project's own log, so one seed gives bit-identical numbers
// natively and in WASM (SIMD or not).
#pragma once
#include <cstdint>

namespace ap {

class Rng {
 public:
  explicit Rng(uint64_t seed) { reseed(seed); }
  void reseed(uint64_t seed);
  /// Next 32 random bits.
  uint32_t next_u32();
  /// Uniform in [0, 1) with 24 random bits.
  float uniform();
  /// Uniform in [lo, hi).
  float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal (Marsaglia's polar method).
  float normal();
  /// Uniform integer in [0, n).
  uint32_t below(uint32_t n);

 private:
  uint64_t state_ = 0, inc_ = 0;
  float spare_ = 0.f;
  bool has_spare_ = false;
};

}  // namespace ap
