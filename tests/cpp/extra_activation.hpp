// A made-up elementwise activation that exists only in the test builds (AP_EXTRA_ACTIVATIONS_HEADER
// names this file). It is one registry entry and nothing else: the tests check that it reaches the
// kernels and their tests, the bindings, the types, the docs, the page's menus and the PyTorch export.
#pragma once
#include <cmath>

#include "ap/activation_info.hpp"

namespace ap {

// x·tanh(x);  f'(x) = tanh(x) + x(1 − tanh²(x)).
struct TestXTanh : NoParamCheck {
  static constexpr ActivationInfo info{
      "test_xtanh", "TestXTanh", "", ActivationKind::elementwise, "x * tanh(x)", "tanh(x) + x * (1 - tanh(x)^2)",
      "[0, inf)", "a test-only entry", 0, {}, "x * torch.tanh(x)", false};
  template <class T> static T value(T x, const T*) { return x * saturating_tanh(x); }
  template <class T> static T backward(T x, T, T gy, const T*) {
    const T t = saturating_tanh(x);
    return gy * (t + x * (T(1) - t * t));
  }
};

}  // namespace ap

#define AP_EXTRA_ACTIVATIONS(X) X(TestXTanh)
