#include "ap/rng.hpp"

#include <cmath>

#include "simd_math.hpp"

namespace ap {

void Rng::reseed(uint64_t seed) {
  state_ = 0;
  inc_ = (seed << 1u) | 1u;
  next_u32();
  state_ += 0x853c49e6748fea9bULL ^ seed;
  next_u32();
  has_spare_ = false;
}

// PCG-XSH-RR: 64-bit LCG state, 32-bit output by xorshift and a data-dependent rotation.
uint32_t Rng::next_u32() {
  const uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
  const uint32_t rot = static_cast<uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

float Rng::uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

uint32_t Rng::below(uint32_t n) {
  // Lemire's multiply-shift with rejection: unbiased.
  uint64_t m = uint64_t{next_u32()} * n;
  uint32_t low = static_cast<uint32_t>(m);
  if (low < n) {
    const uint32_t threshold = (0u - n) % n;
    while (low < threshold) {
      m = uint64_t{next_u32()} * n;
      low = static_cast<uint32_t>(m);
    }
  }
  return static_cast<uint32_t>(m >> 32);
}

// Polar method: (u, v) uniform in the unit disc, s = u² + v²; u·√(−2 ln s / s) and v·√(…) are
// independent standard normals. ln comes from the vector kernels (identical in every build).
float Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  float u, v, s;
  do {
    u = uniform(-1.f, 1.f);
    v = uniform(-1.f, 1.f);
    s = u * u + v * v;
  } while (s >= 1.f || s == 0.f);
  float lane[4];
  simd::store(lane, simd::log(simd::splat(s)));
  const float m = std::sqrt(-2.f * lane[0] / s);
  spare_ = v * m;
  has_spare_ = true;
  return u * m;
}

}  // namespace ap
