// Dispatcher: validates arguments, then runs the scalar reference loop (the registry's
// value/backward instantiated with float) or the vector kernels. The one place that chooses a path.
#include "ap/activations.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>
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
    const ActivationInfo& a = kActivationInfo[i];
    if (name.empty()) break;
    if (name == a.name || name == a.module) return i;
    std::string_view aliases = a.aliases;
    while (!aliases.empty()) {
      const std::size_t comma = aliases.find(',');
      if (aliases.substr(0, comma) == name) return i;
      aliases = comma == std::string_view::npos ? std::string_view{} : aliases.substr(comma + 1);
    }
  }
  return -1;
}

namespace {

template <class A>
void scalar_forward(const float* x, float* y, std::size_t n, const float* p) {
  for (std::size_t i = 0; i < n; ++i) y[i] = A::template value<float>(x[i], p);
}

template <class A>
void scalar_backward(const float* x, const float* y, const float* gy, float* gx, std::size_t n, const float* p) {
  for (std::size_t i = 0; i < n; ++i) {
    const float xi = x[i];
    gx[i] = A::template backward<float>(xi, y ? y[i] : A::template value<float>(xi, p), gy ? gy[i] : 1.f, p);
  }
}

// Called through tables indexed by id (elementwise entries come first in the registry) so that each
// loop stays a function of its own instead of being inlined into one huge dispatcher.
constexpr detail::ElementwiseForward kScalarForward[] = {
#define AP_ENTRY(T) &scalar_forward<T>,
    AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY
};
constexpr detail::ElementwiseBackward kScalarBackward[] = {
#define AP_ENTRY(T) &scalar_backward<T>,
    AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY
};

template <class A, class = void>
struct HasParamBackward : std::false_type {};
template <class A>
struct HasParamBackward<A, std::void_t<decltype(&A::template param_backward<double>)>> : std::true_type {};

#define AP_ENTRY(T)                                                                       \
  static_assert(num_learnable(static_cast<int>(ActivationId::T)) == 0 || HasParamBackward<T>::value, \
                #T " has a learnable parameter but no param_backward");
AP_ELEMENTWISE_ACTIVATIONS(AP_ENTRY)
#undef AP_ENTRY

template <class A>
double param_grad_sum(int k, const float* x, const float* y, const float* gy, std::size_t n, const float* p) {
  if constexpr (HasParamBackward<A>::value) {
    double pd[kMaxParams] = {};
    for (int j = 0; j < A::info.num_params; ++j) pd[j] = p[j];
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += A::template param_backward<double>(x[i], y[i], gy[i], pd, k);
    return sum;
  } else {
    return 0.0;
  }
}

void vector_value_row(int id, const float* x, float* y, std::size_t n, bool vector_kernels) {
  if (vector_kernels) {
    detail::simd_vector_row(id, x, y, n);
    return;
  }
  switch (static_cast<ActivationId>(id)) {
#define AP_CASE(T) \
  case ActivationId::T: T::value_row<float>(x, y, n); break;
    AP_VECTOR_ACTIVATIONS(AP_CASE)
#undef AP_CASE
    default: break;
  }
}

void vector_backward_row(int id, const float* y, const float* gy, float* gx, std::size_t n) {
  switch (static_cast<ActivationId>(id)) {
#define AP_CASE(T) \
  case ActivationId::T: T::backward_row<float>(y, gy, gx, n); break;
    AP_VECTOR_ACTIVATIONS(AP_CASE)
#undef AP_CASE
    default: break;
  }
}

/// Calls fn(offset) for every slice of a vector layout; the slice's elements are at
/// offset + k·stride for k < size.
template <class Fn>
void for_each_slice(std::size_t n, VectorLayout l, Fn fn) {
  const std::size_t block = l.size * l.stride;
  for (std::size_t o = 0; block && o < n; o += block)
    for (std::size_t j = 0; j < l.stride; ++j) fn(o + j);
}

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

/// Shared argument checks; on success fills `p` with the parameters (defaults where null).
std::string validate(int id, std::size_t n, const float* params, VectorLayout layout, float* p) {
  if (id < 0 || id >= kNumActivations) return "unknown activation id " + std::to_string(id);
  const ActivationInfo& info = kActivationInfo[id];
  const auto name = [&info] { return std::string(info.name); };  // built only for messages
  if (n > limits::kMaxElements) {
    return name() + ": " + std::to_string(n) + " elements is more than the limit of " +
           std::to_string(limits::kMaxElements);
  }
  for (int k = 0; k < info.num_params; ++k) {
    p[k] = params ? params[k] : info.params[k].default_value;
    if (!std::isfinite(p[k])) return name() + ": parameter " + quote(info.params[k].name) + " must be a finite number";
  }
  if (const char* problem = check_params(id, p)) return name() + ": " + problem;
  if (info.kind == ActivationKind::vector && n > 0) {
    if (layout.size == 0 || layout.stride == 0) return name() + ": the dimension size and stride must not be 0";
    if (layout.size > n || layout.stride > n || n % (layout.size * layout.stride) != 0) {
      return name() + ": " + std::to_string(n) + " elements do not split into slices of " + std::to_string(layout.size) +
             " with stride " + std::to_string(layout.stride);
    }
  }
  return {};
}

}  // namespace

std::string activation_forward(int id, const float* x, float* y, std::size_t n, const float* params,
                               VectorLayout layout, KernelPath path) {
  float p[kMaxParams] = {};
  if (std::string err = validate(id, n, params, layout, p); !err.empty()) return err;
  const bool vector_kernels = path == KernelPath::vector;
  if (kActivationInfo[id].kind == ActivationKind::vector) {
    if (n == 0) return {};
    if (layout.stride == 1) {
      for_each_slice(n, layout, [&](std::size_t o) { vector_value_row(id, x + o, y + o, layout.size, vector_kernels); });
      return {};
    }
    std::vector<float> row(layout.size);
    for_each_slice(n, layout, [&](std::size_t o) {
      for (std::size_t k = 0; k < layout.size; ++k) row[k] = x[o + k * layout.stride];
      vector_value_row(id, row.data(), row.data(), layout.size, vector_kernels);
      for (std::size_t k = 0; k < layout.size; ++k) y[o + k * layout.stride] = row[k];
    });
    return {};
  }
  if (vector_kernels) {
    detail::simd_forward(id, x, y, n, p);
    return {};
  }
  kScalarForward[id](x, y, n, p);  // id < kNumElementwise: vector kinds returned above
  return {};
}

std::string activation_backward(int id, const float* x, const float* gy, float* gx, std::size_t n,
                                const float* params, VectorLayout layout, KernelPath path) {
  return activation_backward_from_output(id, x, nullptr, gy, gx, n, params, layout, path);
}

std::string activation_backward_from_output(int id, const float* x, const float* y_in, const float* gy, float* gx,
                                            std::size_t n, const float* params, VectorLayout layout, KernelPath path) {
  float p[kMaxParams] = {};
  if (std::string err = validate(id, n, params, layout, p); !err.empty()) return err;
  const bool vector_kernels = path == KernelPath::vector;
  if (kActivationInfo[id].kind == ActivationKind::vector) {
    if (n == 0) return {};
    std::vector<float> xr(layout.size), y(layout.size), g(layout.size), out(layout.size);
    for_each_slice(n, layout, [&](std::size_t o) {
      for (std::size_t k = 0; k < layout.size; ++k) {
        xr[k] = x[o + k * layout.stride];
        g[k] = gy ? gy[o + k * layout.stride] : 1.f;
      }
      vector_value_row(id, xr.data(), y.data(), layout.size, vector_kernels);
      vector_backward_row(id, y.data(), g.data(), out.data(), layout.size);
      for (std::size_t k = 0; k < layout.size; ++k) gx[o + k * layout.stride] = out[k];
    });
    return {};
  }
  if (vector_kernels) {
    detail::simd_backward(id, x, y_in, gy, gx, n, p);
    return {};
  }
  kScalarBackward[id](x, y_in, gy, gx, n, p);
  return {};
}

float activation_param_grad(int id, int k, const float* x, const float* y, const float* gy, std::size_t n,
                            const float* params) {
  switch (static_cast<ActivationId>(id)) {
#define AP_CASE(T) \
  case ActivationId::T: return static_cast<float>(param_grad_sum<T>(k, x, y, gy, n, params));
    AP_ELEMENTWISE_ACTIVATIONS(AP_CASE)
#undef AP_CASE
    default: return 0.f;
  }
}

}  // namespace ap
