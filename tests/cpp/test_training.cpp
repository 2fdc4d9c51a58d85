// The MLP engine: PyTorch 1.13 training trajectories, finite-difference checks of the whole
// backward pass, dead-neuron statistics, initialisation and argument checks.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "ap/activations.hpp"
#include "ap/model.hpp"
#include "ap/training.hpp"
#include "mlp_fixture.hpp"

namespace {

struct TorchModule {
  const char* type;
  std::size_t in, out;
  std::vector<std::pair<const char*, float>> params;
};
struct TorchOptim {
  const char* kind;
  float lr, momentum, weight_decay;
  bool nesterov;
};
using StateDict = std::vector<std::pair<const char*, std::vector<float>>>;
struct TorchTrainingCase {
  const char* name;
  std::vector<TorchModule> modules;
  const char* loss;
  TorchOptim opt;
  std::size_t batch, steps, n;
  std::vector<float> x, targets;
  StateDict init;
  std::vector<float> losses;
  StateDict final_state;
};
#include "../reference/torch_training.inc"

std::vector<ap::ModuleSpec> specs_of(const std::vector<TorchModule>& modules) {
  std::vector<ap::ModuleSpec> specs;
  for (const TorchModule& m : modules) {
    ap::ModuleSpec s;
    if (std::string(m.type) == "Linear") {
      s.kind = ap::ModuleSpec::Kind::linear;
      s.in = m.in;
      s.out = m.out;
    } else {
      s.kind = ap::ModuleSpec::Kind::activation;
      s.activation = ap::find_activation(m.type);
      REQUIRE(s.activation >= 0);
      const ap::ActivationInfo& info = ap::kActivationInfo[s.activation];
      for (int k = 0; k < info.num_params; ++k) {
        s.params[k] = info.params[k].default_value;
        for (const auto& [name, value] : m.params) {
          if (std::string(name) == info.params[k].name) s.params[k] = value;
        }
      }
    }
    specs.push_back(s);
  }
  return specs;
}

void load_state(ap::Model& model, const StateDict& sd) {
  for (const auto& [name, values] : sd) {
    const int i = model.find_parameter(name);
    REQUIRE(i >= 0);
    REQUIRE(model.parameters()[i].value.size() == values.size());
    model.parameters()[i].value = values;
  }
}

/// A small model with every kind of layer, for gradient checks.
ap::Model small_model(int activation, std::size_t out = 2) {
  std::vector<ap::ModuleSpec> specs(3);
  specs[0].kind = ap::ModuleSpec::Kind::linear;
  specs[0].in = 3;
  specs[0].out = 5;
  specs[1].kind = ap::ModuleSpec::Kind::activation;
  specs[1].activation = activation;
  const ap::ActivationInfo& info = ap::kActivationInfo[activation];
  for (int k = 0; k < info.num_params; ++k) specs[1].params[k] = info.params[k].default_value;
  if (info.params[0].required) specs[1].params[0] = 0.05f;
  specs[2].kind = ap::ModuleSpec::Kind::linear;
  specs[2].in = 5;
  specs[2].out = out;
  ap::Model m;
  REQUIRE(ap::Model::build(specs, m).empty());
  m.init(ap::Init::pytorch, 7);
  return m;
}

}  // namespace

TEST_CASE("training follows PyTorch's trajectory step by step", "[training][torch]") {
  for (const TorchTrainingCase& c : kTorchTraining) {
    CAPTURE(c.name);
    ap::Model model;
    REQUIRE(ap::Model::build(specs_of(c.modules), model).empty());
    load_state(model, c.init);
    ap::OptimizerOptions o;
    o.kind = std::string(c.opt.kind) == "adam" ? ap::OptimizerOptions::Kind::adam : ap::OptimizerOptions::Kind::sgd;
    o.lr = c.opt.lr;
    o.momentum = c.opt.momentum;
    o.weight_decay = c.opt.weight_decay;
    o.nesterov = c.opt.nesterov;
    ap::Optimizer opt;
    REQUIRE(ap::Optimizer::create(o, opt).empty());
    ap::TrainOptions t;
    t.loss = static_cast<ap::Loss>(ap::find_loss(c.loss));
    if (c.batch > 0) t.batch_size = c.batch;  // 0: the full batch
    t.steps = c.steps;
    std::vector<float> losses;
    ap::TrainState state;
    REQUIRE(ap::train(model, opt, c.x.data(), c.targets.data(), c.n, t, losses, state).empty());
    REQUIRE(losses.size() == c.losses.size());
    for (std::size_t s = 0; s < losses.size(); ++s) {
      CAPTURE(s, losses[s], c.losses[s]);
      CHECK(std::fabs(losses[s] - c.losses[s]) <= 1e-5 * std::fabs(c.losses[s]) + 1e-7);
    }
    for (const auto& [name, values] : c.final_state) {
      const ap::Parameter& p = model.parameters()[model.find_parameter(name)];
      float worst = 0.f;
      for (std::size_t i = 0; i < values.size(); ++i) worst = std::max(worst, std::fabs(p.value[i] - values[i]));
      CAPTURE(name, worst);
      CHECK(worst <= 1e-5f);
    }
  }
}

TEST_CASE("the whole backward pass matches finite differences for every activation and loss", "[training][gradcheck]") {
  const int act = GENERATE(range(0, ap::kNumActivations));
  const int loss = GENERATE(range(0, ap::kNumLosses));
  const ap::ActivationInfo& info = ap::kActivationInfo[act];
  if (info.name == std::string("step")) return;  // no gradient to check
  CAPTURE(info.name, ap::kLossInfo[loss].name);
  const ap::Loss lk = static_cast<ap::Loss>(loss);
  // BCE needs probabilities: a sigmoid head (appended as its own module).
  std::vector<ap::ModuleSpec> specs = small_model(act).modules();
  if (lk == ap::Loss::binary_cross_entropy) {
    ap::ModuleSpec head;
    head.kind = ap::ModuleSpec::Kind::activation;
    head.activation = ap::find_activation("sigmoid");
    specs.push_back(head);
  }
  ap::Model m;
  REQUIRE(ap::Model::build(specs, m).empty());
  m.init(ap::Init::pytorch, 11);
  const std::size_t n = 4;
  std::vector<float> x = {0.3f, -1.2f, 0.8f, 1.5f, 0.1f, -0.4f, -0.7f, 0.9f, 2.0f, 0.05f, -1.6f, 0.6f};
  std::vector<float> t = lk == ap::Loss::cross_entropy ? std::vector<float>{0, 1, 1, 0}
                                                       : std::vector<float>{0.f, 1.f, 1.f, 0.f, 0.2f, 0.9f, 1.f, 0.f};
  auto loss_at = [&]() {
    const float* y = m.forward(x.data(), n);
    double v = 0;
    REQUIRE(ap::loss_forward_backward(lk, y, t.data(), n, 2, nullptr, v).empty());
    return v;
  };
  const float* y = m.forward(x.data(), n);
  std::vector<float> g(n * 2);
  double v0 = 0;
  REQUIRE(ap::loss_forward_backward(lk, y, t.data(), n, 2, g.data(), v0).empty());
  m.backward(g.data());
  std::vector<ap::Parameter> analytic = m.parameters();
  for (std::size_t pi = 0; pi < analytic.size(); ++pi) {
    for (std::size_t i = 0; i < analytic[pi].value.size(); ++i) {
      float& w = m.parameters()[pi].value[i];
      const float saved = w;
      const float h = 1e-2f * std::max(1.f, std::fabs(saved));
      w = saved + h;
      const double lp = loss_at();
      w = saved - h;
      const double lm = loss_at();
      w = saved;
      const double l0 = loss_at();
      const double central = (lp - lm) / (2.0 * h), forward = (lp - l0) / h, backward = (l0 - lm) / h;
      const double a = analytic[pi].grad[i];
      CAPTURE(analytic[pi].name, i, central, forward, backward, a);
      // Central differences in float with h = 1e-2 agree to about 1e-3 relative. Where the two
      // one-sided slopes disagree, the interval holds a kink or a jump (relu at 0, hardshrink at
      // ±lambd): then the analytic gradient must match one side, as ggml's gradient tests accept.
      const double scale = std::max(1.0, std::fabs(a));
      const bool kink = std::fabs(forward - backward) > 5e-3 * std::max(1.0, std::fabs(central));
      const bool ok = std::fabs(central - a) <= 2e-3 * std::max(1.0, std::fabs(central)) ||
                      (kink && std::min(std::fabs(forward - a), std::fabs(backward - a)) <= 2e-3 * scale);
      CHECK(ok);
    }
  }
}

TEST_CASE("dead ReLU neurons are reported on a network built to have them", "[training][diagnostics]") {
  ap::Model m = ap::test::one_hidden_layer(2, 3, "relu", 1);
  // Neuron 0: always active on x ∈ [0,1]² (bias 1); neuron 1: always dead (bias −10);
  // neuron 2: active exactly when x0 > 0.5.
  m.parameters()[0].value = {0.1f, 0.1f, 0.f, 0.f, 1.f, 0.f};
  m.parameters()[1].value = {1.f, -10.f, -0.5f};
  m.parameters()[2].value = {1.f, 1.f, 1.f};
  std::vector<float> x;
  for (int i = 0; i < 10; ++i) {
    x.push_back(0.05f + 0.1f * i);  // x0 in 0.05 … 0.95: five above 0.5
    x.push_back(0.5f);
  }
  m.forward(x.data(), 10);
  std::vector<float> g(10, 1.f);
  m.backward(g.data());
  const std::vector<ap::LayerDiagnostics> d = m.diagnose();
  REQUIRE(d.size() == 1);
  CHECK(d[0].module == 1);
  CHECK(d[0].inactive_fraction[0] == 0.f);
  CHECK(d[0].inactive_fraction[1] == 1.f);
  CHECK(d[0].inactive_fraction[2] == 0.5f);
  // The dead neuron's incoming weights get no gradient.
  CHECK(m.parameters()[0].grad[2] == 0.f);
  CHECK(m.parameters()[0].grad[3] == 0.f);
  // Statistics against direct sums: weights {0.1, 0.1, 0, 0, 1, 0}; relu outputs per example
  // (0.1·x0 + 1.05, 0, max(x0 − 0.5, 0)).
  CHECK(d[0].weight_mean == Approx(1.2 / 6));
  CHECK(d[0].weight_std == Approx(std::sqrt(1.02 / 6 - (1.2 / 6) * (1.2 / 6))));
  double g2 = 0;
  for (float v : m.parameters()[0].grad) g2 += static_cast<double>(v) * v;
  CHECK(d[0].weight_grad_norm == Approx(std::sqrt(g2)));
  double sum = 0, sum2 = 0;
  for (int i = 0; i < 10; ++i) {
    const double x0 = 0.05 + 0.1 * i;
    for (double a : {0.1 * x0 + 0.05 + 1.0, 0.0, std::max(x0 - 0.5, 0.0)}) {
      sum += a;
      sum2 += a * a;
    }
  }
  CHECK(d[0].activation_mean == Approx(sum / 30).epsilon(1e-5));
  CHECK(d[0].activation_std == Approx(std::sqrt(sum2 / 30 - (sum / 30) * (sum / 30))).epsilon(1e-5));
  // Saturated (< 1 % of the largest gradient): the dead neuron always, neuron 2 when inactive.
  CHECK(d[0].saturated_fraction[0] == 0.f);
  CHECK(d[0].saturated_fraction[1] == 1.f);
  CHECK(d[0].saturated_fraction[2] == 0.5f);
}

TEST_CASE("initialisation is seeded, bit-identical across builds, and follows each scheme's bounds", "[training][init]") {
  ap::Model a = small_model(ap::find_activation("tanh"), 3), b = small_model(ap::find_activation("tanh"), 3);
  a.init(ap::Init::pytorch, 42);
  b.init(ap::Init::pytorch, 42);
  CHECK(a.parameters()[0].value == b.parameters()[0].value);
  b.init(ap::Init::pytorch, 43);
  CHECK(a.parameters()[0].value != b.parameters()[0].value);
  for (float v : a.parameters()[0].value) CHECK(std::fabs(v) <= 1.f / std::sqrt(3.f));
  a.init(ap::Init::playground, 1);
  for (float v : a.parameters()[0].value) CHECK(std::fabs(v) <= 0.5f);
  for (float v : a.parameters()[1].value) CHECK(v == 0.1f);
  // Kaiming (He normal) on a 256 → 256 layer: 65,536 draws of N(0, 2/256). The sample mean and
  // variance are within 5 standard errors of 0 and 2/256 (the variance's error is var·√(2/N)).
  std::vector<ap::ModuleSpec> wide(1);
  wide[0].in = wide[0].out = 256;
  ap::Model k;
  REQUIRE(ap::Model::build(wide, k).empty());
  k.init(ap::Init::kaiming, 5);
  const std::vector<float>& w = k.parameters()[0].value;
  double sum = 0, sum2 = 0;
  for (float v : w) {
    sum += v;
    sum2 += static_cast<double>(v) * v;
  }
  const double n = static_cast<double>(w.size()), var = 2.0 / 256;
  CHECK(std::fabs(sum / n) < 5 * std::sqrt(var / n));
  CHECK(std::fabs(sum2 / n - var) < 5 * var * std::sqrt(2 / n));
  for (float v : k.parameters()[1].value) CHECK(v == 0.f);
  // Bit-identity across builds is checked by tests/node/cross_build.test.mjs, which runs this core
  // natively and in both WASM builds on the same seeds and compares every bit.
}

TEST_CASE("bad models, optimizers and data give messages", "[training][errors]") {
  std::vector<ap::ModuleSpec> specs(2);
  specs[0].in = 2;
  specs[0].out = 3;
  specs[1].in = 4;
  specs[1].out = 1;
  ap::Model m;
  CHECK(ap::Model::build(specs, m) == "module 1: Linear expects 4 input features but the previous module gives 3");
  CHECK(ap::Model::build({}, m) == "a model needs at least one module");
  specs[1].in = 3;
  specs[0].out = 100000;
  CHECK(ap::Model::build(specs, m).find("Linear sizes must be between 1 and") != std::string::npos);
  ap::ModuleSpec act;
  act.kind = ap::ModuleSpec::Kind::activation;
  act.activation = 999;
  specs[0].out = 3;
  specs.insert(specs.begin() + 1, act);
  CHECK(ap::Model::build(specs, m) == "module 1: unknown activation");
  ap::Optimizer opt;
  ap::OptimizerOptions o;
  o.lr = -1.f;
  CHECK(ap::Optimizer::create(o, opt) == "lr must be >= 0");
  o.lr = 0.1f;
  o.nesterov = true;
  CHECK(ap::Optimizer::create(o, opt) == "nesterov needs momentum > 0 and dampening = 0");
  ap::Model ok = small_model(ap::find_activation("relu"), 1);
  o.nesterov = false;
  REQUIRE(ap::Optimizer::create(o, opt).empty());
  std::vector<float> x = {1.f, 2.f, NAN}, t = {1.f};
  std::vector<float> losses;
  ap::TrainState state;
  ap::TrainOptions to;
  to.steps = 1;
  CHECK(ap::train(ok, opt, x.data(), t.data(), 1, to, losses, state) == "input value 2 is not a finite number");
  x[2] = 0.f;
  to.loss = ap::Loss::binary_cross_entropy;
  t[0] = 1.f;
  CHECK(ap::train(ok, opt, x.data(), t.data(), 1, to, losses, state).find("inputs must be probabilities") !=
        std::string::npos);
  to.loss = ap::Loss::cross_entropy;
  t[0] = 3.f;
  CHECK(ap::train(ok, opt, x.data(), t.data(), 1, to, losses, state).find("is not a class index") != std::string::npos);
  to.loss = ap::Loss::mse_loss;
  to.steps = 0;
  CHECK(ap::train(ok, opt, x.data(), t.data(), 1, to, losses, state) == "give steps or epochs (> 0)");
  to.steps = 1;
  to.epochs = 1;  // the core would otherwise run the steps and ignore the epochs
  CHECK(ap::train(ok, opt, x.data(), t.data(), 1, to, losses, state) == "give steps or epochs, not both");
  CHECK(losses.empty());
}

TEST_CASE("the feature-major forward gives forward()'s values bit for bit, one plane per neuron", "[training][grid]") {
  // Small layers (the planes kernel, input widths 1–8 and generic), a large layer (the row-major
  // kernel's order through transposes), elementwise and softmax activations, learnable PReLU, a
  // bias-less layer, and batch sizes with and without a tail of 1–3 examples.
  auto linear = [](std::size_t in, std::size_t out, bool bias = true) {
    ap::ModuleSpec s;
    s.kind = ap::ModuleSpec::Kind::linear;
    s.in = in, s.out = out, s.bias = bias;
    return s;
  };
  auto act = [](const char* name, float p0 = 0.f) {
    ap::ModuleSpec s;
    s.kind = ap::ModuleSpec::Kind::activation;
    s.activation = ap::find_activation(name);
    const ap::ActivationInfo& info = ap::kActivationInfo[s.activation];
    for (int k = 0; k < info.num_params; ++k) s.params[k] = info.params[k].default_value;
    if (p0 != 0.f) s.params[0] = p0;
    return s;
  };
  const std::vector<std::vector<ap::ModuleSpec>> nets = {
      {linear(2, 8), act("tanh"), linear(8, 8), act("tanh"), linear(8, 1), act("sigmoid")},
      {linear(3, 5), act("relu"), linear(5, 70), act("leaky_relu"), linear(70, 3), act("softmax")},
      {linear(1, 12, false), act("prelu", 0.2f), linear(12, 9), act("gelu"), linear(9, 4), act("log_softmax")},
      {linear(7, 6), act("elu"), linear(6, 2)},
  };
  for (std::size_t k = 0; k < nets.size(); ++k) {
    CAPTURE(k);
    ap::Model m;
    REQUIRE(ap::Model::build(nets[k], m).empty());
    m.init(ap::Init::pytorch, 11 + k);
    for (std::size_t n : {std::size_t{1}, std::size_t{37}, std::size_t{40}}) {
      CAPTURE(n);
      const std::size_t in = m.input_size();
      std::vector<float> rows(n * in), planes(n * in);
      for (std::size_t r = 0; r < n; ++r)
        for (std::size_t i = 0; i < in; ++i) {
          rows[r * in + i] = std::sin(0.37f * static_cast<float>(r * in + i)) * 3.f;
          planes[i * n + r] = rows[r * in + i];
        }
      std::vector<std::vector<float>> outputs;
      m.forward_planes(planes.data(), n, outputs);
      m.forward(rows.data(), n);
      REQUIRE(outputs.size() == m.modules().size());
      for (std::size_t j = 0; j < outputs.size(); ++j) {
        const std::size_t w = m.width_after(j);
        REQUIRE(outputs[j].size() == n * w);
        std::size_t differ = 0;
        for (std::size_t r = 0; r < n; ++r)
          for (std::size_t o = 0; o < w; ++o) {
            const float a = m.module_output(j)[r * w + o], b = outputs[j][o * n + r];
            if (std::memcmp(&a, &b, sizeof a) != 0) ++differ;
          }
        CAPTURE(j);
        CHECK(differ == 0);
      }
    }
  }
}
