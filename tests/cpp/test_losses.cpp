// Losses under PyTorch's three reductions against PyTorch 1.13, and training that stops on a
// non-finite loss instead of stepping with it.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "ap/training.hpp"

namespace {

struct TorchLossCase {
  const char* loss;
  const char* reduction;
  std::size_t n, c;
  std::vector<float> input, target, value, grad;
};
#include "../reference/torch_losses.inc"

bool close(double got, double want) { return std::fabs(got - want) <= 1e-5 * std::fabs(want) + 1e-6; }

}  // namespace

TEST_CASE("every loss and reduction gives PyTorch's values and gradients", "[losses][torch]") {
  for (const TorchLossCase& c : kTorchLosses) {
    CAPTURE(c.loss, c.reduction);
    const int loss = ap::find_loss(c.loss);
    REQUIRE(loss >= 0);
    ap::Reduction reduction;
    REQUIRE(ap::parse_reduction(c.reduction, reduction).empty());
    const ap::Loss l = static_cast<ap::Loss>(loss);
    const std::size_t count = ap::loss_elements(l, c.n, c.c);
    std::vector<float> grad(c.n * c.c), elements(count);
    double value = 0;
    REQUIRE(ap::loss_forward_backward(l, c.input.data(), c.target.data(), c.n, c.c, grad.data(), value, reduction,
                                      elements.data())
                .empty());
    if (reduction == ap::Reduction::none) {
      REQUIRE(c.value.size() == count);
      for (std::size_t i = 0; i < count; ++i) {
        CAPTURE(i, elements[i], c.value[i]);
        CHECK(close(elements[i], c.value[i]));
      }
    } else {
      REQUIRE(c.value.size() == 1);
      CAPTURE(value, c.value[0]);
      CHECK(close(value, c.value[0]));
    }
    REQUIRE(c.grad.size() == grad.size());
    for (std::size_t i = 0; i < grad.size(); ++i) {
      CAPTURE(i, grad[i], c.grad[i]);
      CHECK(close(grad[i], c.grad[i]));
    }
  }
}

TEST_CASE("an unknown reduction is refused with the accepted names", "[losses][errors]") {
  ap::Reduction r = ap::Reduction::sum;
  CHECK(ap::parse_reduction("nope", r) == "reduction must be one of 'mean', 'sum', 'none' (got 'nope')");
  CHECK(r == ap::Reduction::sum);
  CHECK(ap::parse_reduction("none", r).empty());
  CHECK(r == ap::Reduction::none);
}

TEST_CASE("training stops with a message when the loss stops being finite", "[training][errors]") {
  // A linear model with a huge learning rate: the first step sends the outputs to ~1e30, whose
  // squared error overflows float.
  std::vector<ap::ModuleSpec> specs(1);
  specs[0].in = 1;
  specs[0].out = 1;
  ap::Model m;
  REQUIRE(ap::Model::build(specs, m).empty());
  m.parameters()[0].value = {1.f};
  m.parameters()[1].value = {0.f};
  ap::OptimizerOptions o;
  o.lr = 1e30f;
  ap::Optimizer opt;
  REQUIRE(ap::Optimizer::create(o, opt).empty());
  const std::vector<float> x = {1.f, 2.f}, t = {0.f, 5.f};
  std::vector<float> losses;
  ap::TrainState state;
  ap::TrainOptions to;
  to.steps = 5;
  const std::string err = ap::train(m, opt, x.data(), t.data(), 2, to, losses, state);
  CHECK(err.find("the loss is not finite") != std::string::npos);
  REQUIRE(losses.size() == 1);
  CHECK(std::isfinite(losses[0]));
  for (const ap::Parameter& p : m.parameters()) {
    for (float v : p.value) CHECK(std::isfinite(v));  // no step was taken on the infinite loss
  }
}
