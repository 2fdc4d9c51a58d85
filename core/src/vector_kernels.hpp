// Vector kernels, 4 lanes at a time, one struct per registry entry with the same name as the
// scalar reference in activations_elementwise.hpp, formula and derivative above each. Included by
// activations_simd.cpp only, whose loops and tables run them; an entry with no struct here runs
// its scalar reference lane by lane.
#pragma once
#include "simd_math.hpp"

#include "ap/activations_elementwise.hpp"

namespace ap::detail {
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

/// The kernels of an entry with variants, in the order of its first parameter's choices.
template <class... Ks>
struct Choice {};

// gelu: approximate = 'none' (exact, erf) or 'tanh'.
struct GELU {
  using Variants = Choice<GeluErf, GeluTanh>;
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

}  // namespace ap::detail
