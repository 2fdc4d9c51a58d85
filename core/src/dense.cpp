#include "dense.hpp"

#include <cstring>

#include "simd_lanes.hpp"

namespace ap::detail {
namespace {
using namespace ap::simd;

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

}  // namespace

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
