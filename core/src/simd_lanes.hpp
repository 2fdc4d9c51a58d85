// A minimal 4-lane float vector over wasm_simd128.h (WASM SIMD builds), SSE2 (native x86
// builds) or plain arrays (the WASM fallback build), and short copies and fills. All
// back-ends implement the same lane semantics (min/max are the "pseudo" min/max: b < a ? b : a)
// and the same operation order, so a kernel written once gives bit-identical results in every
// build. AP_HAVE_SIMD says whether real SIMD instructions back it.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "ap/barriers.hpp"

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
// Portable lanes. Masks and selects go through integers hidden from the optimiser (barriers.hpp 1a):
// `a < b ? b : a` would become f32.max, which treats -0 and NaN differently from the SIMD instructions.
struct V4 { float v[4]; };
struct I4 { int32_t v[4]; };
inline uint32_t bits(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }
inline float from_bits(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }
using ap::barrier::opaque;
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

/// The value unchanged, hidden from the optimiser (barriers.hpp 1b: no memcpy/memset calls for the
/// short copies and fills below). The portable lanes are not a register, so nothing is hidden there.
inline V4 opaque(V4 v) {
#if AP_HAVE_SIMD
  v.v = ap::barrier::opaque(v.v);
#endif
  return v;
}
/// A zero vector the optimiser cannot see through (see opaque).
inline V4 opaque_zero() { return opaque(splat(0.f)); }

/// (a0 + a1) + (a2 + a3): the fixed horizontal sum.
inline float hsum(V4 a) {
  float l[4];
  store(l, a);
  return (l[0] + l[1]) + (l[2] + l[3]);
}

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

}  // namespace ap::simd
