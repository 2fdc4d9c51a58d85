// Built only with tests/cpp/extra_activation.hpp compiled into the registry: the made-up entry is
// there, under its names, and both kernel paths run it (the registry-wide tests then cover it).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "ap/activations.hpp"

TEST_CASE("a test-only registry entry reaches the dispatcher and both kernel paths", "[activations][extra]") {
  const int id = ap::find_activation("test_xtanh");
  REQUIRE(id >= 0);
  CHECK(ap::find_activation("TestXTanh") == id);
  CHECK(ap::kActivationInfo[id].kind == ap::ActivationKind::elementwise);
  const std::vector<float> x = {-3.f, -0.5f, 0.f, 0.25f, 2.f};
  for (ap::KernelPath path : {ap::KernelPath::scalar, ap::KernelPath::vector}) {
    std::vector<float> y(x.size()), g(x.size());
    REQUIRE(ap::activation_forward(id, x.data(), y.data(), x.size(), nullptr, {}, path).empty());
    REQUIRE(ap::activation_backward(id, x.data(), nullptr, g.data(), x.size(), nullptr, {}, path).empty());
    for (std::size_t i = 0; i < x.size(); ++i) {
      CAPTURE(i, x[i]);
      CHECK(y[i] == Approx(x[i] * std::tanh(static_cast<double>(x[i]))).margin(1e-6));
      const double t = std::tanh(static_cast<double>(x[i]));
      CHECK(g[i] == Approx(t + x[i] * (1 - t * t)).margin(1e-6));
    }
  }
}
