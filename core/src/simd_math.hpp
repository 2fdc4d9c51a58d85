// A minimal 4-lane float vector over wasm_simd128.h (WASM SIMD builds), SSE2 (native x86
// builds) or plain arrays (the WASM fallback build), and the vector math the kernels need. All
// back-ends implement the same lane semantics (min/max are the "pseudo" min/max: b < a ? b : a)
// and the same operation order, so a kernel written once gives bit-identical results in every
// build. AP_HAVE_SIMD says whether real SIMD instructions back it.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define AP_HAVE_SIMD 1
#define AP_SIMD_ISA "wasm-simd128"
#elif defined(__SSE2__)
#include <emmintrin.h>
#define AP_HAVE_SIMD 1
#define AP_SIMD_ISA "sse2"
#else
#define AP_HAVE_SIMD 0
#define AP_SIMD_ISA "none"
#endif

namespace ap::simd {

#if defined(__wasm_simd128__)
struct V4 { v128_t v; };
struct I4 { v128_t v; };
inline V4 splat(float a) { return {wasm_f32x4_splat(a)}; }
inline I4 splat_i(int32_t a) { return {wasm_i32x4_splat(a)}; }
inline V4 load(const float* p) { return {wasm_v128_load(p)}; }
inline void store(float* p, V4 a) { wasm_v128_store(p, a.v); }
inline V4 operator+(V4 a, V4 b) { return {wasm_f32x4_add(a.v, b.v)}; }
inline V4 operator-(V4 a, V4 b) { return {wasm_f32x4_sub(a.v, b.v)}; }
inline V4 operator*(V4 a, V4 b) { return {wasm_f32x4_mul(a.v, b.v)}; }
inline V4 operator/(V4 a, V4 b) { return {wasm_f32x4_div(a.v, b.v)}; }
inline V4 vmin(V4 a, V4 b) { return {wasm_f32x4_pmin(a.v, b.v)}; }  // b < a ? b : a
inline V4 vmax(V4 a, V4 b) { return {wasm_f32x4_pmax(a.v, b.v)}; }  // a < b ? b : a
inline V4 gt(V4 a, V4 b) { return {wasm_f32x4_gt(a.v, b.v)}; }
inline V4 ge(V4 a, V4 b) { return {wasm_f32x4_ge(a.v, b.v)}; }
inline V4 lt(V4 a, V4 b) { return {wasm_f32x4_lt(a.v, b.v)}; }
inline V4 le(V4 a, V4 b) { return {wasm_f32x4_le(a.v, b.v)}; }
inline V4 eq(V4 a, V4 b) { return {wasm_f32x4_eq(a.v, b.v)}; }
inline V4 bit_and(V4 a, V4 b) { return {wasm_v128_and(a.v, b.v)}; }
inline V4 bit_or(V4 a, V4 b) { return {wasm_v128_or(a.v, b.v)}; }
inline V4 bit_xor(V4 a, V4 b) { return {wasm_v128_xor(a.v, b.v)}; }
/// mask ? a : b, lane-wise (mask lanes are all-ones or all-zeros).
inline V4 select(V4 mask, V4 a, V4 b) { return {wasm_v128_bitselect(a.v, b.v, mask.v)}; }
inline I4 to_int_trunc(V4 a) { return {wasm_i32x4_trunc_sat_f32x4(a.v)}; }
inline I4 operator+(I4 a, I4 b) { return {wasm_i32x4_add(a.v, b.v)}; }
inline I4 operator-(I4 a, I4 b) { return {wasm_i32x4_sub(a.v, b.v)}; }
inline I4 sar1(I4 a) { return {wasm_i32x4_shr(a.v, 1)}; }
inline I4 shl23(I4 a) { return {wasm_i32x4_shl(a.v, 23)}; }
inline V4 as_float(I4 a) { return {a.v}; }
inline I4 as_int(V4 a) { return {a.v}; }
inline I4 shr23_logical(I4 a) { return {wasm_u32x4_shr(a.v, 23)}; }
inline I4 bit_and_i(I4 a, I4 b) { return {wasm_v128_and(a.v, b.v)}; }
inline I4 bit_or_i(I4 a, I4 b) { return {wasm_v128_or(a.v, b.v)}; }
inline V4 to_float(I4 a) { return {wasm_f32x4_convert_i32x4(a.v)}; }
inline bool any(V4 mask) { return wasm_v128_any_true(mask.v); }
/// (a0, a0, a1, a1): each of the low two lanes twice.
inline V4 duplicate_low_pairs(V4 a) { return {wasm_i32x4_shuffle(a.v, a.v, 0, 0, 1, 1)}; }
/// (a0, a1, a0, a1): the low two lanes twice.
inline V4 repeat_low_half(V4 a) { return {wasm_i32x4_shuffle(a.v, a.v, 0, 1, 0, 1)}; }
/// even = (a0, a2, b0, b2), odd = (a1, a3, b1, b3): splits interleaved (x, y) pairs.
inline void deinterleave(V4 a, V4 b, V4& even, V4& odd) {
  even.v = wasm_i32x4_shuffle(a.v, b.v, 0, 2, 4, 6);
  odd.v = wasm_i32x4_shuffle(a.v, b.v, 1, 3, 5, 7);
}
/// Transposes the 4×4 matrix whose rows are a, b, c, d.
inline void transpose4(V4& a, V4& b, V4& c, V4& d) {
  const v128_t t0 = wasm_i32x4_shuffle(a.v, b.v, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(a.v, b.v, 2, 6, 3, 7);
  const v128_t t2 = wasm_i32x4_shuffle(c.v, d.v, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(c.v, d.v, 2, 6, 3, 7);
  a.v = wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5);
  b.v = wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7);
  c.v = wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5);
  d.v = wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7);
}
#elif defined(__SSE2__)
struct V4 { __m128 v; };
struct I4 { __m128i v; };
inline V4 splat(float a) { return {_mm_set1_ps(a)}; }
inline I4 splat_i(int32_t a) { return {_mm_set1_epi32(a)}; }
inline V4 load(const float* p) { return {_mm_loadu_ps(p)}; }
inline void store(float* p, V4 a) { _mm_storeu_ps(p, a.v); }
inline V4 operator+(V4 a, V4 b) { return {_mm_add_ps(a.v, b.v)}; }
inline V4 operator-(V4 a, V4 b) { return {_mm_sub_ps(a.v, b.v)}; }
inline V4 operator*(V4 a, V4 b) { return {_mm_mul_ps(a.v, b.v)}; }
inline V4 operator/(V4 a, V4 b) { return {_mm_div_ps(a.v, b.v)}; }
inline V4 vmin(V4 a, V4 b) { return {_mm_min_ps(b.v, a.v)}; }  // b < a ? b : a
inline V4 vmax(V4 a, V4 b) { return {_mm_max_ps(b.v, a.v)}; }  // a < b ? b : a
inline V4 gt(V4 a, V4 b) { return {_mm_cmpgt_ps(a.v, b.v)}; }
inline V4 ge(V4 a, V4 b) { return {_mm_cmpge_ps(a.v, b.v)}; }
inline V4 lt(V4 a, V4 b) { return {_mm_cmplt_ps(a.v, b.v)}; }
inline V4 le(V4 a, V4 b) { return {_mm_cmple_ps(a.v, b.v)}; }
inline V4 eq(V4 a, V4 b) { return {_mm_cmpeq_ps(a.v, b.v)}; }
inline V4 bit_and(V4 a, V4 b) { return {_mm_and_ps(a.v, b.v)}; }
inline V4 bit_or(V4 a, V4 b) { return {_mm_or_ps(a.v, b.v)}; }
inline V4 bit_xor(V4 a, V4 b) { return {_mm_xor_ps(a.v, b.v)}; }
inline V4 select(V4 mask, V4 a, V4 b) {
  return {_mm_or_ps(_mm_and_ps(mask.v, a.v), _mm_andnot_ps(mask.v, b.v))};
}
inline I4 to_int_trunc(V4 a) { return {_mm_cvttps_epi32(a.v)}; }
inline I4 operator+(I4 a, I4 b) { return {_mm_add_epi32(a.v, b.v)}; }
inline I4 operator-(I4 a, I4 b) { return {_mm_sub_epi32(a.v, b.v)}; }
inline I4 sar1(I4 a) { return {_mm_srai_epi32(a.v, 1)}; }
inline I4 shl23(I4 a) { return {_mm_slli_epi32(a.v, 23)}; }
inline V4 as_float(I4 a) { return {_mm_castsi128_ps(a.v)}; }
inline I4 as_int(V4 a) { return {_mm_castps_si128(a.v)}; }
inline I4 shr23_logical(I4 a) { return {_mm_srli_epi32(a.v, 23)}; }
inline I4 bit_and_i(I4 a, I4 b) { return {_mm_and_si128(a.v, b.v)}; }
inline I4 bit_or_i(I4 a, I4 b) { return {_mm_or_si128(a.v, b.v)}; }
inline V4 to_float(I4 a) { return {_mm_cvtepi32_ps(a.v)}; }
inline bool any(V4 mask) { return _mm_movemask_ps(mask.v) != 0; }
inline void transpose4(V4& a, V4& b, V4& c, V4& d) { _MM_TRANSPOSE4_PS(a.v, b.v, c.v, d.v); }
inline V4 duplicate_low_pairs(V4 a) { return {_mm_unpacklo_ps(a.v, a.v)}; }
inline V4 repeat_low_half(V4 a) { return {_mm_movelh_ps(a.v, a.v)}; }
inline void deinterleave(V4 a, V4 b, V4& even, V4& odd) {
  even.v = _mm_shuffle_ps(a.v, b.v, _MM_SHUFFLE(2, 0, 2, 0));
  odd.v = _mm_shuffle_ps(a.v, b.v, _MM_SHUFFLE(3, 1, 3, 1));
}
#else
// Portable lanes. Masks and selects go through integers hidden from the optimiser: LLVM 14's
// WebAssembly backend would otherwise fold `a < b ? b : a` into f32.max, which treats -0 and NaN
// differently from the SIMD instructions above.
struct V4 { float v[4]; };
struct I4 { int32_t v[4]; };
inline uint32_t bits(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }
inline float from_bits(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }
inline uint32_t opaque(uint32_t m) {
#if defined(__wasm__)
  __asm__("" : "+r"(m));
#endif
  return m;
}
template <class Op> inline V4 map2(V4 a, V4 b, Op op) { return {{op(a.v[0], b.v[0]), op(a.v[1], b.v[1]), op(a.v[2], b.v[2]), op(a.v[3], b.v[3])}}; }
template <class Op> inline V4 mask2(V4 a, V4 b, Op op) {
  V4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = from_bits(opaque(op(a.v[i], b.v[i]) ? 0xffffffffu : 0u));
  return r;
}
template <class Op> inline V4 bits2(V4 a, V4 b, Op op) {
  V4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = from_bits(op(bits(a.v[i]), bits(b.v[i])));
  return r;
}
inline V4 splat(float a) { return {{a, a, a, a}}; }
inline I4 splat_i(int32_t a) { return {{a, a, a, a}}; }
inline V4 load(const float* p) { V4 r; std::memcpy(r.v, p, 16); return r; }
inline void store(float* p, V4 a) { std::memcpy(p, a.v, 16); }
inline V4 operator+(V4 a, V4 b) { return map2(a, b, [](float x, float y) { return x + y; }); }
inline V4 operator-(V4 a, V4 b) { return map2(a, b, [](float x, float y) { return x - y; }); }
inline V4 operator*(V4 a, V4 b) { return map2(a, b, [](float x, float y) { return x * y; }); }
inline V4 operator/(V4 a, V4 b) { return map2(a, b, [](float x, float y) { return x / y; }); }
inline V4 gt(V4 a, V4 b) { return mask2(a, b, [](float x, float y) { return x > y; }); }
inline V4 ge(V4 a, V4 b) { return mask2(a, b, [](float x, float y) { return x >= y; }); }
inline V4 lt(V4 a, V4 b) { return mask2(a, b, [](float x, float y) { return x < y; }); }
inline V4 le(V4 a, V4 b) { return mask2(a, b, [](float x, float y) { return x <= y; }); }
inline V4 eq(V4 a, V4 b) { return mask2(a, b, [](float x, float y) { return x == y; }); }
inline V4 bit_and(V4 a, V4 b) { return bits2(a, b, [](uint32_t x, uint32_t y) { return x & y; }); }
inline V4 bit_or(V4 a, V4 b) { return bits2(a, b, [](uint32_t x, uint32_t y) { return x | y; }); }
inline V4 bit_xor(V4 a, V4 b) { return bits2(a, b, [](uint32_t x, uint32_t y) { return x ^ y; }); }
inline V4 select(V4 mask, V4 a, V4 b) { return bit_or(bit_and(mask, a), bits2(mask, b, [](uint32_t m, uint32_t y) { return ~m & y; })); }
inline V4 vmin(V4 a, V4 b) { return select(lt(b, a), b, a); }  // b < a ? b : a
inline V4 vmax(V4 a, V4 b) { return select(lt(a, b), b, a); }  // a < b ? b : a
inline I4 to_int_trunc(V4 a) {
  I4 r;
  for (int i = 0; i < 4; ++i) {
    const float f = a.v[i];
    r.v[i] = f != f ? 0 : f >= 2147483648.f ? INT32_MAX : f <= -2147483648.f ? INT32_MIN : static_cast<int32_t>(f);
  }
  return r;
}
inline I4 operator+(I4 a, I4 b) { I4 r; for (int i = 0; i < 4; ++i) r.v[i] = static_cast<int32_t>(static_cast<uint32_t>(a.v[i]) + static_cast<uint32_t>(b.v[i])); return r; }
inline I4 operator-(I4 a, I4 b) { I4 r; for (int i = 0; i < 4; ++i) r.v[i] = static_cast<int32_t>(static_cast<uint32_t>(a.v[i]) - static_cast<uint32_t>(b.v[i])); return r; }
inline I4 sar1(I4 a) { I4 r; for (int i = 0; i < 4; ++i) r.v[i] = a.v[i] >> 1; return r; }
inline I4 shl23(I4 a) { I4 r; for (int i = 0; i < 4; ++i) r.v[i] = static_cast<int32_t>(static_cast<uint32_t>(a.v[i]) << 23); return r; }
inline V4 as_float(I4 a) { V4 r; std::memcpy(r.v, a.v, 16); return r; }
inline I4 as_int(V4 a) { I4 r; std::memcpy(r.v, a.v, 16); return r; }
inline I4 shr23_logical(I4 a) { I4 r; for (int i = 0; i < 4; ++i) r.v[i] = static_cast<int32_t>(static_cast<uint32_t>(a.v[i]) >> 23); return r; }
inline I4 bit_and_i(I4 a, I4 b) { I4 r; for (int i = 0; i < 4; ++i) r.v[i] = a.v[i] & b.v[i]; return r; }
inline I4 bit_or_i(I4 a, I4 b) { I4 r; for (int i = 0; i < 4; ++i) r.v[i] = a.v[i] | b.v[i]; return r; }
inline V4 to_float(I4 a) { V4 r; for (int i = 0; i < 4; ++i) r.v[i] = static_cast<float>(a.v[i]); return r; }
inline bool any(V4 mask) { for (int i = 0; i < 4; ++i) if (bits(mask.v[i])) return true; return false; }
inline V4 duplicate_low_pairs(V4 a) { return {{a.v[0], a.v[0], a.v[1], a.v[1]}}; }
inline V4 repeat_low_half(V4 a) { return {{a.v[0], a.v[1], a.v[0], a.v[1]}}; }
inline void deinterleave(V4 a, V4 b, V4& even, V4& odd) {
  even = {{a.v[0], a.v[2], b.v[0], b.v[2]}};
  odd = {{a.v[1], a.v[3], b.v[1], b.v[3]}};
}
inline void transpose4(V4& a, V4& b, V4& c, V4& d) {
  V4* m[4] = {&a, &b, &c, &d};
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j) {
      const float t = m[i]->v[j];
      m[i]->v[j] = m[j]->v[i];
      m[j]->v[i] = t;
    }
}
#endif

inline V4 sign_mask() { return as_float(splat_i(INT32_MIN)); }
inline V4 neg(V4 a) { return bit_xor(a, sign_mask()); }
inline V4 vabs(V4 a) { return bit_and(a, as_float(splat_i(0x7fffffff))); }
inline V4 is_nan(V4 a) { return bit_xor(eq(a, a), as_float(splat_i(-1))); }
/// Copies the sign of `s` onto the (non-negative) magnitude `m`.
inline V4 copysign_pos(V4 m, V4 s) { return bit_or(m, bit_and(s, sign_mask())); }
/// Round to nearest even for |a| < 2^22 (add and subtract 1.5·2^23).
inline V4 round_nearest(V4 a) {
  const V4 magic = splat(12582912.0f);
  return (a + magic) - magic;
}

/// The value unchanged, but opaque to the optimiser: in a loop it keeps LLVM from recognising a copy or a
/// fill and replacing the loop with a memcpy/memset call, which costs more than the work at the sizes
/// these kernels see (a row, a tail, a layer's accumulators). Costs no instruction.
inline V4 opaque(V4 v) {
#if defined(__wasm_simd128__)
  __asm__("" : "+r"(v.v));
#elif defined(__SSE2__)
  __asm__("" : "+x"(v.v));
#endif
  return v;
}
/// A zero vector the optimiser cannot see through (see opaque).
inline V4 opaque_zero() { return opaque(splat(0.f)); }

/// dst[0..n) = src[0..n) for a short run (a row, a loop's tail) without calling memcpy.
inline void copy_short(const float* src, std::size_t n, float* dst) {
  std::size_t k = 0;
  for (; k + 4 <= n; k += 4) store(dst + k, opaque(load(src + k)));
  switch (n - k) {
    case 3: dst[k + 2] = src[k + 2]; [[fallthrough]];
    case 2: dst[k + 1] = src[k + 1]; [[fallthrough]];
    case 1: dst[k] = src[k]; break;
    default: break;
  }
}

/// dst[0..n) = 0, the same way (no memset call).
inline void zero_short(float* dst, std::size_t n) {
  const V4 zero = opaque_zero();
  std::size_t k = 0;
  for (; k + 4 <= n; k += 4) store(dst + k, zero);
  switch (n - k) {
    case 3: dst[k + 2] = 0.f; [[fallthrough]];
    case 2: dst[k + 1] = 0.f; [[fallthrough]];
    case 1: dst[k] = 0.f; break;
    default: break;
  }
}

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
