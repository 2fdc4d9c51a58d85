// Vector kernels, 4 lanes at a time, one struct per registry entry with the same name as the
// scalar reference in activation_registry.hpp. Tails (n % 4) go through the same vector code on a
// padded copy, so every element of an array gets bit-identical treatment wherever it sits. With
// real SIMD (wasm simd128, SSE2) these are the SIMD kernels; in the fallback build the same code
// runs on portable lanes, so both builds give bit-identical results.
#include "kernels_internal.hpp"
#include "simd_math.hpp"
#include <iterator>

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

// linear(x) = x.  linear' = g.
struct Linear {
  static V4 value(V4 x, const float*) { return x; }
  static V4 backward(V4, V4, V4 gy, const float*) { return gy; }
};

// σ(x), see simd_math.hpp.  σ' = g(1−y)y.
struct Sigmoid {
  static V4 value(V4 x, const float*) { return ap::simd::sigmoid(x); }
  static V4 backward(V4, V4 y, V4 gy, const float*) { return gy * (splat(1.f) - y) * y; }
};

// tanh(x), see simd_math.hpp.  tanh' = g(1 − y²).
struct Tanh {
  static V4 value(V4 x, const float*) { return tanh_rational(x); }
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
  static V4 backward(V4 x, V4, V4 gy, const float* p) { return select(gt(x, splat(0.f)), gy, gy * splat(p[0])); }
};

// prelu with one shared weight is leaky_relu with the weight as slope (w·x and x·w round alike).
struct PReLU : LeakyReLU {};

// elu(x) = x if x > 0 else expm1(x)·α.  elu' = g if x > 0 else g·α·e^x.
struct ELU {
  static V4 value(V4 x, const float* p) {
    return select(gt(x, splat(0.f)), x, expm1_nonpositive(x) * splat(p[0]) + splat(0.f));
  }
  static V4 backward(V4 x, V4, V4 gy, const float* p) {
    return select(gt(x, splat(0.f)), gy, gy * splat(p[0]) * exp_nonpositive(x));
  }
};

// selu(x) = x·λ if x > 0 else expm1(x)·α·λ.  selu' = g·λ or g·α·λ·e^x.
struct SELU {
  static V4 value(V4 x, const float*) {
    const V4 scale = splat(static_cast<float>(ap::SELU::kScale));
    return select(gt(x, splat(0.f)), x * scale,
                  expm1_nonpositive(x) * splat(static_cast<float>(ap::SELU::kAlpha)) * scale + splat(0.f));
  }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 scale = splat(static_cast<float>(ap::SELU::kScale));
    return select(gt(x, splat(0.f)), gy * scale,
                  gy * splat(static_cast<float>(ap::SELU::kAlpha)) * scale * exp_nonpositive(x));
  }
};

// celu(x) = x if x > 0 else expm1(x/α)·α.  celu' = g if x > 0 else g·e^(x/α).
struct CELU {
  static V4 value(V4 x, const float* p) {
    const V4 inv = splat(1.f / p[0]);
    return select(gt(x, splat(0.f)), x, ap::simd::expm1(x * inv) * splat(p[0]) + splat(0.f));
  }
  static V4 backward(V4 x, V4, V4 gy, const float* p) {
    const V4 inv = splat(1.f / p[0]);
    return select(gt(x, splat(0.f)), gy, gy * inv * splat(p[0]) * ap::simd::exp(x * inv));
  }
};

// gelu, exact: ½x·erfc(−x/√2);  gelu' = Φ(x) + x·φ(x).
struct GeluErf {
  static V4 value(V4 x, const float*) {
    return splat(0.5f) * x * ap::simd::erfc(neg(x) * splat(static_cast<float>(ap::GELU::kSqrtHalf))) + splat(0.f);
  }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 cdf = splat(0.5f) * ap::simd::erfc(neg(x) * splat(static_cast<float>(ap::GELU::kSqrtHalf)));
    const V4 pdf = exp_nonpositive(splat(-0.5f) * x * x) * splat(static_cast<float>(ap::GELU::kInvSqrt2Pi));
    return gy * (cdf + x * pdf);
  }
};

// gelu, tanh form: ½x(1 + tanh(u)) = x·σ(2u), u = √(2/π)(x + 0.044715x³) (the σ form needs one exp
// and no subtraction from 1, so it is also accurate in the negative tail);  derivative by the
// product rule with t = tanh(u) rounded as PyTorch rounds it (1 − t² near t = ±1 is sensitive to it).
struct GeluTanh {
  static V4 value(V4 x, const float*) {
    // 2u = x·(2√(2/π) + 2√(2/π)·0.044715·x²): one multiply fewer than the textbook order.
    constexpr float kA = static_cast<float>(2.0 * ap::GELU::kSqrt2OverPi);
    constexpr float kB = static_cast<float>(2.0 * ap::GELU::kSqrt2OverPi * ap::GELU::kCubic);
    return x * ap::simd::sigmoid(x * (splat(kA) + splat(kB) * (x * x)));
  }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 x2 = x * x;
    const V4 t = tanh_accurate(splat(static_cast<float>(ap::GELU::kSqrt2OverPi)) *
                                (x + splat(static_cast<float>(ap::GELU::kCubic)) * x2 * x));
    const V4 dinner = splat(static_cast<float>(ap::GELU::kSqrt2OverPi)) *
                      (splat(1.f) + splat(3.f) * splat(static_cast<float>(ap::GELU::kCubic)) * x2);
    return gy * (splat(0.5f) * (splat(1.f) + t) + splat(0.5f) * x * (splat(1.f) - t * t) * dinner);
  }
};

// silu(x) = x·σ(x).  silu' = g·σ(1 + x(1 − σ)).
struct SiLU {
  static V4 value(V4 x, const float*) { return x * ap::simd::sigmoid(x); }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 s = ap::simd::sigmoid(x);
    return gy * s * (splat(1.f) + x * (splat(1.f) - s));
  }
};

// mish(x) = x·tanh(softplus(x)).  mish' = g(t + x·σ(x)(1 − t²)).
struct Mish {
  static V4 value(V4 x, const float*) { return x * tanh_accurate(ap::simd::softplus(x)); }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 s = ap::simd::sigmoid(x);
    const V4 t = tanh_accurate(ap::simd::softplus(x));
    return gy * (t + x * s * (splat(1.f) - t * t));
  }
};

// softplus(x) = softplus(βx)/β, x where βx > threshold.  softplus' = g·σ(βx), g above.
struct Softplus {
  static V4 value(V4 x, const float* p) {
    const V4 bx = x * splat(p[0]);
    return select(gt(bx, splat(p[1])), x, ap::simd::softplus(bx) / splat(p[0]));
  }
  static V4 backward(V4 x, V4, V4 gy, const float* p) {
    const V4 bx = x * splat(p[0]);
    return select(gt(bx, splat(p[1])), gy, gy * ap::simd::sigmoid(bx));
  }
};

// softsign(x) = x/(|x| + 1).  softsign' = g/d − (g·x/d²)·sgn(x), d = |x| + 1 (autograd's order).
struct Softsign {
  static V4 value(V4 x, const float*) { return x / (vabs(x) + splat(1.f)); }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 d = vabs(x) + splat(1.f);
    const V4 sgn = select(gt(x, splat(0.f)), splat(1.f), select(lt(x, splat(0.f)), splat(-1.f), x * splat(0.f)));
    return gy / d + (neg(gy) * x / (d * d)) * sgn;
  }
};

/// x < lo ? lo : (x > hi ? hi : x), NaN passes through.
inline V4 clamp(V4 x, V4 lo, V4 hi) { return select(lt(x, lo), lo, select(gt(x, hi), hi, x)); }
/// g where lo < x < hi, else 0 (also for NaN, as PyTorch).
inline V4 inside(V4 x, V4 lo, V4 hi, V4 g) { return select(bit_and(gt(x, lo), lt(x, hi)), g, splat(0.f)); }

// hardtanh(x) = clamp(x, min_val, max_val).  hardtanh' = g strictly inside, else 0.
struct Hardtanh {
  static V4 value(V4 x, const float* p) { return clamp(x, splat(p[0]), splat(p[1])); }
  static V4 backward(V4 x, V4, V4 gy, const float* p) { return inside(x, splat(p[0]), splat(p[1]), gy); }
};

// relu6(x) = clamp(x, 0, 6).  relu6' = g on (0, 6), else 0.
struct ReLU6 {
  static V4 value(V4 x, const float*) { return clamp(x, splat(0.f), splat(6.f)); }
  static V4 backward(V4 x, V4, V4 gy, const float*) { return inside(x, splat(0.f), splat(6.f), gy); }
};

// hardsigmoid(x) = clamp(x + 3, 0, 6)/6.  hardsigmoid' = g/6 on (−3, 3), else 0.
struct Hardsigmoid {
  static V4 value(V4 x, const float*) { return clamp(x + splat(3.f), splat(0.f), splat(6.f)) / splat(6.f); }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    return select(bit_and(gt(x, splat(-3.f)), lt(x, splat(3.f))), gy / splat(6.f), splat(0.f));
  }
};

// hardswish(x) = x·clamp(x + 3, 0, 6)/6.  hardswish' = 0 below −3, g(x/3 + ½) to 3, g above.
struct Hardswish {
  static V4 value(V4 x, const float*) { return x * clamp(x + splat(3.f), splat(0.f), splat(6.f)) / splat(6.f); }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    return select(lt(x, splat(-3.f)), splat(0.f),
                  select(ge(x, splat(3.f)), gy, gy * ((x / splat(3.f)) + splat(0.5f))));
  }
};

// logsigmoid(x) = min(x, 0) − log1p(e^−|x|).  logsigmoid' = g(1 − σ(x)), written as PyTorch does.
struct LogSigmoid {
  static V4 value(V4 x, const float*) {
    return select(lt(x, splat(0.f)), x, splat(0.f)) - ap::simd::log1p(exp_nonpositive(bit_or(x, sign_mask())));
  }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 neg = lt(x, splat(0.f));
    const V4 z = exp_nonpositive(bit_or(x, sign_mask()));
    const V4 max_deriv = select(neg, splat(1.f), splat(0.f));
    const V4 sign = select(neg, splat(1.f), splat(-1.f));
    return gy * (max_deriv - sign * (z / (splat(1.f) + z)));
  }
};

// tanhshrink(x) = x − tanh(x).  tanhshrink' = g·tanh²(x).
struct Tanhshrink {
  static V4 value(V4 x, const float*) { return x - tanh_accurate(x); }
  static V4 backward(V4 x, V4, V4 gy, const float*) {
    const V4 t = tanh_accurate(x);
    return gy * (t * t);
  }
};

/// Lanes with −λ ≤ x ≤ λ.
inline V4 in_band(V4 x, V4 l) { return bit_and(ge(x, splat(0.f) - l), le(x, l)); }
/// g where x < −λ or x > λ, else 0 (also for NaN, as PyTorch).
inline V4 outside_band(V4 x, V4 l, V4 g) { return select(bit_or(lt(x, splat(0.f) - l), gt(x, l)), g, splat(0.f)); }

// softshrink(x) = x − λ above λ, x + λ below −λ, else x·0.  softshrink' = 0 in the band, else g.
struct Softshrink {
  static V4 value(V4 x, const float* p) {
    const V4 l = splat(p[0]);
    return select(gt(x, l), x - l, select(lt(x, splat(0.f) - l), x + l, splat(0.f)));
  }
  static V4 backward(V4 x, V4, V4 gy, const float* p) { return outside_band(x, splat(p[0]), gy); }
};

// hardshrink(x) = 0 in the band, else x.  hardshrink' = 0 in the band, else g.
struct Hardshrink {
  static V4 value(V4 x, const float* p) { return select(in_band(x, splat(p[0])), splat(0.f), x); }
  static V4 backward(V4 x, V4, V4 gy, const float* p) { return outside_band(x, splat(p[0]), gy); }
};

// threshold(x) = value if x ≤ threshold else x.  threshold' = 0 if x ≤ threshold else g.
struct Threshold {
  static V4 value(V4 x, const float* p) { return select(le(x, splat(p[0])), splat(p[1]), x); }
  static V4 backward(V4 x, V4, V4 gy, const float* p) { return select(le(x, splat(p[0])), splat(0.f), gy); }
};

// sine(x) = sin x.  sine' = g·cos x.
struct Sine {
  static V4 value(V4 x, const float*) { return ap::simd::sin_cos(x, 0); }
  static V4 backward(V4 x, V4, V4 gy, const float*) { return gy * ap::simd::sin_cos(x, 1); }
};

// gaussian(x) = e^(−x²).  gaussian' = g·(−2x)·y.
struct Gaussian {
  static V4 value(V4 x, const float*) { return exp_nonpositive(neg(x * x)); }
  static V4 backward(V4 x, V4 y, V4 gy, const float*) {
    const V4 t = neg(gy * y);
    return t * x + t * x;
  }
};

/// Kernels of one or two instructions per vector, unrolled further (see forward_loop).
template <class K> struct MemoryBound { static constexpr bool value = false; };
template <> struct MemoryBound<ReLU> { static constexpr bool value = true; };
template <> struct MemoryBound<LeakyReLU> { static constexpr bool value = true; };
template <> struct MemoryBound<PReLU> { static constexpr bool value = true; };
template <> struct MemoryBound<Step> { static constexpr bool value = true; };

// Each kernel's loop should stay a function of its own: inlined into one dispatcher they formed a huge
// function that V8 optimised late and compiled worse. noinline stops LLVM; wasm-opt ignores it and
// inlines any function with a single call site, which the dispatch tables below prevent.
template <class K>
__attribute__((noinline)) void forward_loop(const float* x, float* y, std::size_t n, const float* p) {
  std::size_t i = 0;
  if constexpr (MemoryBound<K>::value) {
    // One or two instructions per vector: eight vectors per iteration to keep loads and stores streaming.
    for (; i + 32 <= n; i += 32) {
      V4 v[8];
      for (int k = 0; k < 8; ++k) v[k] = load(x + i + 4 * k);
      for (int k = 0; k < 8; ++k) store(y + i + 4 * k, K::value(v[k], p));
    }
  }
  // Four independent vectors per iteration keep both SIMD pipes busy on short kernels (relu).
  for (; i + 16 <= n; i += 16) {
    const V4 a = load(x + i), b = load(x + i + 4), c = load(x + i + 8), d = load(x + i + 12);
    store(y + i, K::value(a, p));
    store(y + i + 4, K::value(b, p));
    store(y + i + 8, K::value(c, p));
    store(y + i + 12, K::value(d, p));
  }
  for (; i + 4 <= n; i += 4) store(y + i, K::value(load(x + i), p));
  if (i < n) {
    float buf[4] = {0, 0, 0, 0};
    copy_short(x + i, n - i, buf);
    store(buf, K::value(load(buf), p));
    copy_short(buf, n - i, y + i);
  }
}

/// gx = K::backward(x, y, gy) with y loaded when given, recomputed from x when not.
template <class K>
__attribute__((noinline)) void backward_loop(const float* x, const float* y, const float* gy, float* gx, std::size_t n, const float* p) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const V4 g = gy ? load(gy + i) : splat(1.f);
    const V4 xv = load(x + i);
    store(gx + i, K::backward(xv, y ? load(y + i) : K::value(xv, p), g, p));
  }
  if (i < n) {
    float xb[4] = {0, 0, 0, 0}, yb[4] = {0, 0, 0, 0}, gb[4] = {1, 1, 1, 1};
    copy_short(x + i, n - i, xb);
    if (y) copy_short(y + i, n - i, yb);
    if (gy) copy_short(gy + i, n - i, gb);
    const V4 xv = load(xb);
    store(xb, K::backward(xv, y ? load(yb) : K::value(xv, p), load(gb), p));
    copy_short(xb, n - i, gx + i);
  }
}

// exp(x − m) over a row, the inner step of the softmax family.
struct ExpShift {
  static V4 value(V4 x, const float* m) { return exp_nonpositive(x - splat(*m)); }
};

}  // namespace

// The registry's GELU entry runs one of two kernels, chosen once per call by `approximate` in
// simd_forward/simd_backward; this per-vector form only completes the registry's table.
struct GELU {
  static V4 value(V4 x, const float* p) { return p[0] != 0.f ? GeluTanh::value(x, p) : GeluErf::value(x, p); }
  static V4 backward(V4 x, V4 y, V4 gy, const float* p) {
    return p[0] != 0.f ? GeluTanh::backward(x, y, gy, p) : GeluErf::backward(x, y, gy, p);
  }
};

// The loops are called through tables indexed by activation id (the registry lists elementwise
// entries first, in this order). An indirect call keeps every loop a function of its own: called
// from a switch, each had one call site and wasm-opt inlined all of them into one huge function,
// which V8 optimised late and compiled worse than the same loop on its own.
constexpr ElementwiseForward kForwardLoops[] = {
#define AP_ENTRY(T) &forward_loop<T>,
    AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY
};
constexpr ElementwiseBackward kBackwardLoops[] = {
#define AP_ENTRY(T) &backward_loop<T>,
    AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY
};
#define AP_ENTRY(T) static_assert(static_cast<int>(ActivationId::T) < static_cast<int>(std::size(kForwardLoops)));
AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY

void simd_forward(int id, const float* x, float* y, std::size_t n, const float* p) {
  if (id == static_cast<int>(ActivationId::GELU)) {
    if (p[0] != 0.f) forward_loop<GeluTanh>(x, y, n, p);
    else forward_loop<GeluErf>(x, y, n, p);
    return;
  }
  if (id >= 0 && id < static_cast<int>(std::size(kForwardLoops))) kForwardLoops[id](x, y, n, p);
}

void simd_backward(int id, const float* x, const float* y, const float* gy, float* gx, std::size_t n, const float* p) {
  if (id == static_cast<int>(ActivationId::GELU)) {
    if (p[0] != 0.f) backward_loop<GeluTanh>(x, y, gy, gx, n, p);
    else backward_loop<GeluErf>(x, y, gy, gx, n, p);
    return;
  }
  if (id >= 0 && id < static_cast<int>(std::size(kBackwardLoops))) kBackwardLoops[id](x, y, gy, gx, n, p);
}

// softmax(x)_i = exp(x_i − m) · (1 / Σ exp(x_j − m)), m = max x (NaN if any x is NaN);
// log_softmax(x)_i = (x_i − m) − log Σ exp(x_j − m); softmin(x) = softmax(−x).
void simd_vector_row(int id, const float* x, float* y, std::size_t n) {
  if (n == 0) return;
  const auto id_is = [id](ActivationId a) { return id == static_cast<int>(a); };
  if (id_is(ActivationId::Softmin)) {
    for (std::size_t i = 0; i < n; ++i) y[i] = -x[i];
    x = y;
  }
  const float m = row_max(x, n);
  if (id_is(ActivationId::LogSoftmax)) {
    // exp into y first (y may alias x, so keep x's values by subtracting back below).
    double sum = 0.0;  // in double, as the registry's rows: a float running sum drifts on long rows
    float buf[256];
    for (std::size_t o = 0; o < n; o += 256) {
      const std::size_t k = n - o < 256 ? n - o : 256;
      forward_loop<ExpShift>(x + o, buf, k, &m);
      for (std::size_t i = 0; i < k; ++i) sum += buf[i];
    }
    const float log_sum = static_cast<float>(std::log(sum));
    for (std::size_t i = 0; i < n; ++i) y[i] = (x[i] - m) - log_sum;
    return;
  }
  forward_loop<ExpShift>(x, y, n, &m);
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += y[i];
  const float inv = static_cast<float>(1.0 / sum);
  for (std::size_t i = 0; i < n; ++i) y[i] *= inv;
}

}  // namespace ap::detail
