// libFuzzer target: building, training, evaluating and gridding random networks.
//
// Each input describes a Sequential (Linear layers and any registry activation with random valid
// parameters), a loss, an optimizer with its options, data, batch size, steps or epochs, shuffle and
// seed, and at most one deliberate flaw (a bad module chain or parameter, bad optimizer options,
// non-finite or out-of-range data, no steps). Oracle:
//   * a flaw gives an error message, never a crash or UB; without one every call succeeds (except
//     binary_cross_entropy on outputs outside [0, 1], which the loss refuses, as PyTorch does);
//   * "tame" runs (Adam with lr <= 0.05, eps >= 1e-8, beta1 <= 0.9, beta2 >= 0.99, whose steps are
//     bounded, inputs in [-10, 10]) give finite losses, weights, evaluation and diagnostics;
//   * the heatmap grid (forward_planes) equals forward() on the same points bit for bit.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ap/activations.hpp"
#include "ap/datasets.hpp"
#include "ap/session.hpp"
#include "ap/training.hpp"

namespace {

enum Flaw : int { kNone = 0, kModel, kOptimizer, kData, kNoSteps, kNumFlaws };

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_training: %s\n", what.c_str());
  std::abort();
}

std::string describe(const ap::Model& m) {
  std::string out;
  for (const ap::ModuleSpec& s : m.modules()) {
    if (s.kind == ap::ModuleSpec::Kind::linear) {
      out += "Linear(" + std::to_string(s.in) + ", " + std::to_string(s.out) + (s.bias ? ") " : ", bias=false) ");
    } else {
      const ap::ActivationInfo& a = ap::kActivationInfo[s.activation];
      out += std::string(a.module) + "(";
      for (int k = 0; k < a.num_params; ++k) out += (k ? ", " : "") + std::to_string(s.params[k]);
      out += ") ";
    }
  }
  return out;
}

bool all_finite(const float* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(v[i])) return false;
  }
  return true;
}

float unit(FuzzedDataProvider& d) { return static_cast<float>(d.ConsumeIntegral<uint16_t>()) / 65535.f; }
float between(FuzzedDataProvider& d, float lo, float hi) { return lo + (hi - lo) * unit(d); }
float bad_number(FuzzedDataProvider& d) {
  const float bad[] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                       -std::numeric_limits<float>::infinity()};
  return bad[d.ConsumeIntegralInRange<int>(0, 2)];
}

/// An activation module with random parameters that pass the registry's checks (defaults otherwise).
ap::ModuleSpec random_activation(FuzzedDataProvider& d) {
  ap::ModuleSpec s;
  s.kind = ap::ModuleSpec::Kind::activation;
  s.activation = d.ConsumeIntegralInRange<int>(0, ap::kNumActivations - 1);
  const ap::ActivationInfo& a = ap::kActivationInfo[s.activation];
  for (int k = 0; k < a.num_params; ++k) {
    s.params[k] = a.params[k].choices ? static_cast<float>(d.ConsumeBool())
                                      : (d.ConsumeBool() ? a.params[k].default_value : between(d, -3.f, 3.f));
  }
  // celu with alpha < 0 grows like e^(|x|/|alpha|) and overflows for moderate inputs (in PyTorch too),
  // which would make "tame" runs blow up; fuzz_activations covers negative alphas.
  if (s.activation == static_cast<int>(ap::ActivationId::CELU)) s.params[0] = std::fabs(s.params[0]);
  if (ap::check_params(s.activation, s.params) != nullptr) {
    for (int k = 0; k < a.num_params; ++k) s.params[k] = a.params[k].default_value;
  }
  return s;
}

ap::ModuleSpec linear(std::size_t in, std::size_t out, bool bias) {
  ap::ModuleSpec s;
  s.in = in;
  s.out = out;
  s.bias = bias;
  return s;
}

std::vector<ap::ModuleSpec> random_model(FuzzedDataProvider& d, bool flawed) {
  std::vector<ap::ModuleSpec> specs;
  std::size_t width = d.ConsumeIntegralInRange<std::size_t>(1, 4);
  const int layers = d.ConsumeIntegralInRange<int>(1, 4);
  for (int l = 0; l < layers; ++l) {
    const std::size_t out = d.ConsumeIntegralInRange<std::size_t>(1, 8);
    specs.push_back(linear(width, out, d.ConsumeBool()));
    width = out;
    const int acts = d.ConsumeIntegralInRange<int>(0, 2);
    for (int k = 0; k < acts; ++k) specs.push_back(random_activation(d));
  }
  if (!flawed) return specs;
  const std::size_t at = d.ConsumeIntegralInRange<std::size_t>(0, specs.size() - 1);
  ap::ModuleSpec& s = specs[at];
  switch (d.ConsumeIntegralInRange<int>(0, 4)) {
    case 0: specs.insert(specs.begin(), random_activation(d)); break;  // nothing fixes the input size
    case 1:
      if (s.kind == ap::ModuleSpec::Kind::linear) {
        s.in = at == 0 ? 0 : s.in + d.ConsumeIntegralInRange<std::size_t>(1, 3);
      } else {
        s.activation = d.ConsumeBool() ? -1 : ap::kNumActivations + d.ConsumeIntegralInRange<int>(0, 3);
      }
      break;
    case 2: specs.push_back(linear(width, d.ConsumeBool() ? 0 : 5000, true)); break;
    case 3: {  // a parameter that is not finite
      ap::ModuleSpec a = random_activation(d);
      a.activation = ap::find_activation("leaky_relu");
      a.params[0] = bad_number(d);
      specs.push_back(a);
      break;
    }
    default: {  // a parameter the registry refuses
      ap::ModuleSpec a = random_activation(d);
      a.activation = ap::find_activation(d.ConsumeBool() ? "celu" : "softshrink");
      a.params[0] = a.activation == ap::find_activation("celu") ? 0.f : -between(d, 0.1f, 2.f);
      specs.push_back(a);
      break;
    }
  }
  return specs;
}

ap::OptimizerOptions random_optimizer(FuzzedDataProvider& d, bool flawed, bool& tame) {
  ap::OptimizerOptions o;
  o.kind = d.ConsumeBool() ? ap::OptimizerOptions::Kind::adam : ap::OptimizerOptions::Kind::sgd;
  o.lr = std::pow(10.f, between(d, -4.f, 0.f));
  o.weight_decay = d.ConsumeBool() ? 0.f : between(d, 0.f, 0.1f);
  o.regularization = d.ConsumeIntegralInRange<int>(0, 2);
  o.regularization_rate = between(d, 0.f, 0.1f);
  if (o.kind == ap::OptimizerOptions::Kind::sgd) {
    o.momentum = d.ConsumeBool() ? 0.f : between(d, 0.f, 0.99f);
    o.dampening = d.ConsumeBool() ? 0.f : between(d, 0.f, 1.f);
    o.nesterov = o.momentum > 0.f && o.dampening == 0.f && d.ConsumeBool();
  } else {
    o.beta1 = between(d, 0.f, 0.999f);
    o.beta2 = between(d, 0.f, 0.999f);
    const float eps[] = {1e-8f, 1e-6f, 1e-3f, 0.f};
    o.eps = eps[d.ConsumeIntegralInRange<int>(0, 3)];
  }
  // Adam's steps are bounded by about lr·(1 − β1)/√(1 − β2)/(1 − β1/√β2) only while β1 < √β2 (Kingma &
  // Ba); β2 near 0 with a large β1 divides a long average of gradients by the last one, unbounded.
  tame = o.kind == ap::OptimizerOptions::Kind::adam && o.lr <= 0.05f && o.eps >= 1e-8f && o.beta1 <= 0.9f && o.beta2 >= 0.99f;
  if (!flawed) return o;
  switch (d.ConsumeIntegralInRange<int>(0, 6)) {
    case 0: o.lr = -o.lr; break;  // lr = 0 is allowed, as in torch.optim
    case 1: o.lr = bad_number(d); break;
    case 2: o.momentum = -between(d, 0.01f, 1.f); break;
    case 3: o.beta2 = between(d, 1.f, 2.f); break;
    case 4: o.eps = -between(d, 1e-6f, 1.f); break;
    case 5: o.nesterov = true, o.momentum = 0.f; break;
    default: o.regularization = d.ConsumeBool() ? 3 : -1; break;
  }
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  FuzzedDataProvider d(data, size);
  const int pick = d.ConsumeIntegralInRange<int>(0, 2 * kNumFlaws - 2);  // half of the runs without a flaw
  const Flaw flaw = static_cast<Flaw>(pick < kNumFlaws ? 0 : pick - kNumFlaws + 1);
  ap::Session s;
  const std::string built = ap::Model::build(random_model(d, flaw == kModel), s.model);
  if ((flaw == kModel) == built.empty()) fail("model: flawed " + std::to_string(flaw == kModel) + ", got '" + built + "'");
  if (!built.empty()) return 0;
  s.model.init(static_cast<ap::Init>(d.ConsumeIntegralInRange<int>(0, ap::kNumInits - 1)), d.ConsumeIntegral<uint32_t>());

  bool tame = false;
  const ap::OptimizerOptions oo = random_optimizer(d, flaw == kOptimizer, tame);
  const std::string made = ap::Optimizer::create(oo, s.optimizer);
  if ((flaw == kOptimizer) == made.empty()) fail("optimizer: flawed " + std::to_string(flaw == kOptimizer) + ", got '" + made + "'");
  if (!made.empty()) return 0;

  const ap::Loss loss = static_cast<ap::Loss>(d.ConsumeIntegralInRange<int>(0, ap::kNumLosses - 1));
  const std::size_t in = s.model.input_size(), out = s.model.output_size(), tw = ap::target_width(loss, out);
  const std::size_t n = d.ConsumeIntegralInRange<std::size_t>(1, 48);
  std::vector<float> x(n * in), t(n * tw);
  for (float& v : x) v = between(d, -10.f, 10.f);
  for (float& v : t) {
    if (loss == ap::Loss::cross_entropy) v = static_cast<float>(d.ConsumeIntegralInRange<std::size_t>(0, out - 1));
    else if (loss == ap::Loss::mse_loss || loss == ap::Loss::half_mse) v = between(d, -2.f, 2.f);
    else v = unit(d);
  }
  bool bad_class = false;  // a class index out of range or not whole: found by the loss only in the batch that holds it
  if (flaw == kData) {
    const bool in_x = d.ConsumeBool();
    std::vector<float>& v = in_x ? x : t;
    const std::size_t at = d.ConsumeIntegralInRange<std::size_t>(0, v.size() - 1);
    if (!in_x && loss == ap::Loss::cross_entropy && d.ConsumeBool()) {
      bad_class = true;
      v[at] = d.ConsumeBool() ? static_cast<float>(out + d.ConsumeIntegralInRange<std::size_t>(0, 3)) : 0.5f;
    } else {
      v[at] = bad_number(d);
    }
  }
  ap::TrainOptions to;
  to.loss = loss;
  if (const std::size_t b = d.ConsumeIntegralInRange<std::size_t>(0, n + 3); b > 0) to.batch_size = b;  // else the full batch
  to.steps = d.ConsumeIntegralInRange<std::size_t>(0, 25);
  to.epochs = to.steps ? 0 : d.ConsumeIntegralInRange<std::size_t>(1, 3);
  if (flaw == kNoSteps) to.steps = to.epochs = 0;
  // A few steps may never reach the row with the bad class index (as in PyTorch, where cross_entropy
  // raises in that batch only): the run covers whole epochs, so it must meet it.
  if (bad_class) to.steps = 0, to.epochs = std::max<std::size_t>(to.epochs, 1);
  to.shuffle = d.ConsumeBool();
  to.seed = d.ConsumeIntegral<uint64_t>();

  const std::string trained = ap::train(s.model, s.optimizer, x.data(), t.data(), n, to, s.losses, s.training);
  // binary_cross_entropy refuses outputs outside [0, 1], which a random network may give.
  // A run that is not tame may diverge, which train() reports as an error.
  const auto diverged = [tame](const std::string& e) { return !tame && e.find("loss is not finite") != std::string::npos; };
  const bool may_refuse = (loss == ap::Loss::binary_cross_entropy && trained.find("must be probabilities") != std::string::npos) ||
                          diverged(trained);
  const bool flawed = flaw == kData || flaw == kNoSteps;
  if (flawed == trained.empty() && !may_refuse) fail("train: flawed " + std::to_string(flawed) + ", got '" + trained + "'");
  if (!trained.empty()) return 0;
  bool weights_finite = true;
  for (const ap::Parameter& p : s.model.parameters()) {
    weights_finite = weights_finite && all_finite(p.value.data(), p.value.size());
  }
  if (tame && !(all_finite(s.losses.data(), s.losses.size()) && weights_finite)) {
    fail("a tame run gave non-finite losses or weights: " + describe(s.model) + ", loss " + ap::kLossInfo[static_cast<int>(loss)].name +
         ", Adam lr " + std::to_string(oo.lr) + " betas " + std::to_string(oo.beta1) + " " + std::to_string(oo.beta2) + " eps " +
         std::to_string(oo.eps) + " weight_decay " + std::to_string(oo.weight_decay) + " regularization " +
         std::to_string(oo.regularization) + " " + std::to_string(oo.regularization_rate) + ", " + std::to_string(s.losses.size()) +
         " steps, first loss " + std::to_string(s.losses.empty() ? 0.f : s.losses[0]) + ", last " +
         std::to_string(s.losses.empty() ? 0.f : s.losses.back()));
  }

  ap::Evaluation ev;
  const std::string evaluated = ap::evaluate(s.model, x.data(), t.data(), n, loss, ev);
  if (!evaluated.empty() && !diverged(evaluated) &&
      !(loss == ap::Loss::binary_cross_entropy && evaluated.find("must be probabilities") != std::string::npos)) {
    fail("evaluate refused valid data: " + evaluated);
  }
  if (evaluated.empty() && !(ev.accuracy >= 0 && ev.accuracy <= 1)) fail("accuracy outside [0, 1]");
  if (tame && evaluated.empty() && !std::isfinite(ev.loss)) fail("a tame run evaluates to a non-finite loss: " + describe(s.model) + ", loss " + ap::kLossInfo[static_cast<int>(loss)].name + " = " + std::to_string(ev.loss));
  for (const ap::LayerDiagnostics& ld : s.model.diagnose()) {
    for (float f : ld.inactive_fraction) {
      if (!(f >= 0.f && f <= 1.f)) fail("an inactive fraction outside [0, 1]");
    }
    if (tame && !std::isfinite(ld.weight_grad_norm + ld.weight_mean + ld.weight_std + ld.activation_mean)) {
      fail("tame diagnostics are not finite");
    }
  }

  // The grid over a random box, through a random feature selection of the input's width (repeats allowed).
  if (in > static_cast<std::size_t>(ap::limits::kMaxInputFeatures)) return 0;
  ap::FeatureList features;
  features.count = static_cast<int>(in);
  for (std::size_t c = 0; c < in; ++c) features.ids[c] = d.ConsumeIntegralInRange<int>(0, ap::kNumFeatures - 1);
  const std::size_t g = d.ConsumeIntegralInRange<std::size_t>(2, 12);
  const float box[4] = {between(d, -10.f, 0.f), between(d, 0.01f, 10.f), between(d, -10.f, 0.f), between(d, 0.01f, 10.f)};
  const std::string gridded = ap::evaluate_grid(s, g, box, features);
  if (!gridded.empty()) fail("evaluate_grid refused a valid grid: " + gridded);
  const std::size_t m = g * g;
  std::vector<float> points(m * 2), inputs(m * in);
  for (std::size_t p = 0; p < m; ++p) points[p * 2] = s.grid_points[p], points[p * 2 + 1] = s.grid_points[m + p];
  if (!ap::apply_features(points.data(), m, features, inputs.data()).empty()) fail("apply_features refused a valid selection");
  const float* y = s.model.forward(inputs.data(), m);
  const std::vector<float>& planes = s.grid_outputs.back();
  for (std::size_t p = 0; p < m; ++p) {
    for (std::size_t o = 0; o < out; ++o) {
      const float a = y[p * out + o], b = planes[o * m + p];
      if (std::memcmp(&a, &b, sizeof a) != 0 && !(std::isnan(a) && std::isnan(b))) {
        fail("grid output " + std::to_string(o) + " at point " + std::to_string(p) + " differs from forward(): " +
             std::to_string(b) + " vs " + std::to_string(a) + " in " + describe(s.model) + ", " + std::to_string(features.count) + " features");
      }
    }
  }
  return 0;
}
