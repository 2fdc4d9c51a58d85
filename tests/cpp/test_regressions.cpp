// Regression tests for what the fuzzers (tests/fuzz) and sanitizers found, one case per finding.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "activation_reference.hpp"
#include "ap/activations.hpp"
#include "ap/training.hpp"
#include "float_compare.hpp"

TEST_CASE("the softmax family keeps its tolerance on long rows (fuzz: float row sums drifted)", "[activations][softmax][regression]") {
  // One dominant entry and many small ones: a float running sum of 4096 terms of 0.018 was off by
  // 1e-5 relative, which log_softmax turned into 1.6e-6 absolute (the tolerance is 1e-6 or 4 ulp).
  const int id = GENERATE(ap::find_activation("softmax"), ap::find_activation("log_softmax"), ap::find_activation("softmin"));
  const ap::KernelPath path = GENERATE(ap::KernelPath::scalar, ap::KernelPath::vector);
  const std::size_t n = GENERATE(as<std::size_t>{}, 255, 4096);
  const ap::ActivationInfo& a = ap::kActivationInfo[id];
  CAPTURE(a.name, static_cast<int>(path), n);
  const float sign = id == ap::find_activation("softmin") ? -1.f : 1.f;
  std::vector<float> x(n), g(n), y(n), gx(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = sign * (i == 0 ? 6.f : 2.f + 0.001f * static_cast<float>(i % 7));
    g[i] = i % 3 == 0 ? 1.f : -0.5f;
  }
  REQUIRE(ap::activation_forward(id, x.data(), y.data(), n, nullptr, ap::VectorLayout{n, 1}, path).empty());
  REQUIRE(ap::activation_backward(id, x.data(), g.data(), gx.data(), n, nullptr, ap::VectorLayout{n, 1}, path).empty());
  const std::vector<double> xd(x.begin(), x.end()), gd(g.begin(), g.end());
  std::vector<double> yr(n), gr(n);
  ap::test::reference_row(id, xd.data(), gd.data(), n, yr.data(), gr.data());
  std::size_t bad_values = 0, bad_grads = 0;
  for (std::size_t i = 0; i < n; ++i) {
    bad_values += !ap::test::close_to_reference(y[i], yr[i], a.max_ulp, a.max_abs);
    bad_grads += !ap::test::close_to_reference(gx[i], gr[i], a.max_ulp, a.max_abs);
  }
  CAPTURE(y[0], yr[0], gx[0], gr[0]);
  CHECK(bad_values == 0);
  CHECK(bad_grads == 0);
}

TEST_CASE("too many epochs are refused before epochs x steps per epoch can wrap around", "[training][regression]") {
  // In WASM size_t has 32 bits: 2^31 epochs of 2 steps wrapped to 0 steps ("give steps or epochs").
  // The same wrap natively needs 2^63 epochs.
  ap::ModuleSpec linear;
  linear.in = linear.out = 1;
  ap::Model model;
  REQUIRE(ap::Model::build({linear}, model).empty());
  ap::Optimizer optimizer;
  REQUIRE(ap::Optimizer::create({}, optimizer).empty());
  const float x[] = {1.f, 2.f}, t[] = {0.f, 1.f};
  ap::TrainOptions o;
  o.batch_size = 1;  // 2 steps per epoch
  o.epochs = std::numeric_limits<std::size_t>::max() / 2 + 1;
  std::vector<float> losses;
  ap::TrainState state;
  const std::string err = ap::train(model, optimizer, x, t, 2, o, losses, state);
  CHECK(err.find("epochs of 2 steps in one call is more than the limit") != std::string::npos);
  CHECK(losses.empty());
  o.epochs = 3;
  CHECK(ap::train(model, optimizer, x, t, 2, o, losses, state).empty());
  CHECK(losses.size() == 6);
}

TEST_CASE("a PReLU weight driven to NaN gives outputs as PyTorch does, not stale memory", "[model][regression]") {
  // Divergent training can make the learned weight NaN; forward() used activation_forward, which
  // refuses a non-finite parameter and left the output buffer as it was.
  ap::ModuleSpec linear, prelu;
  linear.in = 1;
  linear.out = 2;
  prelu.kind = ap::ModuleSpec::Kind::activation;
  prelu.activation = ap::find_activation("prelu");
  prelu.params[0] = 0.25f;
  ap::Model model;
  REQUIRE(ap::Model::build({linear, prelu}, model).empty());
  model.parameters()[0].value = {1.f, -1.f};  // z = (x, -x)
  model.parameters()[1].value = {0.f, 0.f};
  const float x[] = {2.f, 3.f};
  const std::vector<float> before(model.forward(x, 2), model.forward(x, 2) + 4);
  CHECK(before == std::vector<float>{2.f, -0.5f, 3.f, -0.75f});
  model.parameters()[2].value = {NAN};
  const float* y = model.forward(x, 2);
  CHECK(y[0] == 2.f);
  CHECK(std::isnan(y[1]));
  CHECK(y[2] == 3.f);
  CHECK(std::isnan(y[3]));
  std::vector<std::vector<float>> planes;
  const float xp[] = {2.f, 3.f};  // feature-major: one plane of 2 values
  model.forward_planes(xp, 2, planes);
  CHECK(planes.back()[0] == 2.f);
  CHECK(std::isnan(planes.back()[2]));
  const float g[] = {1.f, 1.f, 1.f, 1.f};
  model.forward(x, 2);
  model.backward(g);
  CHECK(model.parameters()[0].grad[0] == 2.f + 3.f);  // through the x > 0 lanes
  CHECK(std::isnan(model.parameters()[0].grad[1]));   // through the NaN slope
}
