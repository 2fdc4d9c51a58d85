#include "ap/training.hpp"

#include <Eigen/Core>

#include <cmath>
#include <utility>

namespace ap {

// ---- optimizers ---------------------------------------------------------------------------------

std::string Optimizer::create(const OptimizerOptions& o, Optimizer& out) {
  const std::pair<const char*, float> all[] = {{"lr", o.lr},       {"momentum", o.momentum}, {"dampening", o.dampening},
                                               {"weight_decay", o.weight_decay}, {"beta1", o.beta1}, {"beta2", o.beta2},
                                               {"eps", o.eps},     {"regularization_rate", o.regularization_rate}};
  for (const auto& [name, v] : all) {
    if (!std::isfinite(v)) return std::string(name) + " must be a finite number within float32 range (about ±3.4e38)";
  }
  if (!(o.lr >= 0.f)) return "lr must be >= 0";
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
  if (!std::isfinite(lr) || !(lr >= 0.f)) return "lr must be a finite number >= 0";
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
    Array w(p.value.data(), n);
    // The update's gradient d = grad + the regularisers, in a scratch buffer: grad stays the
    // backward's gradient (as in PyTorch). Playground-style regularisation of weights adds
    // rate·sign(w) (L1) or rate·w (L2); weight_decay adds weight_decay·w.
    const bool regularize = o.regularization != 0 && !p.is_bias && o.regularization_rate > 0.f;
    const float* d_ptr = p.grad.data();
    if (regularize || o.weight_decay != 0.f) {
      scratch_.resize(p.grad.size());
      Array d(scratch_.data(), n);
      d = Eigen::Map<const Eigen::ArrayXf>(p.grad.data(), n);
      if (regularize && o.regularization == 1) {
        d += o.regularization_rate * ((w > 0.f).cast<float>() - (w < 0.f).cast<float>());
      } else if (regularize) {
        d += o.regularization_rate * w;
      }
      if (o.weight_decay != 0.f) d = d + o.weight_decay * w;
      d_ptr = scratch_.data();
    }
    const Eigen::Map<const Eigen::ArrayXf> g(d_ptr, n);
    if (o.kind == OptimizerOptions::Kind::sgd) {
      // torch.optim.SGD: buf = g (first step) or momentum·buf + (1 − dampening)·g;
      // d = g + momentum·buf (nesterov) or buf; p −= lr·d.
      if (o.momentum != 0.f) {
        std::vector<float>& state = state_a_[k];
        if (state.empty()) {
          state.assign(d_ptr, d_ptr + n);
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

}  // namespace ap
