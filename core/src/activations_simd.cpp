// Vector kernels, 4 lanes at a time, one struct per registry entry with the same name as the
// scalar reference in activation_registry.hpp. Tails (n % 4) go through the same vector code on a
// padded copy, so every element of an array gets bit-identical treatment wherever it sits. With
// real SIMD (wasm simd128, SSE2) these are the SIMD kernels; in the fallback build the same code
// runs on portable lanes, so both builds give bit-identical results.
#include "kernels_internal.hpp"
#include "simd_math.hpp"

#include <cstring>

#include "ap/activation_registry.hpp"

namespace ap::detail {
namespace {
using namespace ap::simd;

// step(x) = 1 if x > 0 else 0 (NaN → 0).  step'(x) = 0.
struct Step {
  static V4 value(V4 x, const float*) { return bit_and(gt(x, splat(0.f)), splat(1.f)); }
  static V4 backward(V4, V4, V4, const float*) { return splat(0.f); }
};

// σ(x) = 1/(1+e) for x ≥ 0, e/(1+e) for x < 0, where e = exp(−|x|) ∈ (0, 1].  σ' = g(1−y)y.
struct Sigmoid {
  static V4 value(V4 x, const float*) {
    const V4 e = ap::simd::exp(splat(0.f) - vabs(x));
    const V4 inv = splat(1.f) / (splat(1.f) + e);
    return select(ge(x, splat(0.f)), inv, e * inv);
  }
  static V4 backward(V4, V4 y, V4 gy, const float*) { return gy * (splat(1.f) - y) * y; }
};

// tanh(x): odd Taylor polynomial up to x^15 for |x| < 0.5 (truncation < 1e-8 relative), else
// sign(x)·(1 − 2/(e^{2|x|} + 1)).  tanh' = g(1 − y²).
struct Tanh {
  static V4 value(V4 x, const float*) {
    const V4 a = vabs(x);
    const V4 z = x * x;
    V4 p = splat(-929569.f / 638512875.f);
    p = p * z + splat(21844.f / 6081075.f);
    p = p * z + splat(-1382.f / 155925.f);
    p = p * z + splat(62.f / 2835.f);
    p = p * z + splat(-17.f / 315.f);
    p = p * z + splat(2.f / 15.f);
    p = p * z + splat(-1.f / 3.f);
    const V4 small = a + a * (p * z);
    const V4 e = ap::simd::exp(a + a);
    const V4 large = splat(1.f) - splat(2.f) / (e + splat(1.f));
    const V4 y = copysign_pos(select(lt(a, splat(0.5f)), small, large), x);
    return select(is_nan(x), x, y);
  }
  static V4 backward(V4, V4 y, V4 gy, const float*) { return gy * (splat(1.f) - y * y); }
};

// relu(x) = x < 0 ? 0 : x (keeps −0 and NaN, like PyTorch).  relu' = g if y > 0 else 0.
struct ReLU {
  static V4 value(V4 x, const float*) { return vmax(x, splat(0.f)); }
  static V4 backward(V4, V4 y, V4 gy, const float*) { return select(le(y, splat(0.f)), splat(0.f), gy); }
};

// leaky_relu(x) = x if x > 0 else s·x.  leaky_relu' = g if x > 0 else g·s.
struct LeakyReLU {
  static V4 value(V4 x, const float* p) { return select(gt(x, splat(0.f)), x, x * splat(p[0])); }
  static V4 backward(V4 x, V4, V4 gy, const float* p) {
    return select(gt(x, splat(0.f)), gy, gy * splat(p[0]));
  }
};

template <class K>
void forward_loop(const float* x, float* y, std::size_t n, const float* p) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store(y + i, K::value(load(x + i), p));
  if (i < n) {
    float buf[4] = {0, 0, 0, 0};
    std::memcpy(buf, x + i, (n - i) * sizeof(float));
    store(buf, K::value(load(buf), p));
    std::memcpy(y + i, buf, (n - i) * sizeof(float));
  }
}

template <class K>
V4 backward_lanes(V4 x, V4 g, const float* p) {
  return K::backward(x, K::value(x, p), g, p);
}

template <class K>
void backward_loop(const float* x, const float* gy, float* gx, std::size_t n, const float* p) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const V4 g = gy ? load(gy + i) : splat(1.f);
    store(gx + i, backward_lanes<K>(load(x + i), g, p));
  }
  if (i < n) {
    float xb[4] = {0, 0, 0, 0}, gb[4] = {1, 1, 1, 1};
    std::memcpy(xb, x + i, (n - i) * sizeof(float));
    if (gy) std::memcpy(gb, gy + i, (n - i) * sizeof(float));
    store(xb, backward_lanes<K>(load(xb), load(gb), p));
    std::memcpy(gx + i, xb, (n - i) * sizeof(float));
  }
}

// exp(x − m) over a row, the inner step of softmax.
struct ExpShift {
  static V4 value(V4 x, const float* m) { return ap::simd::exp(x - splat(*m)); }
};

}  // namespace

void simd_forward(int id, const float* x, float* y, std::size_t n, const float* p) {
  switch (static_cast<ActivationId>(id)) {
#define AP_CASE(T) \
  case ActivationId::T: forward_loop<T>(x, y, n, p); break;
    AP_ELEMENTWISE_ACTIVATIONS(AP_CASE)
#undef AP_CASE
    default: break;
  }
}

void simd_backward(int id, const float* x, const float* gy, float* gx, std::size_t n, const float* p) {
  switch (static_cast<ActivationId>(id)) {
#define AP_CASE(T) \
  case ActivationId::T: backward_loop<T>(x, gy, gx, n, p); break;
    AP_ELEMENTWISE_ACTIVATIONS(AP_CASE)
#undef AP_CASE
    default: break;
  }
}

// softmax(x)_i = exp(x_i − m) · (1 / Σ exp(x_j − m)), m = max x (NaN if any x is NaN).
void simd_softmax_row(const float* x, float* y, std::size_t n) {
  if (n == 0) return;
  float m = x[0];
  for (std::size_t i = 1; i < n; ++i) m = (x[i] > m || x[i] != x[i]) ? x[i] : m;
  forward_loop<ExpShift>(x, y, n, &m);
  float sum = 0.f;
  for (std::size_t i = 0; i < n; ++i) sum += y[i];
  const float inv = 1.f / sum;
  for (std::size_t i = 0; i < n; ++i) y[i] *= inv;
}

}  // namespace ap::detail
