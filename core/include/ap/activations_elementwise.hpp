// The elementwise entries of the activation registry (activation_registry.hpp lists them): each
// one's name, parameters, formula, value and derivative side by side. value() and backward() are
// templates: with float they are the scalar reference kernels, with double the high-precision
// reference the tests compare against. backward(x, y, gy, p) returns dL/dx given the input x, the
// output y = value(x) and dL/dy, written the way PyTorch 1.13's CPU kernels write it (so kinks, NaN
// and Inf behave the same).
#pragma once
#include <cmath>

#include "ap/activation_info.hpp"

namespace ap {

// Binary step: H(x) = 1 if x > 0 else 0 (H(0) = 0);  H'(x) = 0 everywhere (no gradient flows).
struct Step : NoParamCheck {
  static constexpr ActivationInfo info{
      "step", "Step", "heaviside", ActivationKind::elementwise, "1 if x > 0 else 0", "0", "{0, 1}",
      "step(0) = 0 and step(NaN) = 0, as torch.heaviside(x, 0); the gradient is 0 everywhere, which "
      "is why it cannot be trained by gradient descent",
      0, {}, "torch.heaviside(x, torch.tensor(0.0))", false};
  template <class T> static T value(T x, const T*) { return x > T(0) ? T(1) : T(0); }
  template <class T> static T backward(T, T, T, const T*) { return T(0); }
};

// Identity: f(x) = x;  f'(x) = 1. A network of only these layers is a single linear map.
struct Linear : NoParamCheck {
  static constexpr ActivationInfo info{
      "linear", "Identity", "identity", ActivationKind::elementwise, "x", "1", "(-inf, inf)",
      "stacking linear layers with no activation in between gives one linear map", 0, {}, "nn.Identity()(x)"};
  template <class T> static T value(T x, const T*) { return x; }
  template <class T> static T backward(T, T, T gy, const T*) { return gy; }
};

// Sigmoid: σ(x) = 1 / (1 + e^-x);  σ'(x) = σ(x)(1 − σ(x)).
struct Sigmoid : NoParamCheck {
  static constexpr ActivationInfo info{
      "sigmoid", "Sigmoid", "", ActivationKind::elementwise, "1 / (1 + exp(-x))",
      "sigmoid(x) * (1 - sigmoid(x))", "(0, 1)",
      "saturates: the gradient is at most 0.25 and vanishes for |x| > 10", 0, {}, "torch.sigmoid(x)"};
  template <class T> static T value(T x, const T*) { return stable_sigmoid(x); }
  template <class T> static T backward(T, T y, T gy, const T*) { return gy * (T(1) - y) * y; }
};

// Hyperbolic tangent: tanh(x) = (e^x − e^-x)/(e^x + e^-x);  tanh'(x) = 1 − tanh²(x).
struct Tanh : NoParamCheck {
  static constexpr ActivationInfo info{
      "tanh", "Tanh", "", ActivationKind::elementwise, "(exp(x) - exp(-x)) / (exp(x) + exp(-x))",
      "1 - tanh(x)^2", "(-1, 1)", "zero-centred; saturates like sigmoid, gradient at most 1", 0, {}, "torch.tanh(x)"};
  template <class T> static T value(T x, const T*) { return saturating_tanh(x); }
  template <class T> static T backward(T, T y, T gy, const T*) { return gy * (T(1) - y * y); }
};

// Rectified linear unit: relu(x) = max(0, x);  relu'(x) = 1 if x > 0 else 0 (relu'(0) = 0).
struct ReLU : NoParamCheck {
  static constexpr ActivationInfo info{
      "relu", "ReLU", "", ActivationKind::elementwise, "max(0, x)", "1 if x > 0 else 0", "[0, inf)",
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
struct LeakyReLU : NoParamCheck {
  static constexpr ActivationInfo info{
      "leaky_relu", "LeakyReLU", "", ActivationKind::elementwise, "x if x > 0 else negative_slope * x",
      "1 if x > 0 else negative_slope", "(-inf, inf)",
      "leaky_relu'(0) = negative_slope as in PyTorch; keeps a small gradient for negative inputs, "
      "so neurons cannot die",
      1, {{"negative_slope", 0.01f, "slope for x <= 0"}}};
  template <class T> static T value(T x, const T* p) { return x > T(0) ? x : x * p[0]; }
  template <class T> static T backward(T x, T, T gy, const T* p) { return x > T(0) ? gy : gy * p[0]; }
};

// PReLU with one shared weight: f(x) = x if x > 0 else weight·x;  f'(x) = 1 if x > 0 else weight.
struct PReLU : NoParamCheck {
  static constexpr ActivationInfo info{
      "prelu", "PReLU", "", ActivationKind::elementwise, "x if x > 0 else weight * x",
      "1 if x > 0 else weight", "(-inf, inf)",
      "like leaky_relu, but the slope is a learned parameter (nn.PReLU starts it at 0.25)", 1,
      {{"weight", 0.25f, "learned slope for x <= 0 (one shared value)", nullptr, false, true}}};
  // The same function as LeakyReLU with the weight as slope (w·x and x·w round alike).
  template <class T> static T value(T x, const T* p) { return LeakyReLU::value(x, p); }
  template <class T> static T backward(T x, T y, T gy, const T* p) { return LeakyReLU::backward(x, y, gy, p); }
  // ∂f/∂weight = x for x ≤ 0, else 0 (NaN inputs pass their NaN on, as PyTorch's sum does).
  template <class T> static T param_backward(T x, T, T gy, const T*, int) { return x > T(0) ? T(0) : gy * x; }
};

// ELU: f(x) = x if x > 0 else α(e^x − 1);  f'(x) = 1 if x > 0 else α e^x.
struct ELU : NoParamCheck {
  static constexpr ActivationInfo info{
      "elu", "ELU", "", ActivationKind::elementwise, "x if x > 0 else alpha * (exp(x) - 1)",
      "1 if x > 0 else alpha * exp(x)", "(-alpha, inf)",
      "elu'(0) = alpha (1 by default) and elu(-0) = +0, as in PyTorch; the gradient at NaN is NaN", 1,
      {{"alpha", 1.0f, "value approached as x -> -inf is -alpha"}}};
  // "+ 0" turns expm1(-0) = -0 into +0, as PyTorch returns.
  template <class T> static T value(T x, const T* p) { return x > T(0) ? x : std::expm1(x) * p[0] + T(0); }
  template <class T> static T backward(T x, T, T gy, const T* p) {
    return x > T(0) ? gy : gy * p[0] * std::exp(x);
  }
};

// SELU: f(x) = λ·x if x > 0 else λα(e^x − 1), α ≈ 1.6733, λ ≈ 1.0507;  f'(x) = λ or λα e^x.
struct SELU : NoParamCheck {
  static constexpr double kAlpha = 1.6732632423543772848170429916717;
  static constexpr double kScale = 1.0507009873554804934193349852946;
  static constexpr ActivationInfo info{
      "selu", "SELU", "", ActivationKind::elementwise,
      "scale * (x if x > 0 else alpha * (exp(x) - 1)), alpha = 1.6733, scale = 1.0507",
      "scale if x > 0 else scale * alpha * exp(x)", "(-scale * alpha, inf) = (-1.7581, inf)", "self-normalising; selu'(0) = scale * alpha", 0, {}};
  template <class T> static T value(T x, const T*) {
    return x > T(0) ? x * T(kScale) : std::expm1(x) * T(kAlpha) * T(kScale) + T(0);
  }
  template <class T> static T backward(T x, T, T gy, const T*) {
    return x > T(0) ? gy * T(kScale) : gy * T(kAlpha) * T(kScale) * std::exp(x);
  }
};

// CELU: f(x) = x if x > 0 else α(e^(x/α) − 1);  f'(x) = 1 if x > 0 else e^(x/α).
struct CELU {
  static constexpr ActivationInfo info{
      "celu", "CELU", "", ActivationKind::elementwise, "x if x > 0 else alpha * (exp(x / alpha) - 1)",
      "1 if x > 0 else exp(x / alpha)", "(-alpha, inf)", "continuously differentiable ELU; celu'(0) = 1", 1,
      {{"alpha", 1.0f, "must not be 0"}}};
  static const char* check(const float* p) { return p[0] == 0.f ? "parameter 'alpha' must not be 0" : nullptr; }
  template <class T> static T value(T x, const T* p) {
    return x > T(0) ? x : std::expm1(x * (T(1) / p[0])) * p[0] + T(0);
  }
  template <class T> static T backward(T x, T, T gy, const T* p) {
    const T inv = T(1) / p[0];
    return x > T(0) ? gy : gy * inv * p[0] * std::exp(x * inv);
  }
};

// GELU: exact x·Φ(x) = ½x(1 + erf(x/√2)), or the tanh approximation
// ½x(1 + tanh(√(2/π)(x + 0.044715x³))).  Exact derivative: Φ(x) + x·φ(x).
struct GELU {
  static constexpr ActivationInfo info{
      "gelu", "GELU", "", ActivationKind::elementwise,
      "x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt(2)))  |  tanh: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))",
      "Phi(x) + x * phi(x)  (phi = standard normal density)", "[-0.1700, inf)",
      "approximate='none' uses erf; 'tanh' is the approximation used by GPT-2 and BERT", 1,
      {{"approximate", 0.f, "'none' (exact, erf) or 'tanh'", "none|tanh"}}};
  static const char* check(const float* p) {
    return (p[0] == 0.f || p[0] == 1.f) ? nullptr : "parameter 'approximate' must be 'none' or 'tanh'";
  }
  static constexpr double kSqrt2OverPi = 0.79788456080286535587989211986876;
  static constexpr double kSqrtHalf = 0.70710678118654752440084436210485;
  static constexpr double kInvSqrt2Pi = 0.39894228040143267793994605993438;
  static constexpr double kCubic = 0.044715;
  template <class T> static T value(T x, const T* p) {
    if (p[0] != T(0)) {
      const T inner = T(kSqrt2OverPi) * (x + T(kCubic) * x * x * x);
      return T(0.5) * x * (T(1) + saturating_tanh(inner));
    }
    // 0.5·x·erfc(−x/√2) equals 0.5·x·(1 + erf(x/√2)) without cancellation for negative x;
    // "+ 0" gives +0 where the result is zero, as PyTorch does.
    return T(0.5) * x * std::erfc(-x * T(kSqrtHalf)) + T(0);
  }
  template <class T> static T backward(T x, T, T gy, const T* p) {
    if (p[0] != T(0)) {
      const T x2 = x * x;
      const T inner = T(kSqrt2OverPi) * (x + T(kCubic) * x2 * x);
      const T t = saturating_tanh(inner);
      const T left = T(0.5) * x, right = T(1) + t;
      const T dinner = T(kSqrt2OverPi) * (T(1) + T(3) * T(kCubic) * x2);
      return gy * (T(0.5) * right + left * (T(1) - t * t) * dinner);
    }
    const T cdf = T(0.5) * std::erfc(-x * T(kSqrtHalf));
    const T pdf = std::exp(T(-0.5) * x * x) * T(kInvSqrt2Pi);
    return gy * (cdf + x * pdf);
  }
};

// SiLU (swish): f(x) = x·σ(x);  f'(x) = σ(x)(1 + x(1 − σ(x))).
struct SiLU : NoParamCheck {
  static constexpr ActivationInfo info{
      "silu", "SiLU", "swish", ActivationKind::elementwise, "x * sigmoid(x)",
      "sigmoid(x) * (1 + x * (1 - sigmoid(x)))", "[-0.2785, inf)", "smooth, non-monotonic; minimum about -0.278 at x = -1.278",
      0, {}};
  template <class T> static T value(T x, const T*) { return x * stable_sigmoid(x); }
  template <class T> static T backward(T x, T, T gy, const T*) {
    const T s = stable_sigmoid(x);
    return gy * s * (T(1) + x * (T(1) - s));
  }
};

// Mish: f(x) = x·tanh(softplus(x));  f'(x) = tanh(sp) + x·σ(x)(1 − tanh²(sp)).
struct Mish : NoParamCheck {
  static constexpr ActivationInfo info{
      "mish", "Mish", "", ActivationKind::elementwise, "x * tanh(log(1 + exp(x)))",
      "tanh(sp) + x * sigmoid(x) * (1 - tanh(sp)^2),  sp = softplus(x)", "[-0.3088, inf)", "smooth, non-monotonic", 0, {}};
  template <class T> static T value(T x, const T*) { return x * saturating_tanh(stable_softplus(x)); }
  template <class T> static T backward(T x, T, T gy, const T*) {
    const T s = stable_sigmoid(x);
    const T t = saturating_tanh(stable_softplus(x));
    return gy * (t + x * s * (T(1) - t * t));
  }
};

// Softplus: f(x) = log(1 + e^(βx))/β, and x itself where βx > threshold;  f'(x) = σ(βx) (1 above).
struct Softplus {
  static constexpr ActivationInfo info{
      "softplus", "Softplus", "", ActivationKind::elementwise,
      "log(1 + exp(beta * x)) / beta, or x where beta * x > threshold",
      "sigmoid(beta * x), or 1 where beta * x > threshold", "(0, inf)",
      "smooth ReLU; reverts to the identity above the threshold, as in PyTorch", 2,
      {{"beta", 1.0f, "sharpness; must not be 0"}, {"threshold", 20.0f, "beta * x above this is linear"}}};
  static const char* check(const float* p) { return p[0] == 0.f ? "parameter 'beta' must not be 0" : nullptr; }
  template <class T> static T value(T x, const T* p) {
    const T bx = x * p[0];
    return bx > p[1] ? x : stable_softplus(bx) / p[0];
  }
  template <class T> static T backward(T x, T, T gy, const T* p) {
    const T bx = x * p[0];
    return bx > p[1] ? gy : gy * stable_sigmoid(bx);
  }
};

// Softsign: f(x) = x / (1 + |x|);  f'(x) = 1 / (1 + |x|)².
struct Softsign : NoParamCheck {
  static constexpr ActivationInfo info{
      "softsign", "Softsign", "", ActivationKind::elementwise, "x / (1 + |x|)", "1 / (1 + |x|)^2", "(-1, 1)",
      "like tanh but approaches ±1 polynomially, so it saturates more slowly; the gradient at ±Inf is "
      "NaN, as PyTorch's autograd gives",
      0, {}};
  template <class T> static T value(T x, const T*) { return x / (std::fabs(x) + T(1)); }
  // Autograd's order for x / (|x| + 1): g/d + (−g·x/d²)·sgn(x); NaN at ±Inf, as PyTorch.
  template <class T> static T backward(T x, T, T gy, const T*) {
    const T d = std::fabs(x) + T(1);
    const T sgn = x > T(0) ? T(1) : (x < T(0) ? T(-1) : x * T(0));
    return gy / d + (-gy * x / (d * d)) * sgn;
  }
};

// Hardtanh: clamp(x, min_val, max_val);  f'(x) = 1 strictly inside (min_val, max_val), else 0.
struct Hardtanh {
  static constexpr ActivationInfo info{
      "hardtanh", "Hardtanh", "", ActivationKind::elementwise, "min(max(x, min_val), max_val)",
      "1 if min_val < x < max_val else 0", "[min_val, max_val]", "the gradient is 0 at both corners, as in PyTorch", 2,
      {{"min_val", -1.0f, "lower bound"}, {"max_val", 1.0f, "upper bound"}}};
  static const char* check(const float* p) {
    return p[0] > p[1] ? "parameter 'min_val' must not be greater than 'max_val'" : nullptr;
  }
  template <class T> static T value(T x, const T* p) { return x < p[0] ? p[0] : (x > p[1] ? p[1] : x); }
  template <class T> static T backward(T x, T, T gy, const T* p) { return (x > p[0] && x < p[1]) ? gy : T(0); }
};

// ReLU6: min(max(x, 0), 6);  f'(x) = 1 on (0, 6), else 0.
struct ReLU6 : NoParamCheck {
  static constexpr ActivationInfo info{
      "relu6", "ReLU6", "", ActivationKind::elementwise, "min(max(x, 0), 6)", "1 if 0 < x < 6 else 0", "[0, 6]",
      "hardtanh(x, 0, 6); the gradient is 0 at 0 and at 6", 0, {}};
  template <class T> static T value(T x, const T*) { return x < T(0) ? T(0) : (x > T(6) ? T(6) : x); }
  template <class T> static T backward(T x, T, T gy, const T*) { return (x > T(0) && x < T(6)) ? gy : T(0); }
};

// Hardsigmoid: relu6(x + 3) / 6;  f'(x) = 1/6 on (−3, 3), else 0.
struct Hardsigmoid : NoParamCheck {
  static constexpr ActivationInfo info{
      "hardsigmoid", "Hardsigmoid", "", ActivationKind::elementwise, "min(max(x + 3, 0), 6) / 6",
      "1/6 if -3 < x < 3 else 0", "[0, 1]", "piecewise-linear sigmoid; hardsigmoid'(±3) = 0 as in PyTorch", 0, {}};
  template <class T> static T value(T x, const T*) {
    const T s = x + T(3);
    return (s < T(0) ? T(0) : (s > T(6) ? T(6) : s)) / T(6);
  }
  template <class T> static T backward(T x, T, T gy, const T*) {
    return (x > T(-3) && x < T(3)) ? gy / T(6) : T(0);
  }
};

// Hardswish: x·relu6(x + 3)/6;  f'(x) = 0 below −3, x/3 + 1/2 on [−3, 3], 1 above.
struct Hardswish : NoParamCheck {
  static constexpr ActivationInfo info{
      "hardswish", "Hardswish", "", ActivationKind::elementwise, "x * min(max(x + 3, 0), 6) / 6",
      "0 if x < -3, x / 3 + 0.5 if x < 3, else 1", "[-0.375, inf)",
      "piecewise version of silu used in MobileNetV3; hardswish'(3) = 1 as in PyTorch", 0, {}};
  template <class T> static T value(T x, const T*) {
    const T s = x + T(3);
    return x * (s < T(0) ? T(0) : (s > T(6) ? T(6) : s)) / T(6);
  }
  template <class T> static T backward(T x, T, T gy, const T*) {
    return x < T(-3) ? T(0) : (x >= T(3) ? gy : gy * ((x / T(3)) + T(0.5)));
  }
};

// Log-sigmoid: log σ(x) = min(x, 0) − log(1 + e^-|x|);  f'(x) = 1 − σ(x).
struct LogSigmoid : NoParamCheck {
  static constexpr ActivationInfo info{
      "logsigmoid", "LogSigmoid", "", ActivationKind::elementwise, "log(1 / (1 + exp(-x)))", "1 - sigmoid(x)", "(-inf, 0)",
      "computed as min(x, 0) - log1p(exp(-|x|)), so it never overflows", 0, {}};
  template <class T> static T value(T x, const T*) {
    return (x < T(0) ? x : T(0)) - std::log1p(std::exp(-std::fabs(x)));
  }
  template <class T> static T backward(T x, T, T gy, const T*) {
    const bool neg = x < T(0);
    const T z = std::exp(-std::fabs(x));
    return gy * ((neg ? T(1) : T(0)) - (neg ? T(1) : T(-1)) * (z / (T(1) + z)));
  }
};

// Tanhshrink: x − tanh(x);  f'(x) = tanh²(x).
struct Tanhshrink : NoParamCheck {
  static constexpr ActivationInfo info{
      "tanhshrink", "Tanhshrink", "", ActivationKind::elementwise, "x - tanh(x)", "tanh(x)^2", "(-inf, inf)", "", 0, {}};
  template <class T> static T value(T x, const T*) { return x - saturating_tanh(x); }
  template <class T> static T backward(T x, T, T gy, const T*) {
    const T t = saturating_tanh(x);
    return gy * (t * t);
  }
};

// Softshrink: x − λ above λ, x + λ below −λ, else 0;  f'(x) = 1 outside [−λ, λ], else 0.
struct Softshrink {
  static constexpr ActivationInfo info{
      "softshrink", "Softshrink", "", ActivationKind::elementwise,
      "x - lambd if x > lambd, x + lambd if x < -lambd, else 0", "1 if |x| > lambd else 0", "(-inf, inf)",
      "softshrink(NaN) = 0 and the gradient at NaN is 0, as in PyTorch", 1,
      {{"lambd", 0.5f, "half-width of the zero band; must be >= 0"}}};
  static const char* check(const float* p) { return p[0] < 0.f ? "parameter 'lambd' must be >= 0" : nullptr; }
  template <class T> static T value(T x, const T* p) { return x > p[0] ? x - p[0] : (x < -p[0] ? x + p[0] : T(0)); }
  template <class T> static T backward(T x, T, T gy, const T* p) { return (x < -p[0] || x > p[0]) ? gy : T(0); }
};

// Hardshrink: x where |x| > λ, else 0;  f'(x) = 1 where |x| > λ, else 0.
struct Hardshrink {
  static constexpr ActivationInfo info{
      "hardshrink", "Hardshrink", "", ActivationKind::elementwise, "x if |x| > lambd else 0",
      "1 if |x| > lambd else 0", "0 or |y| > lambd", "", 1, {{"lambd", 0.5f, "half-width of the zero band; must be >= 0"}}};
  static const char* check(const float* p) { return p[0] < 0.f ? "parameter 'lambd' must be >= 0" : nullptr; }
  template <class T> static T value(T x, const T* p) { return (x >= -p[0] && x <= p[0]) ? T(0) : x; }
  template <class T> static T backward(T x, T, T gy, const T* p) { return (x < -p[0] || x > p[0]) ? gy : T(0); }
};

// Threshold: x if x > threshold else value;  f'(x) = 1 if x > threshold else 0.
struct Threshold : NoParamCheck {
  static constexpr ActivationInfo info{
      "threshold", "Threshold", "", ActivationKind::elementwise, "x if x > threshold else value",
      "1 if x > threshold else 0", "value or (threshold, inf)", "both parameters are required, as in PyTorch", 2,
      {{"threshold", 0.f, "inputs at or below it are replaced", nullptr, true},
       {"value", 0.f, "the replacement", nullptr, true}}};
  template <class T> static T value(T x, const T* p) { return x <= p[0] ? p[1] : x; }
  template <class T> static T backward(T x, T, T gy, const T* p) { return x <= p[0] ? T(0) : gy; }
};

// Sine: sin(x);  f'(x) = cos(x). Periodic; offered by TensorFlow Playground.
struct Sine : NoParamCheck {
  static constexpr ActivationInfo info{
      "sine", "Sine", "sin", ActivationKind::elementwise, "sin(x)", "cos(x)", "[-1, 1]",
      "periodic; not a PyTorch module (torch.sin), offered by TensorFlow Playground", 0, {}, "torch.sin(x)", false};
  template <class T> static T value(T x, const T*) { return std::sin(x); }
  template <class T> static T backward(T x, T, T gy, const T*) { return gy * std::cos(x); }
};

// Gaussian: e^(−x²);  f'(x) = −2x·e^(−x²).
struct Gaussian : NoParamCheck {
  static constexpr ActivationInfo info{
      "gaussian", "Gaussian", "", ActivationKind::elementwise, "exp(-x^2)", "-2 * x * exp(-x^2)", "(0, 1]",
      "radial bump; not a PyTorch module, offered in playground-style tools", 0, {}, "torch.exp(-x * x)", false};
  template <class T> static T value(T x, const T*) { return std::exp(-(x * x)); }
  // Autograd's order for exp(-(x*x)): t = -(g·y), then t·x + t·x (finite even at |x| = 3.4e38).
  template <class T> static T backward(T x, T y, T gy, const T*) {
    const T t = -(gy * y);
    return t * x + t * x;
  }
};

}  // namespace ap
