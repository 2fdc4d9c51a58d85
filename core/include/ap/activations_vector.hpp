// The vector entries of the activation registry (the softmax family): each works on one row of n
// values, value_row and the vector-Jacobian product backward_row side by side; the dispatcher maps
// a chosen dimension to rows.
#pragma once
#include <cmath>
#include <cstddef>

#include "ap/activation_info.hpp"

namespace ap {

// Softmax: y_i = e^(x_i − max x) / Σ_j e^(x_j − max x);  VJP: dx_i = y_i (g_i − Σ_j g_j y_j).
struct Softmax : NoParamCheck {
  static constexpr ActivationInfo info{
      "softmax", "Softmax", "", ActivationKind::vector, "exp(x_i - max(x)) / sum_j exp(x_j - max(x))",
      "y_i * (g_i - sum_j g_j * y_j)  (vector-Jacobian product)", "(0, 1), each slice sums to 1",
      "along `dim`; subtracts the maximum first, so large inputs do not overflow; a slice containing +Inf "
      "or NaN gives NaN, as in PyTorch",
      0, {}};
  template <class T> static void value_row(const T* x, T* y, std::size_t n) {
    if (n == 0) return;
    const T m = row_max(x, n);
    double sum = 0;  // in double: a float running sum drifts on long rows
    for (std::size_t i = 0; i < n; ++i) sum += (y[i] = std::exp(x[i] - m));
    const T inv = static_cast<T>(1.0 / sum);
    for (std::size_t i = 0; i < n; ++i) y[i] *= inv;
  }
  /// gx = y ⊙ (gy − <gy, y>), with y = value_row(x).
  template <class T> static void backward_row(const T* y, const T* gy, T* gx, std::size_t n) {
    double dot = 0;
    for (std::size_t i = 0; i < n; ++i) dot += gy[i] * y[i];
    for (std::size_t i = 0; i < n; ++i) gx[i] = y[i] * (gy[i] - static_cast<T>(dot));
  }
};

// Log-softmax: y_i = x_i − max x − log Σ_j e^(x_j − max x);  VJP: dx_i = g_i − e^(y_i) Σ_j g_j.
struct LogSoftmax : NoParamCheck {
  static constexpr ActivationInfo info{
      "log_softmax", "LogSoftmax", "", ActivationKind::vector, "x_i - max(x) - log(sum_j exp(x_j - max(x)))",
      "g_i - exp(y_i) * sum_j g_j  (vector-Jacobian product)", "(-inf, 0]",
      "along `dim`; more accurate than log(softmax(x)) for very negative outputs", 0, {}};
  template <class T> static void value_row(const T* x, T* y, std::size_t n) {
    if (n == 0) return;
    const T m = row_max(x, n);
    double sum = 0;  // in double: a float running sum drifts on long rows
    for (std::size_t i = 0; i < n; ++i) sum += std::exp(x[i] - m);
    const T log_sum = static_cast<T>(std::log(sum));
    for (std::size_t i = 0; i < n; ++i) y[i] = (x[i] - m) - log_sum;  // PyTorch's order: exact x - m first
  }
  template <class T> static void backward_row(const T* y, const T* gy, T* gx, std::size_t n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += gy[i];
    for (std::size_t i = 0; i < n; ++i) gx[i] = gy[i] - std::exp(y[i]) * static_cast<T>(sum);
  }
};

// Softmin: softmax(−x);  VJP: dx_i = −y_i (g_i − Σ_j g_j y_j).
struct Softmin : NoParamCheck {
  static constexpr ActivationInfo info{
      "softmin", "Softmin", "", ActivationKind::vector, "exp(-x_i) / sum_j exp(-x_j)",
      "-y_i * (g_i - sum_j g_j * y_j)  (vector-Jacobian product)", "(0, 1), each slice sums to 1", "softmax(-x) along `dim`", 0, {}};
  template <class T> static void value_row(const T* x, T* y, std::size_t n) {
    if (n == 0) return;
    T m = -x[0];
    for (std::size_t i = 1; i < n; ++i) m = (-x[i] > m || x[i] != x[i]) ? -x[i] : m;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += (y[i] = std::exp(-x[i] - m));
    const T inv = static_cast<T>(1.0 / sum);
    for (std::size_t i = 0; i < n; ++i) y[i] *= inv;
  }
  template <class T> static void backward_row(const T* y, const T* gy, T* gx, std::size_t n) {
    double dot = 0;
    for (std::size_t i = 0; i < n; ++i) dot += gy[i] * y[i];
    for (std::size_t i = 0; i < n; ++i) gx[i] = -(y[i] * (gy[i] - static_cast<T>(dot)));
  }
};

}  // namespace ap
