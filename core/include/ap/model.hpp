// A multilayer perceptron as PyTorch's nn.Sequential of Linear layers and activations. Parameters
// live in PyTorch's layout (weight [out, in], bias [out]) under PyTorch's state_dict keys, so a
// network moves between PyTorch and this core unchanged. Errors are returned as messages.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ap/activation_registry.hpp"

namespace ap {

/// One module of the Sequential.
struct ModuleSpec {
  enum class Kind : int { linear = 0, activation = 1 };
  Kind kind = Kind::linear;
  std::size_t in = 0, out = 0;  ///< linear: features in and out
  bool bias = true;             ///< linear: with a bias vector
  int activation = -1;          ///< activation: registry index
  float params[kMaxParams] = {};  ///< activation: its parameters (prelu: the initial weight)
};

/// A learnable tensor: its state_dict key, shape, values and gradient.
struct Parameter {
  std::string name;
  std::vector<std::size_t> shape;
  std::vector<float> value, grad;
  bool is_bias = false;  ///< playground-style L1/L2 regularisation skips biases
};

/// Weight initialisation schemes.
/// The one list of schemes: the enum, the names the bindings and the page use, in this order.
///   pytorch: nn.Linear's default, weight and bias U(±1/√in); xavier: Glorot uniform, weight
///   U(±√(6/(in+out))), bias 0; kaiming: He normal, weight N(0, 2/in), bias 0; playground: TF
///   Playground's weight U(±0.5), bias 0.1; zeros: everything 0.
#define AP_INITS(X) X(pytorch) X(xavier) X(kaiming) X(playground) X(zeros)
enum class Init : int {
#define AP_INIT_ENUM(name) name,
  AP_INITS(AP_INIT_ENUM)
#undef AP_INIT_ENUM
};
inline constexpr const char* kInitNames[] = {
#define AP_INIT_NAME(name) #name,
    AP_INITS(AP_INIT_NAME)
#undef AP_INIT_NAME
};
inline constexpr int kNumInits = static_cast<int>(sizeof(kInitNames) / sizeof(kInitNames[0]));

/// Per-neuron and per-layer diagnostics over a batch (see Model::diagnose).
struct LayerDiagnostics {
  std::size_t module = 0;                ///< index of the activation module
  std::vector<float> inactive_fraction;  ///< per neuron: fraction of inputs where f'(z) = 0
  std::vector<float> saturated_fraction; ///< per neuron: fraction where |f'(z)| < 1% of its largest
  float weight_grad_norm = 0.f;          ///< ‖∂L/∂W‖ of the Linear layer feeding this activation
  float weight_mean = 0.f, weight_std = 0.f, activation_mean = 0.f, activation_std = 0.f;
};

class Model {
 public:
  /// Checks the chain of shapes, activation names and limits, then builds the model with zeroed
  /// parameters (call init()). Returns "" or a message naming the bad module.
  static std::string build(const std::vector<ModuleSpec>& specs, Model& out);

  const std::vector<ModuleSpec>& modules() const { return specs_; }
  std::size_t input_size() const { return widths_.front(); }
  std::size_t output_size() const { return widths_.back(); }
  /// "" if n examples fit the core's batch limit (n × the widest module ≤ kMaxBatchElements), else a message.
  std::string check_batch_size(std::size_t n) const;
  /// check_batch_size, and "" only if the memory a forward and backward pass over n examples needs
  /// beyond what the model holds fits the module's maximum memory (ap/memory.hpp).
  std::string check_batch(std::size_t n) const;
  std::vector<Parameter>& parameters() { return params_; }
  const std::vector<Parameter>& parameters() const { return params_; }
  /// Index into parameters() of a state_dict key, or -1.
  int find_parameter(const std::string& name) const;

  /// Initialises every Linear layer; `seed` makes it reproducible (bit-identical in every build).
  void init(Init scheme, uint64_t seed);

  /// Forward pass over n examples ([n, input_size] row-major). Keeps every module's input for
  /// backward(). Returns the output [n, output_size], valid until the next forward.
  const float* forward(const float* x, std::size_t n);
  /// Forward pass over n examples given feature-major ([input_size, n]: one plane of n values per
  /// input). outputs[k] receives module k's output as [width_after(k), n], one plane per neuron (a
  /// neuron's heatmap is one contiguous image), with the same values forward() gives. Leaves the
  /// state of the last forward() (what backward() and diagnose() read) untouched.
  void forward_planes(const float* x, std::size_t n, std::vector<std::vector<float>>& outputs) const;
  /// Backward pass from dL/dy of the last forward; sets every parameter's grad.
  void backward(const float* grad_output);
  /// Output of module k (k < modules().size()) from the last forward, [n, width_after(k)].
  const float* module_output(std::size_t k) const { return acts_[k + 1].data(); }
  std::size_t width_after(std::size_t k) const { return widths_[k + 1]; }
  std::size_t batch() const { return batch_; }

  /// Inactive/saturated neurons, gradient norms and statistics, from the last forward/backward.
  std::vector<LayerDiagnostics> diagnose() const;

 private:
  std::vector<ModuleSpec> specs_;
  std::vector<std::size_t> widths_;        // widths_[k] = features into module k; back() = output
  std::vector<int> param_of_;              // first parameter index of module k, or -1
  std::vector<Parameter> params_;
  std::vector<std::vector<float>> acts_;   // acts_[k] = input of module k; acts_.back() = output
  std::vector<float> grad_a_, grad_b_;     // backward ping-pong buffers
  std::size_t batch_ = 0;
};

}  // namespace ap
