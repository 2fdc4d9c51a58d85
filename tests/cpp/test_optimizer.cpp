// Optimizer::step: the regularisers enter the update, not the gradients; L1/L2 by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ap/activations.hpp"
#include "ap/training.hpp"
#include "mlp_fixture.hpp"

namespace {

/// Linear(3, 1) with weight [0.5, −0.25, 0], bias 0.3 and grads [0.1, 0.2, −0.3], 0.05.
ap::Model linear_with_grads() {
  std::vector<ap::ModuleSpec> specs(1);
  specs[0].in = 3;
  specs[0].out = 1;
  ap::Model m;
  REQUIRE(ap::Model::build(specs, m).empty());
  std::vector<ap::Parameter>& p = m.parameters();
  REQUIRE(p.size() == 2);
  p[0].value = {0.5f, -0.25f, 0.f};
  p[0].grad = {0.1f, 0.2f, -0.3f};
  p[1].value = {0.3f};
  p[1].grad = {0.05f};
  return m;
}

ap::Optimizer sgd(float lr, int regularization, float rate, float weight_decay = 0.f, float momentum = 0.f) {
  ap::OptimizerOptions o;
  o.lr = lr;
  o.regularization = regularization;
  o.regularization_rate = rate;
  o.weight_decay = weight_decay;
  o.momentum = momentum;
  ap::Optimizer opt;
  REQUIRE(ap::Optimizer::create(o, opt).empty());
  return opt;
}

void check_values(const ap::Parameter& p, const std::vector<float>& want) {
  REQUIRE(p.value.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(p.name, i);
    CHECK_THAT(p.value[i], Catch::Matchers::WithinAbs(want[i], 1e-6));
  }
}

}  // namespace

TEST_CASE("a step leaves every grad as the backward pass left it", "[training][optimizer]") {
  const int regularization = GENERATE(0, 1, 2);
  const float weight_decay = GENERATE(0.f, 0.01f);
  const bool adam = GENERATE(false, true);
  CAPTURE(regularization, weight_decay, adam);
  ap::Model m = ap::test::one_hidden_layer(2, 4, "tanh", 1);
  m.init(ap::Init::pytorch, 3);
  ap::OptimizerOptions o;
  o.kind = adam ? ap::OptimizerOptions::Kind::adam : ap::OptimizerOptions::Kind::sgd;
  o.momentum = adam ? 0.f : 0.9f;
  o.regularization = regularization;
  o.regularization_rate = 0.1f;
  o.weight_decay = weight_decay;
  ap::Optimizer opt;
  REQUIRE(ap::Optimizer::create(o, opt).empty());
  const std::vector<float> x = {0.5f, -1.f, 2.f, 0.25f, -0.75f, 1.5f}, t = {1.f, 0.f, -1.f};
  std::vector<float> grad_out(3);
  for (int step = 0; step < 3; ++step) {
    const float* y = m.forward(x.data(), 3);
    double loss = 0;
    REQUIRE(ap::loss_forward_backward(ap::Loss::mse_loss, y, t.data(), 3, 1, grad_out.data(), loss).empty());
    m.backward(grad_out.data());
    std::vector<std::vector<float>> before;
    for (const ap::Parameter& p : m.parameters()) before.push_back(p.grad);
    opt.step(m.parameters());
    for (std::size_t k = 0; k < before.size(); ++k) {
      CAPTURE(step, m.parameters()[k].name);
      CHECK(m.parameters()[k].grad == before[k]);
    }
  }
}

TEST_CASE("L1 and L2 regularisation of weights follow a hand computation", "[training][optimizer]") {
  ap::Model m = linear_with_grads();
  SECTION("none: w − lr·g") {
    ap::Optimizer opt = sgd(0.5f, 0, 0.1f);
    opt.step(m.parameters());
    check_values(m.parameters()[0], {0.5f - 0.05f, -0.25f - 0.1f, 0.15f});
  }
  SECTION("L1: w − lr·(g + rate·sign(w)), sign(0) = 0, bias not regularised") {
    ap::Optimizer opt = sgd(0.5f, 1, 0.1f);
    opt.step(m.parameters());
    // 0.5 − 0.5·(0.1 + 0.1), −0.25 − 0.5·(0.2 − 0.1), 0 − 0.5·(−0.3 + 0)
    check_values(m.parameters()[0], {0.4f, -0.3f, 0.15f});
  }
  SECTION("L2: w − lr·(g + rate·w)") {
    ap::Optimizer opt = sgd(0.5f, 2, 0.1f);
    opt.step(m.parameters());
    // 0.5 − 0.5·(0.1 + 0.05), −0.25 − 0.5·(0.2 − 0.025), 0 − 0.5·(−0.3)
    check_values(m.parameters()[0], {0.425f, -0.3375f, 0.15f});
  }
  SECTION("L2 and weight_decay add up; weight_decay also reaches the bias") {
    ap::Optimizer opt = sgd(0.5f, 2, 0.1f, 0.2f);
    opt.step(m.parameters());
    // 0.5 − 0.5·(0.1 + 0.05 + 0.1), −0.25 − 0.5·(0.2 − 0.025 − 0.05), 0 − 0.5·(−0.3)
    check_values(m.parameters()[0], {0.375f, -0.3125f, 0.15f});
    // 0.3 − 0.5·(0.05 + 0.06)
    check_values(m.parameters()[1], {0.245f});
    return;
  }
  // Without weight decay the bias moves by its gradient alone: 0.3 − 0.5·0.05.
  check_values(m.parameters()[1], {0.275f});
}

TEST_CASE("momentum starts from the regularised gradient, as the update uses it", "[training][optimizer]") {
  // Two steps with the same grads: buf₁ = d, buf₂ = 0.9·buf₁ + d₂ with d = g + rate·sign(w) (L1).
  ap::Model m = linear_with_grads();
  ap::Optimizer opt = sgd(0.5f, 1, 0.1f, 0.f, 0.9f);
  opt.step(m.parameters());  // w₁ = [0.4, −0.3, 0.15] (see the L1 case)
  opt.step(m.parameters());
  // d₂ = [0.2, 0.1, −0.3 + 0.1] (w₁[2] > 0 now); buf₂ = 0.9·[0.2, 0.1, −0.3] + d₂ = [0.38, 0.19, −0.47];
  // w₂ = w₁ − 0.5·buf₂
  check_values(m.parameters()[0], {0.4f - 0.19f, -0.3f - 0.095f, 0.15f + 0.235f});
}

TEST_CASE("lr = 0 is accepted as torch.optim does; a negative or NaN lr is not", "[training][optimizer][errors]") {
  ap::Model m = linear_with_grads();
  const std::vector<float> w = m.parameters()[0].value;
  ap::Optimizer opt = sgd(0.f, 2, 0.1f, 0.2f, 0.9f);
  opt.step(m.parameters());
  CHECK(m.parameters()[0].value == w);
  CHECK(opt.set_lr(0.f).empty());
  CHECK(opt.set_lr(-1e-9f) == "lr must be a finite number >= 0");
  CHECK(opt.set_lr(NAN) == "lr must be a finite number >= 0");
  ap::OptimizerOptions o;
  o.lr = -0.5f;
  ap::Optimizer bad;
  CHECK(ap::Optimizer::create(o, bad) == "lr must be >= 0");
  o.lr = NAN;
  CHECK(ap::Optimizer::create(o, bad) == "lr must be a finite number within float32 range (about ±3.4e38)");
  o.lr = 0.1f;
  o.beta2 = INFINITY;  // each option is named, not only the first
  CHECK(ap::Optimizer::create(o, bad) == "beta2 must be a finite number within float32 range (about ±3.4e38)");
}
