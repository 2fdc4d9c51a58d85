// The activation registry: every activation is defined here once — name, parameters with
// defaults, formula, value and derivative side by side. Everything else (kernels dispatch, tests,
// bindings, listActivations(), the page's menus, the docs) iterates AP_ACTIVATIONS below.
//
// value() and backward() are templates: instantiated with float they are the scalar reference
// kernels, with double they are the high-precision reference the tests compare against.
// backward(x, y, gy, p) returns dL/dx given the input x, the output y = value(x) and dL/dy,
// written the way PyTorch 1.13's CPU kernels write it (so NaN/Inf behave the same).
#pragma once
#include <cmath>
#include <cstddef>

namespace ap {

inline constexpr int kMaxParams = 2;

/// A zero the optimiser cannot see through. LLVM 14's WebAssembly backend rewrites
/// `x < 0 ? 0 : x` into f32.max, which returns +0 for -0 (PyTorch's relu(-0) is -0).
template <class T>
inline T opaque_zero() {
  T z = T(0);
#if defined(__wasm__)
  __asm__("" : "+r"(z));
#endif
  return z;
}

/// One numeric parameter of an activation, with PyTorch's name and default.
struct ParamSpec {
  const char* name;
  float default_value;
  const char* doc;
};

enum class ActivationKind : int {
  elementwise,  ///< y[i] = f(x[i])
  vector,       ///< y = f(x) over the last dimension (rows of a [rows, cols] array)
};

/// What the outside world may know about an activation.
struct ActivationInfo {
  const char* name;        ///< PyTorch functional name (torch.nn.functional.<name>)
  const char* module;      ///< PyTorch module class name (torch.nn.<module>)
  ActivationKind kind;
  const char* formula;     ///< value, plain text
  const char* derivative;  ///< derivative, plain text
  const char* notes;       ///< edge-case conventions (kinks, NaN, saturation)
  int num_params;
  ParamSpec params[kMaxParams];
};

// ---------------------------------------------------------------------------------------------
// Binary step: H(x) = 1 if x > 0 else 0 (H(0) = 0);  H'(x) = 0 everywhere (no gradient flows).
struct Step {
  static constexpr ActivationInfo info{
      "step", "Step", ActivationKind::elementwise, "1 if x > 0 else 0", "0",
      "step(0) = 0 and step(NaN) = 0, as torch.heaviside(x, 0); the gradient is 0 everywhere, which "
      "is why it cannot be trained by gradient descent",
      0, {}};
  template <class T> static T value(T x, const T*) { return x > T(0) ? T(1) : T(0); }
  template <class T> static T backward(T, T, T, const T*) { return T(0); }
};

// Sigmoid: σ(x) = 1 / (1 + e^-x);  σ'(x) = σ(x)(1 − σ(x)).
struct Sigmoid {
  static constexpr ActivationInfo info{
      "sigmoid", "Sigmoid", ActivationKind::elementwise, "1 / (1 + exp(-x))",
      "sigmoid(x) * (1 - sigmoid(x))",
      "saturates: the gradient is at most 0.25 and vanishes for |x| > 10", 0, {}};
  template <class T> static T value(T x, const T*) {
    // Evaluate e^-|x| so the exponential never overflows.
    const T e = std::exp(-std::fabs(x));
    return x >= T(0) ? T(1) / (T(1) + e) : (x == x ? e / (T(1) + e) : x);
  }
  template <class T> static T backward(T, T y, T gy, const T*) { return gy * (T(1) - y) * y; }
};

// Hyperbolic tangent: tanh(x) = (e^x − e^-x)/(e^x + e^-x);  tanh'(x) = 1 − tanh²(x).
struct Tanh {
  static constexpr ActivationInfo info{
      "tanh", "Tanh", ActivationKind::elementwise, "(exp(x) - exp(-x)) / (exp(x) + exp(-x))",
      "1 - tanh(x)^2", "zero-centred; saturates like sigmoid, gradient at most 1", 0, {}};
  template <class T> static T value(T x, const T*) { return std::tanh(x); }
  template <class T> static T backward(T, T y, T gy, const T*) { return gy * (T(1) - y * y); }
};

// Rectified linear unit: relu(x) = max(0, x);  relu'(x) = 1 if x > 0 else 0 (relu'(0) = 0).
struct ReLU {
  static constexpr ActivationInfo info{
      "relu", "ReLU", ActivationKind::elementwise, "max(0, x)", "1 if x > 0 else 0",
      "relu'(0) = 0 and relu(-0) = -0 as in PyTorch; NaN propagates; a neuron whose input is "
      "negative for every example gets no gradient (a dead ReLU)",
      0, {}};
  // PyTorch's clamp_min order: x < 0 ? 0 : x keeps -0 and NaN.
  template <class T> static T value(T x, const T*) {
    const T zero = opaque_zero<T>();
    return x < zero ? zero : x;
  }
  // PyTorch: threshold_backward(grad, result, 0) → result <= 0 ? 0 : grad.
  template <class T> static T backward(T, T y, T gy, const T*) { return y <= T(0) ? T(0) : gy; }
};

// Leaky ReLU: f(x) = x if x > 0 else negative_slope·x;  f'(x) = 1 if x > 0 else negative_slope.
struct LeakyReLU {
  static constexpr ActivationInfo info{
      "leaky_relu", "LeakyReLU", ActivationKind::elementwise, "x if x > 0 else negative_slope * x",
      "1 if x > 0 else negative_slope",
      "leaky_relu'(0) = negative_slope as in PyTorch; keeps a small gradient for negative inputs, "
      "so neurons cannot die",
      1, {{"negative_slope", 0.01f, "slope for x <= 0"}}};
  template <class T> static T value(T x, const T* p) { return x > T(0) ? x : x * p[0]; }
  template <class T> static T backward(T x, T, T gy, const T* p) { return x > T(0) ? gy : gy * p[0]; }
};

// Softmax over the last dimension: y_i = e^(x_i − max x) / Σ_j e^(x_j − max x);
// vector-Jacobian product: dx_i = y_i (g_i − Σ_j g_j y_j).
struct Softmax {
  static constexpr ActivationInfo info{
      "softmax", "Softmax", ActivationKind::vector, "exp(x_i - max(x)) / sum_j exp(x_j - max(x))",
      "y_i * (g_i - sum_j g_j * y_j)  (vector-Jacobian product)",
      "over the last dimension of a [rows, cols] array; subtracts the row maximum first, so large "
      "inputs do not overflow; a row containing +Inf or NaN gives NaN, as in PyTorch",
      0, {}};
  /// y = softmax(x) for one row of n values (PyTorch order: max, exp(x - max), * (1 / sum)).
  template <class T> static void value_row(const T* x, T* y, std::size_t n) {
    if (n == 0) return;
    T m = x[0];
    for (std::size_t i = 1; i < n; ++i) m = (x[i] > m || x[i] != x[i]) ? x[i] : m;
    T sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += (y[i] = std::exp(x[i] - m));
    const T inv = T(1) / sum;
    for (std::size_t i = 0; i < n; ++i) y[i] *= inv;
  }
  /// gx = y ⊙ (gy − <gy, y>) for one row.
  template <class T> static void backward_row(const T* y, const T* gy, T* gx, std::size_t n) {
    T dot = 0;
    for (std::size_t i = 0; i < n; ++i) dot += gy[i] * y[i];
    for (std::size_t i = 0; i < n; ++i) gx[i] = y[i] * (gy[i] - dot);
  }
};

// The registry itself. Order is the public order (listActivations(), menus, ids).
#define AP_ELEMENTWISE_ACTIVATIONS(X) X(Step) X(Sigmoid) X(Tanh) X(ReLU) X(LeakyReLU)
#define AP_VECTOR_ACTIVATIONS(X) X(Softmax)
#define AP_ACTIVATIONS(X) AP_ELEMENTWISE_ACTIVATIONS(X) AP_VECTOR_ACTIVATIONS(X)

enum class ActivationId : int {
#define AP_ENUM_ENTRY(T) T,
  AP_ACTIVATIONS(AP_ENUM_ENTRY)
#undef AP_ENUM_ENTRY
};

inline constexpr ActivationInfo kActivationInfo[] = {
#define AP_INFO_ENTRY(T) T::info,
    AP_ACTIVATIONS(AP_INFO_ENTRY)
#undef AP_INFO_ENTRY
};
inline constexpr int kNumActivations = static_cast<int>(sizeof(kActivationInfo) / sizeof(kActivationInfo[0]));

}  // namespace ap
