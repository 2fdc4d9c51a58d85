// The vector math the kernels need (exp, expm1, log, log1p, tanh, sigmoid, erfc) over the 4-lane
// type of simd_lanes.hpp, written once so every build gives bit-identical results.
#pragma once
#include "simd_lanes.hpp"

namespace ap::simd {

/// Horner evaluation of c[0] + c[1]·z + … + c[N−1]·z^(N−1).
template <std::size_t N>
inline V4 polynomial(V4 z, const float (&c)[N]) {
  V4 p = splat(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) p = p * z + splat(c[i]);
  return p;
}
/// Horner evaluation of the monic c[0] + c[1]·z + … + c[N−1]·z^(N−1) + z^N: one multiply fewer.
template <std::size_t N>
inline V4 polynomial_monic(V4 z, const float (&c)[N]) {
  V4 p = z + splat(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) p = p * z + splat(c[i]);
  return p;
}

// The reduction every exp-based kernel shares: z = n·ln 2 + r with n = round(z / ln 2) and |r| ≤ ln2/2
// (Cody–Waite split of ln 2). n comes from the "magic bias" trick: z·log2(e) + (1.5·2^23 + kBias)
// rounds to an integer whose low bits are n + kBias, so shifting them into the exponent field gives
// s = 2^(n + kBias − 127) with no float→int conversion. kOfNegated reduces −z instead, with the
// negation folded into the constants (no extra instruction). The caller clamps z to the range its
// bias can represent.
struct Ln2Reduction {
  V4 s, r;
};
template <int kBias, bool kOfNegated = false>
inline Ln2Reduction reduce_ln2(V4 z) {
  const V4 magic = splat(12582912.0f + static_cast<float>(kBias));
  const V4 v = z * splat(kOfNegated ? -1.44269504088896341f : 1.44269504088896341f) + magic;
  const V4 n = v - magic;
  const V4 t = kOfNegated ? n * splat(-0.693359375f) - z : z - n * splat(0.693359375f);
  return {as_float(shl23(as_int(v))), t - n * splat(-2.12194440e-4f)};
}

// e^z = s·(1 + q) with q = e^r − 1 = r + r²·P(r), P a degree-4 fit made for this project (6.8e-8
// relative in float; scripts/fit_exp_poly.py expm1).
struct ExpParts {
  V4 s, q;
};
template <int kBias>
inline ExpParts exp_reduce(V4 z) {
  static constexpr float kP[] = {0.4999999701976776f, 0.1666652113199234f, 0.04166722670197487f,
                                 0.008368694223463535f, 0.0013879685429856181f};
  const Ln2Reduction e = reduce_ln2<kBias>(z);
  return {e.s, e.r + (e.r * e.r) * polynomial(e.r, kP)};
}

// exp(x) = 2^(n−1)·e^r·2 (bias 126, doubled at the end so n can reach 128: exp up to FLT_MAX).
// Results below 2^-125 (x < −86.64) flush to 0, x > 88.72 gives +Inf, NaN propagates.
inline V4 exp(V4 x) {
  const V4 kMax = splat(88.72283935546875f);
  const V4 kMin = splat(-86.64f);
  const ExpParts e = exp_reduce<126>(vmax(vmin(x, kMax), kMin));
  V4 y = (e.s + e.s * e.q) * splat(2.0f);
  y = select(gt(x, kMax), splat(INFINITY), y);
  y = select(lt(x, kMin), splat(0.0f), y);
  return select(is_nan(x), x, y);
}

// For z ≤ 0 only (the tanh/softmax/softplus family): the same reduction with 2^n for n ∈ [−126, 0]
// built directly (no clamps, no overflow handling). Returns e^z as s + s·q and e^z − 1 as
// (s − 1) + s·q, which is accurate for small |z| too (n = 0 gives s − 1 = 0 exactly).
// z < −87.33 flushes e^z to 0 (e^z − 1 to −1); NaN propagates.
/// kGuarded = false skips the handling of z < −87.33 (s is then garbage there): for callers that
/// replace those lanes anyway (tanh saturates from |x| > 8.66).
template <bool kGuarded = true>
inline ExpParts exp_parts_nonpositive(V4 z) {
  // Clamping keeps r finite for −Inf (NaN passes through); bias 127 gives s = 2^n.
  ExpParts e = exp_reduce<127>(kGuarded ? vmax(z, splat(-87.5f)) : z);
  if constexpr (kGuarded) e.s = select(lt(z, splat(-87.33f)), splat(0.f), e.s);
  return e;
}
inline V4 exp_nonpositive(V4 z) {
  const ExpParts e = exp_parts_nonpositive(z);
  return e.s + e.s * e.q;
}
inline V4 expm1_nonpositive(V4 z) {
  const ExpParts e = exp_parts_nonpositive(z);
  return (e.s - splat(1.f)) + e.s * e.q;
}

// expm1(x) = e^x − 1: Taylor series to x^9/9! for |x| < 0.5 (no cancellation), else exp(x) − 1.
inline V4 expm1(V4 x) {
  static constexpr float kTaylor[] = {1.f, 1.f / 2, 1.f / 6, 1.f / 24, 1.f / 120, 1.f / 720, 1.f / 5040,
                                      1.f / 40320, 1.f / 362880};
  const V4 small = x * polynomial(x, kTaylor);
  return select(lt(vabs(x), splat(0.5f)), small, ap::simd::exp(x) - splat(1.f));
}

// log(x) for x ≥ 0: x = m·2^e with m ∈ [√½, √2), log m = 2·atanh(s) = 2(s + s³/3 + … + s¹¹/11),
// s = (m − 1)/(m + 1), |s| ≤ 0.172. log(0) = −Inf, log(+Inf) = +Inf, NaN and x < 0 give NaN.
// Subnormal inputs are treated as 0 (the callers never pass them).
inline V4 log(V4 x) {
  const I4 xi = as_int(x);
  I4 e = shr23_logical(xi) - splat_i(127);
  V4 m = as_float(bit_or_i(bit_and_i(xi, splat_i(0x007fffff)), splat_i(0x3f800000)));
  const V4 big = gt(m, splat(1.41421356f));
  m = select(big, m * splat(0.5f), m);
  e = e + as_int(bit_and(big, as_float(splat_i(1))));
  const V4 s = (m - splat(1.f)) / (m + splat(1.f));
  static constexpr float kAtanh[] = {2.f, 2.f / 3, 2.f / 5, 2.f / 7, 2.f / 9, 2.f / 11};
  const V4 logm = s * polynomial(s * s, kAtanh);
  const V4 ef = to_float(e);
  V4 y = ef * splat(0.693359375f) + (logm + ef * splat(-2.12194440e-4f));
  y = select(le(x, splat(1.17549435e-38f)), splat(-INFINITY), y);
  y = select(eq(x, splat(INFINITY)), x, y);
  return select(bit_or(lt(x, splat(0.f)), is_nan(x)), splat(NAN), y);
}

// log1p(z) for z ∈ [0, +Inf): with u = 1 + z, log(u)·z/(u − 1) cancels the rounding of u.
inline V4 log1p(V4 z) {
  const V4 u = splat(1.f) + z;
  const V4 d = u - splat(1.f);
  const V4 y = ap::simd::log(u) * (z / select(eq(d, splat(0.f)), splat(1.f), d));
  return select(bit_or(eq(d, splat(0.f)), eq(u, splat(INFINITY))), select(eq(d, splat(0.f)), z, u), y);
}

// tanh(|x|) = 1 − 2e/(1 + e) with e = e^(−2|x|): the small quotient is accurate, so the result is
// (nearly always) correctly rounded near ±1. For |x| < 0.5 the subtraction cancels, so there
// m = e − 1 = expm1(−2|x|) gives −m/(2 + m) instead. Then the sign of x; exactly ±1 above
// 8.664339742 as PyTorch's vectorised tanh. Keeps ±0; NaN propagates.
inline V4 tanh_accurate(V4 x) {
  const V4 neg_abs = bit_or(x, sign_mask());  // −|x|
  const ExpParts p = exp_parts_nonpositive<false>(neg_abs + neg_abs);  // lanes past −87 saturate below
  const V4 sq = p.s * p.q;
  const V4 e = p.s + sq, m = (p.s - splat(1.f)) + sq;
  const V4 small = gt(neg_abs, splat(-0.5f));
  // 0 − m (not −m): m = +0 at x = ±0 must give +0 so the sign can simply be or-ed in.
  const V4 quotient = select(small, splat(0.f) - m, e + e) / select(small, splat(2.f) + m, splat(1.f) + e);
  V4 t = select(small, quotient, splat(1.f) - quotient);
  t = select(lt(neg_abs, splat(-8.664339742f)), splat(1.f), t);
  return copysign_pos(t, x);
}

// tanh(x) ≈ x·P(z)/Q(z) with z = x² clamped to 8.664339742², P and Q of degree 4 (a fit of tanh(c)/c
// made for this project: scripts/fit_rational_tanh.py, which also measures the float32 evaluation:
// ≤ 2.7 ulp for |x| < 0.5, ≤ 6 ulp and ≤ 3.6e-7 absolute elsewhere). Both are divided by P's leading
// coefficient, so P is monic and costs a multiply less: 21 vector operations, no exp. Odd by
// construction, so ±0 and the sign come for free; the fit's value at the clamp rounds to 1, so
// clamping the result to ±1 makes it exactly ±1 above 8.664339742 as PyTorch's vectorised tanh.
// NaN propagates (pseudo-min/max keep their first operand). Callers that subtract it from ±1
// (gelu's and mish's gradients) use tanh_accurate() instead.
inline V4 tanh_rational(V4 x) {
  static constexpr float kMonicNum[] = {71288480.0f, 9556559.0f, 251266.3125f, 1503.417236328125f};
  static constexpr float kDen[] = {71288480.0f, 33319378.0f, 1852606.25f, 23761.982421875f, 57.388023376464844f};
  // Clamping z = x² instead of x saves an instruction: past the clamp P/Q is constant, so t = x·P/Q
  // only grows beyond t(8.664…) ≥ 1 (±Inf included) and the final clamp still gives exactly ±1.
  const V4 z = vmin(x * x, splat(8.664339742f * 8.664339742f));
  const V4 t = x * (polynomial_monic(z, kMonicNum) / polynomial(z, kDen));
  return vmax(vmin(t, splat(1.f)), splat(-1.f));
}

// σ(x) = 1/(1 + e^−x) with e^−x = 2^n·p(r): n and r from reduce_ln2 of −x (n = round(−x/ln 2),
// r = −x − n·ln 2), and p a degree-5 fit of e^r on |r| ≤ ln2/2 made for sigmoid alone. p is kept monic
// (p = c5·p̃, one multiply fewer) and c5 moved into the constant: σ = k/(k + 2^(n−7)·p̃) with
// k = 2^−7/c5; the bias 120 gives the shifted bits s = 2^(n−7), which keeps s·p̃ finite up to n = 128.
// scripts/fit_exp_poly.py fits, polishes and measures this exact evaluation: ≤ 3.7 ulp against
// float64. x is clamped to [−89.5, 80]: below −89.4, s·p̃ overflows to +Inf, so σ = +0 there and at
// −Inf; 80 gives exactly 1 (as does anything above 17). e^−x ≥ 1 for x ≤ 0, so the quotient keeps
// its relative accuracy in the negative tail; no select is needed. NaN propagates (the pseudo
// min/max keep their first operand). 22 vector operations.
inline V4 sigmoid(V4 x) {
  static constexpr float kMonic[] = {120.51612091064453f, 120.51610565185547f, 60.256805419921875f, 20.087116241455078f,
                                     5.051479339599609f};
  static constexpr float kScale = 0.9415321946144104f;  // 2^−7/c5, and exactly kMonic[0]/128: σ(0) = ½
  const Ln2Reduction e = reduce_ln2<120, true>(vmax(vmin(x, splat(80.f)), splat(-89.5f)));  // e^−x = 2^7·s·e^r
  return splat(kScale) / (splat(kScale) + e.s * polynomial_monic(e.r, kMonic));
}

// softplus(x) = max(x, 0) + log1p(e^-|x|).
inline V4 softplus(V4 x) {
  return vmax(x, splat(0.f)) + ap::simd::log1p(exp_nonpositive(bit_or(x, sign_mask())));
}

// erfc(a). |a| < 0.8: 1 − a·P(a²) (least-squares fit of erf(a)/a, 1.3e-7 relative);
// a ≥ 0.8: e^(−a²)·R(t), t = 1/(1 + a/2) (fit of erfc(a)·e^(a²) on [0.8, 10], 2.4e-7 relative);
// a ≤ −0.8: 2 − erfc(−a). The coefficients come from a fit made for this project.
inline V4 erfc(V4 a) {
  static constexpr float kErfSmall[] = {1.128379225730896f, -0.37612637877464294f, 0.11283770203590393f,
                                        -0.026864036917686462f, 0.005214049015194178f,
                                        -0.0008311080164276063f, 9.187527757603675e-05f};
  static constexpr float kErfcTail[] = {3.2453353924211115e-06f, 0.28199347853660583f, 0.28347814083099365f,
                                        0.2359716147184372f, 0.23046457767486572f, -0.09440088272094727f,
                                        0.3819914162158966f, -0.5840415954589844f, 0.3344383239746094f,
                                        -0.06988492608070374f};
  const V4 aa = vabs(a);
  const V4 small = splat(1.f) - a * polynomial(a * a, kErfSmall);
  const V4 ac = vmin(aa, splat(10.f));
  const V4 t = splat(1.f) / (splat(1.f) + splat(0.5f) * ac);
  V4 tail = exp_nonpositive(neg(ac * ac)) * polynomial(t, kErfcTail);
  tail = select(gt(aa, splat(10.f)), splat(0.f), tail);
  const V4 large = select(lt(a, splat(0.f)), splat(2.f) - tail, tail);
  const V4 y = select(lt(aa, splat(0.8f)), small, large);
  return select(is_nan(a), a, y);
}

// sin and cos: q = round(x·2/π), r = x − q·π/2 in three parts (Cody–Waite, exact enough for
// |x| ≤ 8192), Taylor polynomials on |r| ≤ π/4, quadrant by q mod 4. Lanes with |x| > 8192 are
// recomputed with std::sin/std::cos (full argument reduction). `phase` 0 gives sin, 1 gives cos.
inline V4 sin_cos(V4 x, int phase) {
  const V4 q = round_nearest(vmin(vmax(x, splat(-8192.f)), splat(8192.f)) * splat(0.636619772f));
  const V4 r = ((x - q * splat(1.5703125f)) - q * splat(4.837512969970703125e-4f)) - q * splat(7.54978995489188216e-8f);
  const V4 r2 = r * r;
  static constexpr float kSin[] = {-1.f / 6, 1.f / 120, -1.f / 5040, 1.f / 362880};
  static constexpr float kCos[] = {1.f, -0.5f, 1.f / 24, -1.f / 720, 1.f / 40320, -1.f / 3628800};
  const V4 s = r + r * (r2 * polynomial(r2, kSin));
  const V4 c = polynomial(r2, kCos);
  const I4 k = to_int_trunc(q) + splat_i(phase);
  // k odd → the cos polynomial; bit 1 of k → negate. (k & m) << 23 is a positive float iff set.
  const V4 use_cos = gt(as_float(shl23(bit_and_i(k, splat_i(1)))), splat(0.f));
  V4 y = select(use_cos, c, s);
  const V4 flip = gt(as_float(shl23(bit_and_i(k, splat_i(2)))), splat(0.f));
  y = select(flip, splat(0.f) - y, y);
  y = select(bit_or(is_nan(x), phase == 0 ? eq(x, splat(0.f)) : splat(0.f)), x, y);  // NaN; sin(±0) = ±0
  const V4 huge = gt(vabs(x), splat(8192.f));
  if (any(bit_and(huge, eq(x, x)))) {
    float xs[4], ys[4], hs[4];
    store(xs, x);
    store(ys, y);
    store(hs, huge);
    for (int i = 0; i < 4; ++i) {
      uint32_t h;
      std::memcpy(&h, &hs[i], 4);
      if (h) ys[i] = phase ? std::cos(xs[i]) : std::sin(xs[i]);
    }
    y = load(ys);
  }
  return y;
}

}  // namespace ap::simd
