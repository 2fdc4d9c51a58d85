#include "dense.hpp"

#include "ap/bench.hpp"

#include <cstring>

#include "simd_math.hpp"

#include <iterator>

namespace ap::detail {
namespace {
using namespace ap::simd;

/// (a0 + a1) + (a2 + a3): the fixed horizontal sum.
inline float hsum(V4 a) {
  float l[4];
  store(l, a);
  return (l[0] + l[1]) + (l[2] + l[3]);
}

/// y[i] = (((y[i] + a[0]·s[0][i]) + a[1]·s[1][i]) + a[2]·s[2][i]) + a[3]·s[3][i] for i < n: four
/// axpy calls fused into one pass over y, with the same per-element order.
inline void axpy4(const float a[4], const float* const s[4], float* y, std::size_t n) {
  const V4 a0 = splat(a[0]), a1 = splat(a[1]), a2 = splat(a[2]), a3 = splat(a[3]);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    V4 acc = load(y + i);
    acc = acc + a0 * load(s[0] + i);
    acc = acc + a1 * load(s[1] + i);
    acc = acc + a2 * load(s[2] + i);
    acc = acc + a3 * load(s[3] + i);
    store(y + i, acc);
  }
  for (; i < n; ++i) y[i] = (((y[i] + a[0] * s[0][i]) + a[1] * s[1][i]) + a[2] * s[2][i]) + a[3] * s[3][i];
}

/// y[i] += a·x[i] for i < n.
inline void axpy(float a, const float* x, float* y, std::size_t n) {
  const V4 av = splat(a);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store(y + i, load(y + i) + av * load(x + i));
  for (; i < n; ++i) y[i] += a * x[i];
}

// Small layers (TF Playground sizes): four examples per vector. A block of four rows is transposed
// into lanes, so each weight is one splat and no horizontal sums are needed; sums run over i in
// order from the bias. Tail rows are padded with zeros (padded lanes are discarded or add +0).
constexpr std::size_t kSmallLayer = 1024;  // in·out at most
constexpr std::size_t kSmallMax = 64;      // in and out at most

inline void load_block(const float* src, std::size_t width, std::size_t rows, V4* dst) {
  std::size_t k = 0;
  if (rows == 4 && width == 1) {
    dst[0] = load(src);
    return;
  }
  if (rows == 4 && width == 2) {  // 2-D points: split the interleaved pairs
    deinterleave(load(src), load(src + 4), dst[0], dst[1]);
    return;
  }
  if (rows == 4) {  // full blocks: 4×4 register transposes
    for (; k + 4 <= width; k += 4) {
      V4 a = load(src + k), b = load(src + width + k), c = load(src + 2 * width + k), d = load(src + 3 * width + k);
      transpose4(a, b, c, d);
      dst[k] = a;
      dst[k + 1] = b;
      dst[k + 2] = c;
      dst[k + 3] = d;
    }
  }
  for (; k < width; ++k) {
    float l[4];
    store(l, opaque_zero());  // (a plain = {} here became a memset call per column)
    for (std::size_t j = 0; j < rows; ++j) l[j] = src[j * width + k];
    dst[k] = load(l);
  }
}

inline void store_block(const V4* src, std::size_t width, std::size_t rows, float* dst) {
  std::size_t k = 0;
  if (rows == 4 && width == 1) {
    store(dst, src[0]);
    return;
  }
  if (rows == 4) {
    for (; k + 4 <= width; k += 4) {
      V4 a = src[k], b = src[k + 1], c = src[k + 2], d = src[k + 3];
      transpose4(a, b, c, d);
      store(dst + k, a);
      store(dst + width + k, b);
      store(dst + 2 * width + k, c);
      store(dst + 3 * width + k, d);
    }
  }
  for (; k < width; ++k) {
    float l[4];
    store(l, src[k]);
    for (std::size_t j = 0; j < rows; ++j) dst[j * width + k] = l[j];
  }
}

/// The small-layer forward with `in` known at compile time (IN > 0) so the inputs of a block stay in
/// registers; IN = 0 is the generic loop. Weights are splatted from memory where they are used (a
/// broadcast load each), so a call has no setup: training batches are often a few rows.
template <std::size_t IN>
void dense_forward_small_impl(const float* x, std::size_t n, std::size_t in_rt, const float* w, const float* b,
                              std::size_t out, float* y) {
  const std::size_t in = IN ? IN : in_rt;
  V4 xt[kSmallMax], yt[kSmallMax];
  for (std::size_t r = 0; r < n; r += 4) {
    const std::size_t rows = n - r < 4 ? n - r : 4;
    load_block(x + r * in, in, rows, xt);
    for (std::size_t o = 0; o < out; ++o) {
      const float* wo = w + o * in;
      V4 acc = splat(b ? b[o] : 0.f);
      for (std::size_t i = 0; i < in; ++i) acc = acc + xt[i] * splat(wo[i]);
      yt[o] = acc;
    }
    store_block(yt, out, rows, y + r * out);
  }
}

// Dispatch by input width through a table: indirect calls keep each instantiation a WASM function
// of its own (a switch gave each one call site, and wasm-opt inlined them all into Model::forward).
using SmallForward = void (*)(const float*, std::size_t, std::size_t, const float*, const float*, std::size_t, float*);
constexpr SmallForward kSmallForward[] = {
    &dense_forward_small_impl<0>, &dense_forward_small_impl<1>, &dense_forward_small_impl<2>,
    &dense_forward_small_impl<3>, &dense_forward_small_impl<4>, &dense_forward_small_impl<5>,
    &dense_forward_small_impl<6>, &dense_forward_small_impl<7>, &dense_forward_small_impl<8>};

void dense_forward_small(const float* x, std::size_t n, std::size_t in, const float* w, const float* b,
                         std::size_t out, float* y) {
  kSmallForward[in < std::size(kSmallForward) ? in : 0](x, n, in, w, b, out, y);
}

/// Feature-major small layer, one output plane at a time: that output's weights stay in registers
/// (IN > 0) while four examples per vector stream through the input planes, so there are no
/// transposes and no spills. Sums run from the bias over i in order, as in dense_forward_small_impl.
/// xs/ys: distance between planes (n, or 4 for the padded tail); examples [0, r1), r1 a multiple of 4.
template <std::size_t IN>
inline void dense_planes_rows(const float* x, std::size_t xs, std::size_t in_rt, const float* w, const float* b,
                              std::size_t out, float* y, std::size_t ys, std::size_t r1) {
  const std::size_t in = IN ? IN : in_rt;
  for (std::size_t o = 0; o < out; ++o) {
    const float* wo = w + o * in;
    V4 ws[IN ? IN : 1];
    if constexpr (IN > 0) {
      for (std::size_t i = 0; i < IN; ++i) ws[i] = splat(wo[i]);
    }
    const V4 bias = splat(b ? b[o] : 0.f);
    float* yo = y + o * ys;
    for (std::size_t r = 0; r < r1; r += 4) {
      V4 acc = bias;
      for (std::size_t i = 0; i < in; ++i) acc = acc + load(x + i * xs + r) * (IN ? ws[i] : splat(wo[i]));
      store(yo + r, acc);
    }
  }
}

template <std::size_t IN>
void dense_forward_planes_impl(const float* x, std::size_t n, std::size_t in, const float* w, const float* b,
                               std::size_t out, float* y) {
  const std::size_t whole = n & ~std::size_t{3};
  dense_planes_rows<IN>(x, n, in, w, b, out, y, n, whole);
  if (whole < n) {  // the last 1–3 examples through zero-padded planes of four
    float xt[kSmallMax * 4] = {}, yt[kSmallMax * 4];
    for (std::size_t i = 0; i < in; ++i) copy_short(x + i * n + whole, n - whole, xt + 4 * i);
    dense_planes_rows<IN>(xt, 4, in, w, b, out, yt, 4, 4);
    for (std::size_t o = 0; o < out; ++o) copy_short(yt + 4 * o, n - whole, y + o * n + whole);
  }
}

using PlanesForward = void (*)(const float*, std::size_t, std::size_t, const float*, const float*, std::size_t, float*);
constexpr PlanesForward kPlanesForward[] = {
    &dense_forward_planes_impl<0>, &dense_forward_planes_impl<1>, &dense_forward_planes_impl<2>,
    &dense_forward_planes_impl<3>, &dense_forward_planes_impl<4>, &dense_forward_planes_impl<5>,
    &dense_forward_planes_impl<6>, &dense_forward_planes_impl<7>, &dense_forward_planes_impl<8>};

/// Small-layer backward for any input width, four examples per vector (the widths without a
/// dense_backward_rows kernel).
void dense_backward_small_blocks(const float* x, const float* gy, std::size_t n, std::size_t in, const float* w,
                                 std::size_t out, float* gw, float* gb, float* gx) {
  V4 xt[kSmallMax], gt[kSmallMax], gxt[kSmallMax], acc_b[kSmallMax], acc_w[kSmallLayer], ws[kSmallLayer];
  const V4 zero = opaque_zero();  // (a visible zero would turn these loops into memset calls)
  for (std::size_t o = 0; o < out; ++o) acc_b[o] = zero;
  for (std::size_t k = 0; k < in * out; ++k) acc_w[k] = zero;
  if (gx) {
    for (std::size_t k = 0; k < in * out; ++k) ws[k] = splat(w[k]);
  }
  for (std::size_t r = 0; r < n; r += 4) {
    const std::size_t rows = n - r < 4 ? n - r : 4;
    load_block(x + r * in, in, rows, xt);
    load_block(gy + r * out, out, rows, gt);
    for (std::size_t o = 0; o < out; ++o) {
      acc_b[o] = acc_b[o] + gt[o];
      V4* aw = acc_w + o * in;
      for (std::size_t i = 0; i < in; ++i) aw[i] = aw[i] + gt[o] * xt[i];
    }
    if (gx) {
      for (std::size_t i = 0; i < in; ++i) gxt[i] = zero;
      for (std::size_t o = 0; o < out; ++o) {
        const V4* wo = ws + o * in;
        for (std::size_t i = 0; i < in; ++i) gxt[i] = gxt[i] + gt[o] * wo[i];
      }
      store_block(gxt, in, rows, gx + r * in);
    }
  }
  for (std::size_t o = 0; o < out; ++o) {
    if (gb) gb[o] += hsum(acc_b[o]);
    for (std::size_t i = 0; i < in; ++i) gw[o * in + i] += hsum(acc_w[o * in + i]);
  }
}

/// Small-layer backward one example at a time, for IN = 1, 2 or a multiple of 4: no transposes, no
/// horizontal sums and no per-call setup beyond the accumulators, which suits playground batches of
/// a few rows. With the weight gradient flattened as j = o·IN + i, each vector of four j's gains
/// gy[r, o(j)]·x[r, i(j)]: for IN = 4k the row x[r, 4q…] times splat(gy[r, o]); for IN = 2 the pair
/// (x0, x1, x0, x1) times (g_o, g_o, g_o+1, g_o+1); for IN = 1 splat(x0) times four g's. Every sum runs
/// over r in order (bias and weight gradients) or over o in order (input gradient).
template <std::size_t IN>
void dense_backward_rows(const float* x, const float* gy, std::size_t n, std::size_t, const float* w,
                         std::size_t out, float* gw, float* gb, float* gx) {
  static_assert(IN == 1 || IN == 2 || IN % 4 == 0, "rows form needs IN = 1, 2 or 4k");
  const std::size_t nw = (IN * out + 3) / 4, nb = (out + 3) / 4;
  V4 acc_w[kSmallLayer / 4], acc_b[kSmallMax / 4];
  const V4 zero = opaque_zero();  // (a visible zero would turn these loops into memset calls)
  for (std::size_t k = 0; k < nw; ++k) acc_w[k] = zero;
  for (std::size_t k = 0; k < nb; ++k) acc_b[k] = zero;
  float g[kSmallMax + 4];  // gy's row, zero-padded to whole vectors
  zero_short(g + out, 4 * nb + 4 - out);  // (IN = 2 reads up to two floats past the last whole vector)
  for (std::size_t r = 0; r < n; ++r) {
    copy_short(gy + r * out, out, g);
    for (std::size_t k = 0; k < nb; ++k) acc_b[k] = acc_b[k] + load(g + 4 * k);
    const float* xr = x + r * IN;
    if constexpr (IN % 4 == 0) {
      V4 xv[IN / 4];
      for (std::size_t q = 0; q < IN / 4; ++q) xv[q] = load(xr + 4 * q);
      for (std::size_t o = 0; o < out; ++o) {
        const V4 go = splat(g[o]);
        for (std::size_t q = 0; q < IN / 4; ++q) acc_w[o * (IN / 4) + q] = acc_w[o * (IN / 4) + q] + go * xv[q];
      }
    } else if constexpr (IN == 2) {
      const float pair[4] = {xr[0], xr[1], 0.f, 0.f};
      const V4 xx = repeat_low_half(load(pair));
      for (std::size_t k = 0; k < nw; ++k) acc_w[k] = acc_w[k] + duplicate_low_pairs(load(g + 2 * k)) * xx;
    } else {
      const V4 xs = splat(xr[0]);
      for (std::size_t k = 0; k < nw; ++k) acc_w[k] = acc_w[k] + load(g + 4 * k) * xs;
    }
    if (gx) {
      float* gxr = gx + r * IN;
      if constexpr (IN % 4 == 0) {
        V4 s[IN / 4];
        for (std::size_t q = 0; q < IN / 4; ++q) s[q] = splat(0.f);
        for (std::size_t o = 0; o < out; ++o) {
          const V4 go = splat(g[o]);
          for (std::size_t q = 0; q < IN / 4; ++q) s[q] = s[q] + go * load(w + o * IN + 4 * q);
        }
        for (std::size_t q = 0; q < IN / 4; ++q) store(gxr + 4 * q, s[q]);
      } else {
        for (std::size_t i = 0; i < IN; ++i) {
          float s = 0.f;
          for (std::size_t o = 0; o < out; ++o) s += g[o] * w[o * IN + i];
          gxr[i] = s;
        }
      }
    }
  }
  auto add_lanes = [](const V4* acc, std::size_t count, float* dst) {
    float lanes[4];
    for (std::size_t j = 0; j < count; j += 4) {
      store(lanes, acc[j / 4]);
      for (std::size_t l = 0; l < 4 && j + l < count; ++l) dst[j + l] += lanes[l];
    }
  };
  add_lanes(acc_w, IN * out, gw);
  if (gb) add_lanes(acc_b, out, gb);
}

using SmallBackward = void (*)(const float*, const float*, std::size_t, std::size_t, const float*, std::size_t,
                               float*, float*, float*);
constexpr SmallBackward kSmallBackward[] = {
    &dense_backward_small_blocks, &dense_backward_rows<1>,      &dense_backward_rows<2>,
    &dense_backward_small_blocks, &dense_backward_rows<4>,      &dense_backward_small_blocks,
    &dense_backward_small_blocks, &dense_backward_small_blocks, &dense_backward_rows<8>};

void dense_backward_small(const float* x, const float* gy, std::size_t n, std::size_t in, const float* w,
                          std::size_t out, float* gw, float* gb, float* gx) {
  kSmallBackward[in < std::size(kSmallBackward) ? in : 0](x, gy, n, in, w, out, gw, gb, gx);
}

inline bool small_layer(std::size_t in, std::size_t out) {
  return in <= kSmallMax && out <= kSmallMax && in * out <= kSmallLayer;
}

}  // namespace

bool dense_forward_planes(const float* x, std::size_t n, std::size_t in, const float* w, const float* b,
                          std::size_t out, float* y) {
  if (!small_layer(in, out)) return false;
  kPlanesForward[in < std::size(kPlanesForward) ? in : 0](x, n, in, w, b, out, y);
  return true;
}

void dense_forward(const float* x, std::size_t n, std::size_t in, const float* w, const float* b, std::size_t out,
                   float* y) {
  if (small_layer(in, out)) {
    dense_forward_small(x, n, in, w, b, out, y);
    return;
  }
  const std::size_t in4 = in & ~std::size_t{3};
  // y[r, o] = (hsum of 4-lane partial sums over i < in4) + tail terms in order + bias; every
  // blocking below computes each (r, o) in exactly this order.
  auto finish = [&](V4 acc, const float* xr, const float* wo, std::size_t o) {
    float s = hsum(acc);
    for (std::size_t i = in4; i < in; ++i) s += xr[i] * wo[i];
    return s + (b ? b[o] : 0.f);
  };
  std::size_t r = 0;
  // Two examples × four neurons: eight accumulators, six loads per eight multiply-adds.
  for (; r + 2 <= n; r += 2) {
    const float *x0 = x + r * in, *x1 = x0 + in;
    float *y0 = y + r * out, *y1 = y0 + out;
    std::size_t o = 0;
    for (; o + 4 <= out; o += 4) {
      const float *w0 = w + o * in, *w1 = w0 + in, *w2 = w1 + in, *w3 = w2 + in;
      V4 a00 = splat(0.f), a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
      for (std::size_t i = 0; i < in4; i += 4) {
        const V4 u = load(x0 + i), v = load(x1 + i);
        const V4 c0 = load(w0 + i), c1 = load(w1 + i), c2 = load(w2 + i), c3 = load(w3 + i);
        a00 = a00 + u * c0;
        a01 = a01 + u * c1;
        a02 = a02 + u * c2;
        a03 = a03 + u * c3;
        a10 = a10 + v * c0;
        a11 = a11 + v * c1;
        a12 = a12 + v * c2;
        a13 = a13 + v * c3;
      }
      y0[o] = finish(a00, x0, w0, o);
      y0[o + 1] = finish(a01, x0, w1, o + 1);
      y0[o + 2] = finish(a02, x0, w2, o + 2);
      y0[o + 3] = finish(a03, x0, w3, o + 3);
      y1[o] = finish(a10, x1, w0, o);
      y1[o + 1] = finish(a11, x1, w1, o + 1);
      y1[o + 2] = finish(a12, x1, w2, o + 2);
      y1[o + 3] = finish(a13, x1, w3, o + 3);
    }
    for (; o < out; ++o) {
      const float* wo = w + o * in;
      V4 a0 = splat(0.f), a1 = a0;
      for (std::size_t i = 0; i < in4; i += 4) {
        const V4 c = load(wo + i);
        a0 = a0 + load(x0 + i) * c;
        a1 = a1 + load(x1 + i) * c;
      }
      y0[o] = finish(a0, x0, wo, o);
      y1[o] = finish(a1, x1, wo, o);
    }
  }
  for (; r < n; ++r) {
    const float* xr = x + r * in;
    float* yr = y + r * out;
    for (std::size_t o = 0; o < out; ++o) {
      const float* wo = w + o * in;
      V4 a = splat(0.f);
      for (std::size_t i = 0; i < in4; i += 4) a = a + load(xr + i) * load(wo + i);
      yr[o] = finish(a, xr, wo, o);
    }
  }
}

void dense_backward(const float* x, const float* gy, std::size_t n, std::size_t in, const float* w, std::size_t out,
                    float* gw, float* gb, float* gx) {
  if (small_layer(in, out)) {
    dense_backward_small(x, gy, n, in, w, out, gw, gb, gx);
    return;
  }
  // gb and gw: four examples per pass over each row of gw (each element still sums r in order).
  std::size_t r = 0;
  for (; r + 4 <= n; r += 4) {
    const float *g0 = gy + r * out, *g1 = g0 + out, *g2 = g1 + out, *g3 = g2 + out;
    const float *x0 = x + r * in, *x1 = x0 + in, *x2 = x1 + in, *x3 = x2 + in;
    if (gb) {
      for (std::size_t o = 0; o < out; ++o) gb[o] = (((gb[o] + g0[o]) + g1[o]) + g2[o]) + g3[o];
    }
    const float* const xs[4] = {x0, x1, x2, x3};
    for (std::size_t o = 0; o < out; ++o) {
      const float g[4] = {g0[o], g1[o], g2[o], g3[o]};
      axpy4(g, xs, gw + o * in, in);
    }
  }
  for (; r < n; ++r) {
    const float* xr = x + r * in;
    const float* gr = gy + r * out;
    if (gb) axpy(1.f, gr, gb, out);
    for (std::size_t o = 0; o < out; ++o) axpy(gr[o], xr, gw + o * in, in);
  }
  if (!gx) return;
  // gx = gy·w: four output neurons per pass over each row of gx (each element sums o in order).
  for (std::size_t rr = 0; rr < n; ++rr) {
    const float* gr = gy + rr * out;
    float* gxr = gx + rr * in;
    std::memset(gxr, 0, in * sizeof(float));
    std::size_t o = 0;
    for (; o + 4 <= out; o += 4) {
      const float* const ws[4] = {w + o * in, w + (o + 1) * in, w + (o + 2) * in, w + (o + 3) * in};
      axpy4(gr + o, ws, gxr, in);
    }
    for (; o < out; ++o) axpy(gr[o], w + o * in, gxr, in);
  }
}

}  // namespace ap::detail

namespace ap {

float peak_madd(std::size_t iterations) {
  using namespace ap::simd;
  // Eight independent multiply-add chains: the machine's f32x4 arithmetic peak (16 flops/iteration·4).
  V4 a0 = splat(1.f), a1 = splat(1.1f), a2 = splat(1.2f), a3 = splat(1.3f), a4 = splat(1.4f), a5 = splat(1.5f),
     a6 = splat(1.6f), a7 = splat(1.7f);
  const V4 m = splat(0.999999f), c = splat(1e-7f);
  for (std::size_t i = 0; i < iterations; ++i) {
    a0 = a0 * m + c;
    a1 = a1 * m + c;
    a2 = a2 * m + c;
    a3 = a3 * m + c;
    a4 = a4 * m + c;
    a5 = a5 * m + c;
    a6 = a6 * m + c;
    a7 = a7 * m + c;
  }
  return detail::hsum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
}

}  // namespace ap
