#include "ap/training.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "ap/limits.hpp"
#include "ap/rng.hpp"
#include "ap/barriers.hpp"
#include "simd_math.hpp"

namespace ap {

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

/// A 64-bit hash of the training data's bits and shape: train() restarts its sequence when it changes.
uint64_t data_checksum(const float* x, std::size_t nx, const float* t, std::size_t nt, std::size_t n) {
  uint64_t h = 0x243f6a8885a308d3ULL ^ (uint64_t{n} * 0x9e3779b97f4a7c15ULL) ^ (uint64_t{nx} << 32) ^ nt;
  const auto mix = [&h](const float* p, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      uint32_t bits;
      std::memcpy(&bits, p + i, 4);
      h = (h ^ (bits * 0x9e3779b97f4a7c15ULL)) * 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 29;
    }
  };
  mix(x, nx);
  mix(t, nt);
  return h;
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
  if (!std::isfinite(value)) {
    return "the loss is not finite (" + std::to_string(value) + "): the network diverged (try a lower learning rate)";
  }
  d.model.backward(d.grad);
  d.optimizer.step(d.model.parameters());
  return {};
}

}  // namespace

std::string train(Model& model, Optimizer& optimizer, const float* x, const float* targets, std::size_t n,
                  const TrainOptions& options, std::vector<float>& losses, TrainState& state) {
  if (std::string err = check_data(model, x, targets, n, options.loss); !err.empty()) return err;
  if (options.steps > 0 && options.epochs > 0) return "give steps or epochs, not both";
  if (options.batch_size && *options.batch_size == 0) return "batch_size must be at least 1 (omit it for the full batch)";
  const std::size_t batch = options.batch_size ? std::min(*options.batch_size, n) : n;
  const std::size_t steps_per_epoch = (n + batch - 1) / batch;
  // epochs · steps_per_epoch can wrap around a 32-bit size_t (WASM): compare before multiplying.
  const bool too_many = options.steps > limits::kMaxStepsPerCall ||
                        (options.steps == 0 && options.epochs > limits::kMaxStepsPerCall / steps_per_epoch);
  if (too_many) {
    const std::string asked = options.steps > 0 ? std::to_string(options.steps) + " steps"
                                                : std::to_string(options.epochs) + " epochs of " + std::to_string(steps_per_epoch) + " steps";
    return asked + " in one call is more than the limit of " + std::to_string(limits::kMaxStepsPerCall) + " steps";
  }
  const std::size_t steps = options.steps > 0 ? options.steps : options.epochs * steps_per_epoch;
  if (steps == 0) return "give steps or epochs (> 0)";
  if (std::string err = model.check_batch(batch); !err.empty()) return err;
  const std::size_t in = model.input_size(), out = model.output_size(), tw = target_width(options.loss, out);
  const uint64_t checksum = data_checksum(x, n * in, targets, n * tw, n);
  if (!state.started || state.data_checksum != checksum || state.batch != batch || state.shuffle != options.shuffle ||
      state.seed != options.seed) {
    state.started = true;
    state.data_checksum = checksum;
    state.batch = batch;
    state.shuffle = options.shuffle;
    state.seed = options.seed;
    state.order.resize(n);
    std::iota(state.order.begin(), state.order.end(), std::size_t{0});
    state.rng.reseed(options.seed);
    state.next_step = 0;
  }
  std::vector<float> bx(batch * in), bt(batch * tw), grad(batch * out);
  losses.reserve(losses.size() + steps);
  StepData step{model, optimizer, x, targets, state.order.data(), bx.data(), bt.data(), grad.data(), !options.shuffle,
                options.loss, in, tw};
  for (std::size_t s = 0; s < steps; ++s) {
    if (state.next_step == 0 && options.shuffle) {
      std::vector<std::size_t>& order = state.order;
      for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[state.rng.below(static_cast<uint32_t>(i))]);
    }
    const std::size_t start = state.next_step * batch, m = std::min(batch, n - start);
    state.next_step = state.next_step + 1 == steps_per_epoch ? 0 : state.next_step + 1;
    double value = 0;
    if (std::string err = barrier::separate_function(&train_step)(step, start, m, value); !err.empty()) return err;
    losses.push_back(static_cast<float>(value));
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
