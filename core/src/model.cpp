#include "ap/model.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>

#include "ap/activations.hpp"
#include "ap/limits.hpp"
#include "ap/memory.hpp"
#include "ap/rng.hpp"
#include "dense.hpp"
#include "kernels_internal.hpp"
#include "simd_math.hpp"

namespace ap {

namespace {

// An activation module's kernels. A learned parameter (PReLU's weight) may become NaN or Inf when
// training diverges; the public entry points refuse such a parameter and leave the output unwritten
// (stale values), so learned ones go to the vector kernels directly, which give what PyTorch gives
// (x above 0, w·x elsewhere). Other modules' parameters were checked when the model was built.
void module_forward(int id, bool learned, const float* x, float* y, std::size_t n, const float* p, VectorLayout l) {
  if (learned) detail::simd_forward(id, x, y, n, p);
  else activation_forward(id, x, y, n, p, l, KernelPath::vector);
}
void module_backward(int id, bool learned, const float* x, const float* y, const float* gy, float* gx, std::size_t n,
                     const float* p, VectorLayout l) {
  if (learned) detail::simd_backward(id, x, y, gy, gx, n, p);
  else activation_backward_from_output(id, x, y, gy, gx, n, p, l, KernelPath::vector);
}

}  // namespace

std::string Model::build(const std::vector<ModuleSpec>& specs, Model& out) {
  if (specs.empty()) return "a model needs at least one module";
  if (specs.size() > limits::kMaxModules) {
    return std::to_string(specs.size()) + " modules is more than the limit of " + std::to_string(limits::kMaxModules);
  }
  Model m;
  m.specs_ = specs;
  std::size_t width = 0, total = 0;
  for (std::size_t k = 0; k < specs.size(); ++k) {
    const ModuleSpec& s = specs[k];
    const std::string where = "module " + std::to_string(k) + ": ";
    if (s.kind == ModuleSpec::Kind::linear) {
      if (s.in == 0 || s.out == 0 || s.in > limits::kMaxFeatures || s.out > limits::kMaxFeatures) {
        return where + "Linear sizes must be between 1 and " + std::to_string(limits::kMaxFeatures);
      }
      if (k > 0 && s.in != width) {
        return where + "Linear expects " + std::to_string(s.in) + " input features but the previous module gives " +
               std::to_string(width);
      }
      if (k == 0) m.widths_.push_back(s.in);
      total += s.out * s.in + (s.bias ? s.out : 0);
      if (total > limits::kMaxParameters) {  // checked before allocating
        return std::to_string(total) + " parameters is more than the limit of " + std::to_string(limits::kMaxParameters);
      }
      m.param_of_.push_back(static_cast<int>(m.params_.size()));
      // Sized after the memory check below, so a refusal leaves nothing half built.
      m.params_.push_back({std::to_string(k) + ".weight", {s.out, s.in}, {}, {}, false});
      if (s.bias) m.params_.push_back({std::to_string(k) + ".bias", {s.out}, {}, {}, true});
      width = s.out;
    } else {
      if (s.activation < 0 || s.activation >= kNumActivations) return where + "unknown activation";
      if (k == 0) return where + "the first module must be a Linear layer (it fixes the input size)";
      for (int p = 0; p < kActivationInfo[s.activation].num_params; ++p) {
        if (!std::isfinite(s.params[p])) return where + "activation parameters must be finite";
      }
      if (const char* problem = check_params(s.activation, s.params)) return where + kActivationInfo[s.activation].name + ": " + problem;
      // Learnable parameters (PReLU's weight) become state_dict entries "<k>.<name>" of shape [1].
      const ActivationInfo& info = kActivationInfo[s.activation];
      m.param_of_.push_back(num_learnable(s.activation) ? static_cast<int>(m.params_.size()) : -1);
      for (int j = 0; j < info.num_params; ++j) {
        if (!info.params[j].learnable) continue;
        m.params_.push_back({std::to_string(k) + "." + info.params[j].name, {1}, {s.params[j]}, {}, false});
        total += 1;
      }
    }
    m.widths_.push_back(width);
  }
  if (total > limits::kMaxParameters) {
    return std::to_string(total) + " parameters is more than the limit of " + std::to_string(limits::kMaxParameters);
  }
  // The values, their gradients and up to two optimizer states per parameter.
  if (std::string err = check_memory(4.0 * sizeof(float) * static_cast<double>(total),
                                     "a network of " + std::to_string(total) + " parameters");
      !err.empty()) {
    return err;
  }
  for (Parameter& p : m.params_) {
    if (p.value.empty()) p.value.assign(p.shape.size() == 2 ? p.shape[0] * p.shape[1] : p.shape[0], 0.f);
    p.grad.assign(p.value.size(), 0.f);
  }
  m.acts_.resize(specs.size() + 1);
  out = std::move(m);
  return {};
}

const float* Model::activation_params(std::size_t k, float* buf) const {
  const ModuleSpec& s = specs_[k];
  if (param_of_[k] < 0) return s.params;
  const ActivationInfo& info = kActivationInfo[s.activation];
  for (int j = 0, next = param_of_[k]; j < kMaxParams; ++j) {
    buf[j] = j < info.num_params && info.params[j].learnable ? params_[next++].value[0] : s.params[j];
  }
  return buf;
}

std::string Model::check_batch_size(std::size_t n) const {
  const std::size_t widest = *std::max_element(widths_.begin(), widths_.end());
  if (n > limits::kMaxExamples || n * widest > limits::kMaxBatchElements) {
    return std::to_string(n) + " examples of a network " + std::to_string(widest) +
           " wide is more than the limit of " + std::to_string(limits::kMaxBatchElements) + " values per layer";
  }
  return {};
}

std::string Model::check_batch(std::size_t n) const {
  if (std::string err = check_batch_size(n); !err.empty()) return err;
  // forward keeps every module's input and the output; backward two buffers of the widest module.
  const double widest = static_cast<double>(*std::max_element(widths_.begin(), widths_.end()));
  double values = 2.0 * widest, held = static_cast<double>(grad_a_.capacity() + grad_b_.capacity());
  for (std::size_t w : widths_) values += static_cast<double>(w);
  for (const std::vector<float>& a : acts_) held += static_cast<double>(a.capacity());
  const double more = static_cast<double>(n) * values - held;
  if (more <= 0) return {};
  return check_memory(more * sizeof(float), "a forward and backward pass over " + std::to_string(n) + " examples");
}

int Model::find_parameter(const std::string& name) const {
  for (std::size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void Model::init(Init scheme, uint64_t seed) {
  Rng rng(seed);
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const ModuleSpec& s = specs_[k];
    if (s.kind != ModuleSpec::Kind::linear) continue;
    Parameter& w = params_[param_of_[k]];
    Parameter* b = s.bias ? &params_[param_of_[k] + 1] : nullptr;
    const float fan_in = static_cast<float>(s.in), fan_out = static_cast<float>(s.out);
    switch (scheme) {
      case Init::pytorch: {
        const float bound = 1.f / std::sqrt(fan_in);
        for (float& v : w.value) v = rng.uniform(-bound, bound);
        if (b) for (float& v : b->value) v = rng.uniform(-bound, bound);
        break;
      }
      case Init::xavier: {
        const float bound = std::sqrt(6.f / (fan_in + fan_out));
        for (float& v : w.value) v = rng.uniform(-bound, bound);
        if (b) std::fill(b->value.begin(), b->value.end(), 0.f);
        break;
      }
      case Init::kaiming: {
        const float std = std::sqrt(2.f / fan_in);
        for (float& v : w.value) v = std * rng.normal();
        if (b) std::fill(b->value.begin(), b->value.end(), 0.f);
        break;
      }
      case Init::playground:
        for (float& v : w.value) v = rng.uniform(-0.5f, 0.5f);
        if (b) std::fill(b->value.begin(), b->value.end(), 0.1f);
        break;
      case Init::zeros:
        std::fill(w.value.begin(), w.value.end(), 0.f);
        if (b) std::fill(b->value.begin(), b->value.end(), 0.f);
        break;
    }
  }
}

const float* Model::forward(const float* x, std::size_t n) {
  batch_ = n;
  // Short copies and fills through the vector helpers: at playground batch sizes a memcpy or memset
  // call costs more than the work.
  acts_[0].resize(n * widths_[0]);
  simd::copy_short(x, n * widths_[0], acts_[0].data());
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const ModuleSpec& s = specs_[k];
    std::vector<float>& out = acts_[k + 1];
    out.resize(n * widths_[k + 1]);
    if (s.kind == ModuleSpec::Kind::linear) {
      const Parameter& w = params_[param_of_[k]];
      const float* b = s.bias ? params_[param_of_[k] + 1].value.data() : nullptr;
      detail::dense_forward(acts_[k].data(), n, s.in, w.value.data(), b, s.out, out.data());
    } else {
      float buf[kMaxParams];
      const float* p = activation_params(k, buf);
      module_forward(s.activation, param_of_[k] >= 0, acts_[k].data(), out.data(), out.size(), p, VectorLayout{widths_[k], 1});
    }
  }
  return acts_.back().data();
}

void Model::forward_planes(const float* x, std::size_t n, std::vector<std::vector<float>>& outputs) const {
  outputs.resize(specs_.size());
  std::vector<float> rows_in, rows_out;  // only for layers the planes kernel does not take
  const float* in = x;
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const ModuleSpec& s = specs_[k];
    std::vector<float>& out = outputs[k];
    out.resize(n * widths_[k + 1]);
    if (s.kind == ModuleSpec::Kind::linear) {
      const float* w = params_[param_of_[k]].value.data();
      const float* b = s.bias ? params_[param_of_[k] + 1].value.data() : nullptr;
      if (!detail::dense_forward_planes(in, n, s.in, w, b, s.out, out.data())) {
        // A large layer: through the row-major kernel (its summation order) and back.
        rows_in.resize(n * s.in);
        rows_out.resize(n * s.out);
        for (std::size_t i = 0; i < s.in; ++i)
          for (std::size_t r = 0; r < n; ++r) rows_in[r * s.in + i] = in[i * n + r];
        detail::dense_forward(rows_in.data(), n, s.in, w, b, s.out, rows_out.data());
        for (std::size_t o = 0; o < s.out; ++o)
          for (std::size_t r = 0; r < n; ++r) out[o * n + r] = rows_out[r * s.out + o];
      }
    } else {
      // Elementwise kernels treat every element alike wherever it sits; the vector functions
      // (softmax family) run along the features, which are n apart here.
      float buf[kMaxParams];
      const float* p = activation_params(k, buf);
      module_forward(s.activation, param_of_[k] >= 0, in, out.data(), out.size(), p, VectorLayout{widths_[k], n});
    }
    in = out.data();
  }
}

void Model::backward(const float* grad_output) {
  const std::size_t n = batch_;
  // Both ping-pong buffers hold n × the widest module, so they never grow (and get zero-filled)
  // inside the loop as they swap; the lengths in use come from n and the widths.
  const std::size_t most = n * *std::max_element(widths_.begin(), widths_.end());
  if (grad_a_.size() < most) grad_a_.resize(most);
  if (grad_b_.size() < most) grad_b_.resize(most);
  simd::copy_short(grad_output, n * widths_.back(), grad_a_.data());
  for (Parameter& p : params_) simd::zero_short(p.grad.data(), p.grad.size());
  for (std::size_t k = specs_.size(); k-- > 0;) {
    const ModuleSpec& s = specs_[k];
    const std::vector<float>& in = acts_[k];
    const bool need_input_grad = k > 0;
    if (s.kind == ModuleSpec::Kind::linear) {
      Parameter& w = params_[param_of_[k]];
      float* gb = s.bias ? params_[param_of_[k] + 1].grad.data() : nullptr;
      detail::dense_backward(in.data(), grad_a_.data(), n, s.in, w.value.data(), s.out, w.grad.data(), gb,
                             need_input_grad ? grad_b_.data() : nullptr);
    } else {
      float buf[kMaxParams];
      const float* p = activation_params(k, buf);
      const ActivationInfo& info = kActivationInfo[s.activation];
      for (int j = 0, next = param_of_[k]; next >= 0 && j < info.num_params; ++j) {
        if (info.params[j].learnable) {
          params_[next++].grad[0] = activation_param_grad(s.activation, j, in.data(), acts_[k + 1].data(), grad_a_.data(),
                                                          in.size(), p);
        }
      }
      module_backward(s.activation, param_of_[k] >= 0, in.data(), acts_[k + 1].data(), grad_a_.data(), grad_b_.data(), in.size(), p,
                      VectorLayout{widths_[k], 1});
    }
    std::swap(grad_a_, grad_b_);
  }
}

namespace {

using RowMajorArray = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A float buffer as an Eigen array of doubles (the statistics sum in double).
auto as_doubles(const std::vector<float>& v) {
  return Eigen::Map<const Eigen::ArrayXf>(v.data(), static_cast<Eigen::Index>(v.size())).cast<double>();
}

struct Moments {
  float mean = 0.f, std = 0.f;
};

/// Mean and (population) standard deviation; zeros for an empty buffer.
Moments moments(const std::vector<float>& v) {
  if (v.empty()) return {};
  const double mean = as_doubles(v).mean();
  const double var = as_doubles(v).square().mean() - mean * mean;
  return {static_cast<float>(mean), static_cast<float>(std::sqrt(std::max(0.0, var)))};
}

}  // namespace

std::vector<LayerDiagnostics> Model::diagnose() const {
  std::vector<LayerDiagnostics> out;
  const std::size_t n = batch_;
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const ModuleSpec& s = specs_[k];
    if (s.kind != ModuleSpec::Kind::activation || kActivationInfo[s.activation].kind != ActivationKind::elementwise) continue;
    LayerDiagnostics d;
    d.module = k;
    const std::size_t width = widths_[k];
    const std::vector<float>& z = acts_[k];
    float buf[kMaxParams];
    const float* p = activation_params(k, buf);
    std::vector<float> deriv(z.size());
    if (n > 0) {
      module_backward(s.activation, param_of_[k] >= 0, z.data(), acts_[k + 1].data(), nullptr, deriv.data(), z.size(), p,
                      VectorLayout{width, 1});
    }
    // Per neuron (column of the [n, width] derivative), the share of inputs with no gradient at all
    // (inactive) and with less than 1 % of the layer's largest gradient (saturated).
    const Eigen::Map<const RowMajorArray> g(deriv.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(width));
    const float max_deriv = n ? g.abs().maxCoeff() : 0.f;
    const float per_input = n ? 1.f / static_cast<float>(n) : 0.f;
    const Eigen::ArrayXf inactive = (g.abs() == 0.f).cast<float>().colwise().sum().transpose() * per_input;
    const Eigen::ArrayXf saturated = (g.abs() < 0.01f * max_deriv).cast<float>().colwise().sum().transpose() * per_input;
    d.inactive_fraction.assign(inactive.data(), inactive.data() + width);
    d.saturated_fraction.assign(saturated.data(), saturated.data() + width);
    // The Linear layer feeding this activation (the nearest one before it).
    for (std::size_t j = k; j-- > 0;) {
      if (specs_[j].kind != ModuleSpec::Kind::linear) continue;
      const Parameter& w = params_[param_of_[j]];
      const Moments wm = moments(w.value);
      d.weight_mean = wm.mean;
      d.weight_std = wm.std;
      d.weight_grad_norm = static_cast<float>(std::sqrt(as_doubles(w.grad).square().sum()));
      break;
    }
    const Moments am = moments(acts_[k + 1]);
    d.activation_mean = am.mean;
    d.activation_std = am.std;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace ap
