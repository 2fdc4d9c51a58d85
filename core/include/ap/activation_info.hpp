// What a registry entry says about itself (ActivationInfo), the project's tolerance, and the
// numerically careful helpers the entries share. The entries are in activations_elementwise.hpp
// and activations_vector.hpp; activation_registry.hpp lists them.
#pragma once
#include <cmath>
#include <cstddef>

#include "ap/barriers.hpp"

namespace ap {

inline constexpr int kMaxParams = 2;

/// The agreement every kernel path must reach against the float64 reference and PyTorch, unless an
/// entry sets its own: within kDefaultMaxUlp units in the last place, or within kDefaultMaxAbs.
/// The tests, listActivations() and the docs read these; nothing else states the numbers.
inline constexpr int kDefaultMaxUlp = 4;
inline constexpr double kDefaultMaxAbs = 1e-6;

/// One parameter of an activation, with PyTorch's name and default. A parameter with `choices`
/// ("none|tanh") takes one of those strings in JS and is passed to C++ as the choice's index.
struct ParamSpec {
  const char* name;
  float default_value;
  const char* doc;
  const char* choices = nullptr;
  bool required = false;   ///< PyTorch has no default (e.g. threshold's threshold and value)
  /// A learned parameter of the module (PReLU's weight): a model holds it as a state_dict entry
  /// "<module index>.<name>" of shape [1], starting at the given value, and trains it. The entry
  /// then defines param_backward(x, y, gy, p, k) = gy·∂f/∂p[k].
  bool learnable = false;
};

enum class ActivationKind : int {
  elementwise,  ///< y[i] = f(x[i])
  vector,       ///< y = f(x) along one dimension (rows of a [rows, cols] array in the core)
};

/// What the outside world may know about an activation.
struct ActivationInfo {
  const char* name;        ///< PyTorch functional name (torch.nn.functional.<name>)
  const char* module;      ///< PyTorch module class name (torch.nn.<module>)
  const char* aliases;     ///< other accepted names, comma-separated ("" if none)
  ActivationKind kind;
  const char* formula;     ///< value, plain text
  const char* derivative;  ///< derivative, plain text
  const char* range;       ///< output range for real inputs (default parameters); the domain is all of ℝ
  const char* notes;       ///< edge-case conventions (kinks, NaN, saturation)
  int num_params;
  ParamSpec params[kMaxParams];
  /// How PyTorch writes the function of `x`, where it is not F.<name>(x, <parameters>); a parameter
  /// appears as {name}. The PyTorch export and the docs use it.
  const char* pytorch = nullptr;
  /// Whether torch.nn.<module> exists (false: the export wraps `pytorch` in a module of its own).
  bool torch_module = true;
  /// Agreement required of both kernel paths against the float64 reference and PyTorch: a result
  /// passes within max_ulp units in the last place or within max_abs absolutely.
  int max_ulp = kDefaultMaxUlp;
  float max_abs = static_cast<float>(kDefaultMaxAbs);
};

using barrier::opaque_zero;

/// Parameter checks shared by most entries: none.
struct NoParamCheck {
  static const char* check(const float*) { return nullptr; }
};

/// tanh with PyTorch's saturation: exactly ±1 for |x| > 8.664339742 (where tanh rounds to 1 within
/// half an ulp). PyTorch's vectorised tanh does this, and 1 ± tanh(x) differences (gelu's tanh
/// form) depend on it.
inline constexpr float kTanhSaturation = 8.664339742f;
template <class T>
inline T saturating_tanh(T x) {
  return std::fabs(x) > T(kTanhSaturation) ? std::copysign(T(1), x) : std::tanh(x);
}

/// σ(x) computed without overflow: e = e^-|x|, σ = 1/(1+e) for x ≥ 0, e/(1+e) for x < 0.
template <class T>
inline T stable_sigmoid(T x) {
  const T e = std::exp(-std::fabs(x));
  return x >= T(0) ? T(1) / (T(1) + e) : (x == x ? e / (T(1) + e) : x);
}

/// softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) (never overflows).
template <class T>
inline T stable_softplus(T x) {
  return (x > T(0) ? x : T(0)) + std::log1p(std::exp(-std::fabs(x)));
}

/// m = max of a row, NaN if any entry is NaN (PyTorch's reduction propagates NaN).
template <class T>
inline T row_max(const T* x, std::size_t n) {
  T m = x[0];
  for (std::size_t i = 1; i < n; ++i) m = (x[i] > m || x[i] != x[i]) ? x[i] : m;
  return m;
}

}  // namespace ap
