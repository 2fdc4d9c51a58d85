// Dispatcher: validates arguments, then runs the scalar reference loop (the registry's
// value/backward instantiated with float) or the vector kernels. The one place that chooses a path.
#include "ap/activations.hpp"

#include <cmath>
#include <cstring>
#include <vector>

#include "ap/limits.hpp"
#include "kernels_internal.hpp"
#include "simd_math.hpp"

namespace ap {

bool simd_kernels_available() { return AP_HAVE_SIMD != 0; }
const char* simd_isa() { return AP_SIMD_ISA; }
KernelPath default_kernel_path() { return KernelPath::vector; }

int find_activation(std::string_view name) {
  for (int i = 0; i < kNumActivations; ++i) {
    if (name == kActivationInfo[i].name || name == kActivationInfo[i].module) return i;
  }
  return -1;
}

namespace {

template <class A>
void scalar_forward(const float* x, float* y, std::size_t n, const float* p) {
  for (std::size_t i = 0; i < n; ++i) y[i] = A::template value<float>(x[i], p);
}

template <class A>
void scalar_backward(const float* x, const float* gy, float* gx, std::size_t n, const float* p) {
  for (std::size_t i = 0; i < n; ++i) {
    const float xi = x[i];
    gx[i] = A::template backward<float>(xi, A::template value<float>(xi, p), gy ? gy[i] : 1.f, p);
  }
}

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

/// Shared argument checks; on success fills `p` with the parameters (defaults where null).
std::string validate(int id, std::size_t n, const float* params, std::size_t cols, float* p) {
  if (id < 0 || id >= kNumActivations) return "unknown activation id " + std::to_string(id);
  const ActivationInfo& info = kActivationInfo[id];
  if (n > limits::kMaxElements) {
    return std::string(info.name) + ": " + std::to_string(n) + " elements is more than the limit of " +
           std::to_string(limits::kMaxElements);
  }
  for (int k = 0; k < info.num_params; ++k) {
    p[k] = params ? params[k] : info.params[k].default_value;
    if (!std::isfinite(p[k])) {
      return std::string(info.name) + ": parameter " + quote(info.params[k].name) + " must be a finite number";
    }
  }
  if (info.kind == ActivationKind::vector) {
    if (cols == 0 && n > 0) return std::string(info.name) + ": the last dimension must not be 0";
    if (cols != 0 && n % cols != 0) {
      return std::string(info.name) + ": " + std::to_string(n) + " elements do not split into rows of " +
             std::to_string(cols);
    }
  }
  return {};
}

}  // namespace

std::string activation_forward(int id, const float* x, float* y, std::size_t n, const float* params,
                               std::size_t cols, KernelPath path) {
  float p[kMaxParams] = {};
  if (std::string err = validate(id, n, params, cols, p); !err.empty()) return err;
  const bool simd = path == KernelPath::vector;
  if (kActivationInfo[id].kind == ActivationKind::vector) {
    for (std::size_t r = 0; cols && r < n / cols; ++r) {
      if (simd) detail::simd_softmax_row(x + r * cols, y + r * cols, cols);
      else Softmax::value_row<float>(x + r * cols, y + r * cols, cols);
    }
    return {};
  }
  if (simd) {
    detail::simd_forward(id, x, y, n, p);
    return {};
  }
  switch (static_cast<ActivationId>(id)) {
#define AP_CASE(T) \
  case ActivationId::T: scalar_forward<T>(x, y, n, p); break;
    AP_ELEMENTWISE_ACTIVATIONS(AP_CASE)
#undef AP_CASE
    default: break;
  }
  return {};
}

std::string activation_backward(int id, const float* x, const float* gy, float* gx, std::size_t n,
                                const float* params, std::size_t cols, KernelPath path) {
  float p[kMaxParams] = {};
  if (std::string err = validate(id, n, params, cols, p); !err.empty()) return err;
  const bool simd = path == KernelPath::vector;
  if (kActivationInfo[id].kind == ActivationKind::vector) {
    std::vector<float> y(cols), g(cols);
    for (std::size_t r = 0; cols && r < n / cols; ++r) {
      const std::size_t o = r * cols;
      if (simd) detail::simd_softmax_row(x + o, y.data(), cols);
      else Softmax::value_row<float>(x + o, y.data(), cols);
      if (gy) std::memcpy(g.data(), gy + o, cols * sizeof(float));
      else std::fill(g.begin(), g.end(), 1.f);
      Softmax::backward_row<float>(y.data(), g.data(), gx + o, cols);
    }
    return {};
  }
  if (simd) {
    detail::simd_backward(id, x, gy, gx, n, p);
    return {};
  }
  switch (static_cast<ActivationId>(id)) {
#define AP_CASE(T) \
  case ActivationId::T: scalar_backward<T>(x, gy, gx, n, p); break;
    AP_ELEMENTWISE_ACTIVATIONS(AP_CASE)
#undef AP_CASE
    default: break;
  }
  return {};
}

}  // namespace ap
