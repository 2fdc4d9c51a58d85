// Dense kernels for small layers (TF Playground sizes, dense.hpp's small_layer): four examples
// per vector, one WASM function per input width (barriers.hpp 3).
#include <iterator>

#include "dense.hpp"
#include "simd_lanes.hpp"

namespace ap::detail {
namespace {
using namespace ap::simd;

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

// Dispatch by input width through a table: each instantiation stays a WASM function of its own
// (barriers.hpp 3; a switch had let wasm-opt inline them all into Model::forward).
using SmallForward = void (*)(const float*, std::size_t, std::size_t, const float*, const float*, std::size_t, float*);
constexpr SmallForward kSmallForward[] = {
    &dense_forward_small_impl<0>, &dense_forward_small_impl<1>, &dense_forward_small_impl<2>,
    &dense_forward_small_impl<3>, &dense_forward_small_impl<4>, &dense_forward_small_impl<5>,
    &dense_forward_small_impl<6>, &dense_forward_small_impl<7>, &dense_forward_small_impl<8>};


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

}  // namespace

void dense_forward_small(const float* x, std::size_t n, std::size_t in, const float* w, const float* b,
                         std::size_t out, float* y) {
  kSmallForward[in < std::size(kSmallForward) ? in : 0](x, n, in, w, b, out, y);
}

void dense_backward_small(const float* x, const float* gy, std::size_t n, std::size_t in, const float* w,
                          std::size_t out, float* gw, float* gb, float* gx) {
  kSmallBackward[in < std::size(kSmallBackward) ? in : 0](x, gy, n, in, w, out, gw, gb, gx);
}

bool dense_forward_planes(const float* x, std::size_t n, std::size_t in, const float* w, const float* b,
                          std::size_t out, float* y) {
  if (!small_layer(in, out)) return false;
  kPlanesForward[in < std::size(kPlanesForward) ? in : 0](x, n, in, w, b, out, y);
  return true;
}

}  // namespace ap::detail
