// The vector loops over the kernels of vector_kernels.hpp and their dispatch tables. Tails (n % 4)
// go through the same vector code on a padded copy, so every element of an array gets
// bit-identical treatment wherever it sits. With real SIMD (wasm simd128, SSE2) these are the SIMD
// kernels; in the fallback build the same code runs on portable lanes, so both builds give
// bit-identical results.
#include <cstring>
#include <iterator>
#include <type_traits>
#include <utility>

#include "ap/activation_registry.hpp"
#include "kernels_internal.hpp"
#include "vector_kernels.hpp"

namespace ap::detail {
namespace {
using namespace ap::simd;

/// Kernels of one or two instructions per vector, unrolled further (see forward_loop).
template <class K> struct MemoryBound { static constexpr bool value = false; };
template <> struct MemoryBound<ReLU> { static constexpr bool value = true; };
template <> struct MemoryBound<LeakyReLU> { static constexpr bool value = true; };
template <> struct MemoryBound<PReLU> { static constexpr bool value = true; };
template <> struct MemoryBound<Step> { static constexpr bool value = true; };

// Each kernel's loop stays a function of its own: noinline here, the tables below (barriers.hpp 3).
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

// An entry with no vector kernel of its own: the registry's float value()/backward(), lane by lane.
template <class A>
struct Lanes {
  static V4 value(V4 x, const float* p) {
    float l[4];
    store(l, x);
    for (float& v : l) v = A::template value<float>(v, p);
    return load(l);
  }
  static V4 backward(V4 x, V4 y, V4 gy, const float* p) {
    float xl[4], yl[4], gl[4];
    store(xl, x);
    store(yl, y);
    store(gl, gy);
    for (int i = 0; i < 4; ++i) xl[i] = A::template backward<float>(xl[i], yl[i], gl[i], p);
    return load(xl);
  }
};
// K is a vector kernel when K::value takes a V4 (the registry's templates take a float and a float*).
template <class K, class = void>
struct IsVectorKernel : std::false_type {};
template <class K>
struct IsVectorKernel<K, std::void_t<decltype(K::value(std::declval<V4>(), std::declval<const float*>()))>>
    : std::true_type {};

template <class K, class = void>
struct HasVariants : std::false_type {};
template <class K>
struct HasVariants<K, std::void_t<typename K::Variants>> : std::true_type {};

/// The loops of an entry with variants (Choice<Ks...>): its first parameter, a choice passed as
/// its index, picks one per call.
template <class V>
struct ChoiceLoops;
template <class... Ks>
struct ChoiceLoops<Choice<Ks...>> {
  static std::size_t pick(const float* p) {
    const auto k = static_cast<std::size_t>(p[0]);
    return k < sizeof...(Ks) ? k : 0;
  }
  static void forward(const float* x, float* y, std::size_t n, const float* p) {
    static constexpr ElementwiseForward loops[] = {&forward_loop<Ks>...};
    loops[pick(p)](x, y, n, p);
  }
  static void backward(const float* x, const float* y, const float* gy, float* gx, std::size_t n, const float* p) {
    static constexpr ElementwiseBackward loops[] = {&backward_loop<Ks>...};
    loops[pick(p)](x, y, gy, gx, n, p);
  }
};

/// Entry K's loops: over its variants, its vector kernel, or its scalar reference lane by lane.
template <class K>
constexpr ElementwiseForward forward_entry() {
  if constexpr (HasVariants<K>::value) return &ChoiceLoops<typename K::Variants>::forward;
  else return &forward_loop<std::conditional_t<IsVectorKernel<K>::value, K, Lanes<K>>>;
}
template <class K>
constexpr ElementwiseBackward backward_entry() {
  if constexpr (HasVariants<K>::value) return &ChoiceLoops<typename K::Variants>::backward;
  else return &backward_loop<std::conditional_t<IsVectorKernel<K>::value, K, Lanes<K>>>;
}

}  // namespace

// The loops are called through tables indexed by activation id (the registry lists elementwise
// entries first, in this order), which keeps every loop a function of its own (barriers.hpp 3).
constexpr ElementwiseForward kForwardLoops[] = {
#define AP_ENTRY(T) forward_entry<T>(),
    AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY
};
constexpr ElementwiseBackward kBackwardLoops[] = {
#define AP_ENTRY(T) backward_entry<T>(),
    AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY
};
#define AP_ENTRY(T) static_assert(static_cast<int>(ActivationId::T) < static_cast<int>(std::size(kForwardLoops)));
AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY

void simd_forward(int id, const float* x, float* y, std::size_t n, const float* p) {
  if (id >= 0 && id < static_cast<int>(std::size(kForwardLoops))) kForwardLoops[id](x, y, n, p);
}

void simd_backward(int id, const float* x, const float* y, const float* gy, float* gx, std::size_t n, const float* p) {
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
