// The vector math's own error bounds, over dense sweeps of float inputs: the fits behind tanh and
// sigmoid (scripts/fit_rational_tanh.py, scripts/fit_exp_poly.py) against float64.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ap/activations.hpp"
#include "float_compare.hpp"

TEST_CASE("the vector tanh keeps its documented error bounds over every 64th float in [0, 9]", "[activations][simd]") {
  // tanh's vector kernel is a rational fit (scripts/fit_rational_tanh.py): ≤ 3.6e-7 absolute,
  // ≤ 4 ulp below |x| = 0.5, never beyond ±1, odd.
  std::vector<float> x;
  for (uint32_t b = 0; b <= 0x41100000u; b += 64) {
    float f;
    std::memcpy(&f, &b, sizeof f);
    x.push_back(f);
    x.push_back(-f);
  }
  std::vector<float> y(x.size());
  const int id = ap::find_activation("tanh");
  REQUIRE(ap::activation_forward(id, x.data(), y.data(), x.size(), nullptr, {}, ap::KernelPath::vector).empty());
  double worst_abs = 0;
  int64_t worst_small_ulp = 0;
  std::size_t beyond_one = 0, not_odd = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double ref = std::tanh(static_cast<double>(x[i]));
    worst_abs = std::max(worst_abs, std::fabs(y[i] - ref));
    if (std::fabs(x[i]) < 0.5f) worst_small_ulp = std::max(worst_small_ulp, ap::test::ulp_distance(y[i], static_cast<float>(ref)));
    if (std::fabs(y[i]) > 1.f) ++beyond_one;
    if (i % 2 == 1 && !(y[i] == -y[i - 1] && std::signbit(y[i]) != std::signbit(y[i - 1]))) ++not_odd;
  }
  CAPTURE(worst_abs, worst_small_ulp);
  CHECK(worst_abs <= 3.6e-7);
  CHECK(worst_small_ulp <= 4);
  CHECK(beyond_one == 0);
  CHECK(not_odd == 0);
}

TEST_CASE("the vector sigmoid stays within 4 ulp of float64 over every 256th float in [-87, 20]", "[activations][simd]") {
  // sigmoid's vector kernel has its own degree-5 exp polynomial (scripts/fit_exp_poly.py: 3.7 ulp
  // worst case); below −87 σ is subnormal. Also: exactly ½ at ±0, and exactly 1 / +0 when saturated.
  std::vector<float> x;
  for (uint32_t b = 0; b <= 0x42ae0000u; b += 256) {
    float f;
    std::memcpy(&f, &b, sizeof f);
    x.push_back(-f);
    if (f <= 20.f) x.push_back(f);
  }
  x.insert(x.end(), {0.f, -0.f, 100.f, 1e4f, INFINITY, -89.f, -1e4f, -INFINITY});
  std::vector<float> y(x.size());
  const int id = ap::find_activation("sigmoid");
  REQUIRE(ap::activation_forward(id, x.data(), y.data(), x.size(), nullptr, {}, ap::KernelPath::vector).empty());
  int64_t worst_ulp = 0;
  float worst_x = 0;
  for (std::size_t i = 0; i + 8 < x.size(); ++i) {
    const double ref = 1.0 / (1.0 + std::exp(-static_cast<double>(x[i])));
    const int64_t u = ap::test::ulp_distance(y[i], static_cast<float>(ref));
    if (u > worst_ulp) worst_ulp = u, worst_x = x[i];
  }
  CAPTURE(worst_ulp, worst_x);
  CHECK(worst_ulp <= 4);
  const std::size_t e = x.size() - 6;
  CHECK((y[e - 2] == 0.5f && y[e - 1] == 0.5f));
  CHECK((y[e] == 1.f && y[e + 1] == 1.f && y[e + 2] == 1.f));
  CHECK(y[e + 3] < 1e-38f);
  CHECK((y[e + 4] == 0.f && !std::signbit(y[e + 4]) && y[e + 5] == 0.f && !std::signbit(y[e + 5])));
}
