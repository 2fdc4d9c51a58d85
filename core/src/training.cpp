#include "ap/training.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ap/activation_registry.hpp"
#include "ap/limits.hpp"
#include "ap/rng.hpp"
#include "ap/barriers.hpp"
#include "simd_math.hpp"

namespace ap {

int find_loss(std::string_view name) {
  for (int i = 0; i < kNumLosses; ++i) {
    if (name == kLossInfo[i].name) return i;
  }
  return -1;
}

std::string loss_forward_backward(Loss loss, const float* y, const float* t, std::size_t n, std::size_t c,
                                  float* grad, double& value) {
  const std::size_t numel = n * c;
  value = 0.0;
  if (numel == 0) return "the loss of an empty batch is undefined";
  const std::string name = kLossInfo[static_cast<int>(loss)].name;
  double sum = 0.0;
  switch (loss) {
    case Loss::mse_loss:
    case Loss::half_mse: {
      // PyTorch: grad = (2 / numel)·(y − t); half: (1 / numel)·(y − t).
      const float norm = static_cast<float>((loss == Loss::mse_loss ? 2.0 : 1.0) / static_cast<double>(numel));
      for (std::size_t i = 0; i < numel; ++i) {
        const float d = y[i] - t[i];
        sum += static_cast<double>(d * d);
        if (grad) grad[i] = norm * d;
      }
      value = loss == Loss::mse_loss ? sum / numel : 0.5 * sum / numel;
      break;
    }
    case Loss::binary_cross_entropy: {
      // loss_i = (t − 1)·max(log1p(−y), −100) − t·max(log y, −100);
      // grad_i = (y − t) / max((1 − y)·y, 1e-12) / numel.
      for (std::size_t i = 0; i < numel; ++i) {
        if (!(y[i] >= 0.f && y[i] <= 1.f)) {
          return name + ": inputs must be probabilities in [0, 1] (got " + std::to_string(y[i]) + " at " +
                 std::to_string(i) + "); use binary_cross_entropy_with_logits for raw outputs";
        }
        const float l = (t[i] - 1.f) * std::max(std::log1p(-y[i]), -100.f) - t[i] * std::max(std::log(y[i]), -100.f);
        sum += l;
        if (grad) grad[i] = ((y[i] - t[i]) / std::max((1.f - y[i]) * y[i], 1e-12f)) / static_cast<float>(numel);
      }
      value = sum / numel;
      break;
    }
    case Loss::binary_cross_entropy_with_logits: {
      // loss_i = (1 − t)·z + m + log(e^−m + e^(−z−m)), m = max(−z, 0);  grad_i = (σ(z) − t) / numel.
      for (std::size_t i = 0; i < numel; ++i) {
        const float z = y[i];
        const float m = std::max(-z, 0.f);
        sum += (1.f - t[i]) * z + m + std::log(std::exp(-m) + std::exp(-z - m));
        if (grad) grad[i] = (stable_sigmoid(z) - t[i]) / static_cast<float>(numel);
      }
      value = sum / numel;
      break;
    }
    case Loss::cross_entropy: {
      // log_softmax per row, nll of the target; grad = g − e^{logp}·Σg with g = −1/n at the target.
      if (c < 1) return name + ": needs at least one output";
      std::vector<float> logp(c);
      const float g = -1.f / static_cast<float>(n);
      for (std::size_t r = 0; r < n; ++r) {
        const float tf = t[r];
        if (!(tf >= 0.f && tf < static_cast<float>(c)) || tf != std::floor(tf)) {
          return name + ": target " + std::to_string(tf) + " at " + std::to_string(r) + " is not a class index in [0, " +
                 std::to_string(c) + ")";
        }
        const std::size_t k = static_cast<std::size_t>(tf);
        LogSoftmax::value_row<float>(y + r * c, logp.data(), c);
        sum -= logp[k];
        if (grad) {
          for (std::size_t j = 0; j < c; ++j) grad[r * c + j] = (j == k ? g : 0.f) - std::exp(logp[j]) * g;
        }
      }
      value = sum / n;
      break;
    }
  }
  if (!std::isfinite(value) && std::isfinite(sum)) return name + ": the loss is not finite";
  return {};
}

// ---- optimizers ---------------------------------------------------------------------------------

std::string Optimizer::create(const OptimizerOptions& o, Optimizer& out) {
  const float all[] = {o.lr, o.momentum, o.dampening, o.weight_decay, o.beta1, o.beta2, o.eps, o.regularization_rate};
  for (float v : all) {
    if (!std::isfinite(v)) return "optimizer options must be finite numbers";
  }
  if (!(o.lr > 0.f)) return "lr must be > 0";
  if (o.momentum < 0.f) return "momentum must be >= 0";
  if (o.weight_decay < 0.f) return "weight_decay must be >= 0";
  if (o.nesterov && (o.momentum <= 0.f || o.dampening != 0.f)) return "nesterov needs momentum > 0 and dampening = 0";
  if (!(o.beta1 >= 0.f && o.beta1 < 1.f) || !(o.beta2 >= 0.f && o.beta2 < 1.f)) return "betas must be in [0, 1)";
  if (!(o.eps >= 0.f)) return "eps must be >= 0";
  if (o.regularization < 0 || o.regularization > 2) return "regularization must be none, l1 or l2";
  if (o.regularization_rate < 0.f) return "regularization rate must be >= 0";
  out = Optimizer();
  out.options_ = o;
  return {};
}

std::string Optimizer::set_lr(float lr) {
  if (!std::isfinite(lr) || !(lr > 0.f)) return "lr must be a finite number > 0";
  options_.lr = lr;
  return {};
}

// The updates are elementwise Eigen array expressions over the parameter buffers: Eigen
// vectorises them natively (SSE) and runs them as plain loops in WASM (Eigen has no WASM SIMD
// path). Each element sees the same float operations in the same order either way, so a seed still
// gives bit-identical runs in every build.
void Optimizer::step(std::vector<Parameter>& params) {
  using Array = Eigen::Map<Eigen::ArrayXf>;
  const OptimizerOptions& o = options_;
  if (state_a_.size() != params.size()) {
    state_a_.assign(params.size(), {});
    state_b_.assign(params.size(), {});
  }
  ++steps_;
  for (std::size_t k = 0; k < params.size(); ++k) {
    Parameter& p = params[k];
    const Eigen::Index n = static_cast<Eigen::Index>(p.value.size());
    Array w(p.value.data(), n), g(p.grad.data(), n);
    // Playground-style regularisation of weights: + rate·sign(w) (L1) or + rate·w (L2).
    if (o.regularization != 0 && !p.is_bias && o.regularization_rate > 0.f) {
      if (o.regularization == 1) {
        g += o.regularization_rate * ((w > 0.f).cast<float>() - (w < 0.f).cast<float>());
      } else {
        g += o.regularization_rate * w;
      }
    }
    if (o.weight_decay != 0.f) g = g + o.weight_decay * w;
    if (o.kind == OptimizerOptions::Kind::sgd) {
      // torch.optim.SGD: buf = g (first step) or momentum·buf + (1 − dampening)·g;
      // d = g + momentum·buf (nesterov) or buf; p −= lr·d.
      if (o.momentum != 0.f) {
        std::vector<float>& state = state_a_[k];
        if (state.empty()) {
          state = p.grad;
        } else {
          Array buf(state.data(), n);
          buf = buf * o.momentum + (1.f - o.dampening) * g;
        }
        Array buf(state.data(), n);
        if (o.nesterov) {
          w = w + (-o.lr) * (g + o.momentum * buf);
        } else {
          w = w + (-o.lr) * buf;
        }
      } else {
        w = w + (-o.lr) * g;
      }
    } else {
      // torch.optim.Adam: m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²;
      // p −= (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps).
      if (state_a_[k].empty()) {
        state_a_[k].assign(p.value.size(), 0.f);
        state_b_[k].assign(p.value.size(), 0.f);
      }
      Array m(state_a_[k].data(), n), v(state_b_[k].data(), n);
      const double t = static_cast<double>(steps_);
      const double bc1 = 1.0 - std::pow(static_cast<double>(o.beta1), t);
      const double bc2 = 1.0 - std::pow(static_cast<double>(o.beta2), t);
      const float step_size = static_cast<float>(static_cast<double>(o.lr) / bc1);
      const float bc2_sqrt = static_cast<float>(std::sqrt(bc2));
      m = m * o.beta1 + g * (1.f - o.beta1);
      v = v * o.beta2 + ((1.f - o.beta2) * g) * g;
      w = w + (-step_size) * (m / (v.sqrt() / bc2_sqrt + o.eps));
    }
  }
}

// ---- training loop ------------------------------------------------------------------------------

namespace {

std::string check_data(const Model& model, const float* x, const float* targets, std::size_t n, Loss loss) {
  if (n == 0) return "no training examples";
  if (n > limits::kMaxExamples) {
    return std::to_string(n) + " examples is more than the limit of " + std::to_string(limits::kMaxExamples);
  }
  const std::size_t in = model.input_size(), tw = target_width(loss, model.output_size());
  for (std::size_t i = 0; i < n * in; ++i) {
    if (!std::isfinite(x[i])) return "input value " + std::to_string(i) + " is not a finite number";
  }
  for (std::size_t i = 0; i < n * tw; ++i) {
    if (!std::isfinite(targets[i])) return "target value " + std::to_string(i) + " is not a finite number";
  }
  return {};
}

/// What one optimizer step reads and writes besides its batch position.
struct StepData {
  Model& model;
  Optimizer& optimizer;
  const float *x, *targets;
  const std::size_t* order;
  float *bx, *bt, *grad;
  bool contiguous;
  Loss loss;
  std::size_t in, tw;
};

/// One step on rows [start, start + m) of the (shuffled) order: gather, forward, loss, backward, update.
std::string train_step(StepData& d, std::size_t start, std::size_t m, double& value) {
  const float* xb = d.x + start * d.in;
  const float* tb = d.targets + start * d.tw;
  if (!d.contiguous) {
    for (std::size_t r = 0; r < m; ++r) {
      simd::copy_short(d.x + d.order[start + r] * d.in, d.in, d.bx + r * d.in);
      simd::copy_short(d.targets + d.order[start + r] * d.tw, d.tw, d.bt + r * d.tw);
    }
    xb = d.bx;
    tb = d.bt;
  }
  const float* y = d.model.forward(xb, m);
  if (std::string err = loss_forward_backward(d.loss, y, tb, m, d.model.output_size(), d.grad, value); !err.empty()) {
    return err;
  }
  d.model.backward(d.grad);
  d.optimizer.step(d.model.parameters());
  return {};
}

}  // namespace

std::string train(Model& model, Optimizer& optimizer, const float* x, const float* targets, std::size_t n,
                  const TrainOptions& options, std::vector<float>& losses, std::size_t& cursor) {
  if (std::string err = check_data(model, x, targets, n, options.loss); !err.empty()) return err;
  const std::size_t batch = options.batch_size == 0 ? n : std::min(options.batch_size, n);
  const std::size_t steps_per_epoch = (n + batch - 1) / batch;
  const std::size_t steps = options.steps > 0 ? options.steps : options.epochs * steps_per_epoch;
  if (steps == 0) return "give steps or epochs (> 0)";
  if (steps > limits::kMaxStepsPerCall) {
    return std::to_string(steps) + " steps in one call is more than the limit of " + std::to_string(limits::kMaxStepsPerCall);
  }
  if (std::string err = model.check_batch(batch); !err.empty()) return err;
  const std::size_t in = model.input_size(), out = model.output_size(), tw = target_width(options.loss, out);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Rng rng(options.seed);
  std::vector<float> bx(batch * in), bt(batch * tw), grad(batch * out);
  const bool contiguous = !options.shuffle;
  std::size_t epoch = cursor / steps_per_epoch;
  if (options.shuffle) {
    // Reproduce the permutations of earlier epochs so a resumed run continues the same sequence.
    for (std::size_t e = 0; e <= epoch; ++e) {
      for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(static_cast<uint32_t>(i))]);
    }
  }
  losses.reserve(losses.size() + steps);
  StepData step{model, optimizer, x, targets, order.data(), bx.data(), bt.data(), grad.data(), contiguous, options.loss, in, tw};
  for (std::size_t s = 0; s < steps; ++s) {
    const std::size_t in_epoch = cursor % steps_per_epoch;
    if (in_epoch == 0 && cursor > 0 && cursor / steps_per_epoch != epoch) {
      epoch = cursor / steps_per_epoch;
      if (options.shuffle) {
        for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(static_cast<uint32_t>(i))]);
      }
    }
    const std::size_t start = in_epoch * batch, m = std::min(batch, n - start);
    double value = 0;
    if (std::string err = barrier::separate_function(&train_step)(step, start, m, value); !err.empty()) return err;
    losses.push_back(static_cast<float>(value));
    ++cursor;
  }
  return {};
}

std::string evaluate(Model& model, const float* x, const float* targets, std::size_t n, Loss loss, Evaluation& out) {
  if (std::string err = check_data(model, x, targets, n, loss); !err.empty()) return err;
  if (std::string err = model.check_batch(n); !err.empty()) return err;
  const std::size_t c = model.output_size(), tw = target_width(loss, c);
  const float* y = model.forward(x, n);
  if (std::string err = loss_forward_backward(loss, y, targets, n, c, nullptr, out.loss); !err.empty()) return err;
  const float threshold = loss == Loss::binary_cross_entropy_with_logits ? 0.f : 0.5f;
  std::size_t correct = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const float* yr = y + r * c;
    if (c == 1) {
      correct += ((yr[0] > threshold) == (targets[r] > 0.5f));
    } else {
      const std::size_t best = static_cast<std::size_t>(std::max_element(yr, yr + c) - yr);
      const std::size_t want = tw == 1 ? static_cast<std::size_t>(targets[r])
                                       : static_cast<std::size_t>(std::max_element(targets + r * c, targets + r * c + c) - (targets + r * c));
      correct += best == want;
    }
  }
  out.accuracy = static_cast<double>(correct) / static_cast<double>(n);
  return {};
}

}  // namespace ap
