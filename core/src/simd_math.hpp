// A minimal 4-lane float vector over wasm_simd128.h (WASM SIMD builds), SSE2 (native x86
// builds) or plain arrays (the WASM fallback build), and the vector math the kernels need. All
// back-ends implement the same lane semantics (min/max are the "pseudo" min/max: b < a ? b : a)
// and the same operation order, so a kernel written once gives bit-identical results in every
// build. AP_HAVE_SIMD says whether real SIMD instructions back it.
#pragma once
#include <cmath>
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
#endif

inline V4 sign_mask() { return as_float(splat_i(INT32_MIN)); }
inline V4 vabs(V4 a) { return bit_and(a, as_float(splat_i(0x7fffffff))); }
inline V4 is_nan(V4 a) { return bit_xor(eq(a, a), as_float(splat_i(-1))); }
/// Copies the sign of `s` onto the (non-negative) magnitude `m`.
inline V4 copysign_pos(V4 m, V4 s) { return bit_or(m, bit_and(s, sign_mask())); }
/// Round to nearest even for |a| < 2^22 (add and subtract 1.5·2^23).
inline V4 round_nearest(V4 a) {
  const V4 magic = splat(12582912.0f);
  return (a + magic) - magic;
}

// exp(x) = 2^n · e^r with n = round(x / ln 2) and r = x − n·ln 2 (Cody–Waite split, |r| ≤ ln2/2);
// e^r by its degree-7 Taylor polynomial (truncation < 1e-8 relative). 2^n is applied as
// 2^(n>>1) · 2^(n − n>>1) so that subnormal results (x down to −103.97) and overflow to +Inf
// (x > 88.72) come out right. NaN propagates.
inline V4 exp(V4 x) {
  const V4 kLog2e = splat(1.44269504088896341f);
  const V4 kLn2Hi = splat(0.693359375f);
  const V4 kLn2Lo = splat(-2.12194440e-4f);
  const V4 kMax = splat(89.0f);
  const V4 kMin = splat(-104.0f);
  const V4 xc = vmax(vmin(x, kMax), kMin);
  const V4 n = round_nearest(xc * kLog2e);
  const V4 r = (xc - n * kLn2Hi) - n * kLn2Lo;
  V4 p = splat(1.0f / 5040.0f);
  p = p * r + splat(1.0f / 720.0f);
  p = p * r + splat(1.0f / 120.0f);
  p = p * r + splat(1.0f / 24.0f);
  p = p * r + splat(1.0f / 6.0f);
  p = p * r + splat(0.5f);
  p = p * r + splat(1.0f);
  p = p * r + splat(1.0f);
  const I4 ni = to_int_trunc(n);
  const I4 n1 = sar1(ni);
  const I4 n2 = ni - n1;
  const V4 s1 = as_float(shl23(n1 + splat_i(127)));
  const V4 s2 = as_float(shl23(n2 + splat_i(127)));
  V4 y = (p * s1) * s2;
  y = select(gt(x, kMax), splat(INFINITY), y);
  y = select(lt(x, kMin), splat(0.0f), y);
  return select(is_nan(x), x, y);
}

}  // namespace ap::simd
