// Losses, optimizers and the training loop, with PyTorch 1.13's semantics (the training loop uses mean losses).
// Everything returns an error message ("" = fine) instead of throwing.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ap/model.hpp"
#include "ap/rng.hpp"

namespace ap {

// ---- losses -------------------------------------------------------------------------------------
#define AP_LOSSES(X)                                                                                  \
  X(mse_loss, "mean((y - t)^2)")                                                                      \
  X(binary_cross_entropy, "-mean(t log(y) + (1 - t) log(1 - y)), logs clamped at -100 (y in [0, 1])") \
  X(binary_cross_entropy_with_logits, "binary_cross_entropy(sigmoid(z), t), computed stably from z")  \
  X(cross_entropy, "-mean(log_softmax(z)[t]) with integer class targets t")                           \
  X(half_mse, "mean((y - t)^2) / 2 (TF Playground's square error)")

enum class Loss : int {
#define AP_LOSS_ENUM(name, formula) name,
  AP_LOSSES(AP_LOSS_ENUM)
#undef AP_LOSS_ENUM
};
struct LossInfo {
  const char* name;
  const char* formula;
};
inline constexpr LossInfo kLossInfo[] = {
#define AP_LOSS_INFO(name, formula) {#name, formula},
    AP_LOSSES(AP_LOSS_INFO)
#undef AP_LOSS_INFO
};
inline constexpr int kNumLosses = static_cast<int>(sizeof(kLossInfo) / sizeof(kLossInfo[0]));
int find_loss(std::string_view name);

/// How a loss reduces its elements, as PyTorch's `reduction`: the mean, the sum, or none (each element).
enum class Reduction : int { mean = 0, sum = 1, none = 2 };
inline constexpr const char* kReductionNames[] = {"mean", "sum", "none"};
inline constexpr int kNumReductions = 3;
/// Sets `out` from a reduction's name; returns "" or a message listing the accepted names.
std::string parse_reduction(std::string_view name, Reduction& out);

/// Loss of outputs y [n, c] against targets (t [n, c], or n class indices for cross_entropy), reduced
/// as `reduction` into `value` (for none: the sum). `elements` (may be null) receives every element's
/// loss: loss_elements() values, PyTorch's shape for reduction='none' ([n, c], or [n] for
/// cross_entropy). `grad` (may be null) receives d value / dy: for none, the gradient of the sum of
/// the elements (PyTorch's backward with a grad_output of ones). Returns "" or a message about bad
/// targets or inputs; non-finite losses are returned as values, as PyTorch does.
std::string loss_forward_backward(Loss loss, const float* y, const float* t, std::size_t n, std::size_t c,
                                  float* grad, double& value, Reduction reduction = Reduction::mean,
                                  float* elements = nullptr);

/// Number of loss elements of outputs [n, c]: n·c, or n for cross_entropy.
inline std::size_t loss_elements(Loss loss, std::size_t n, std::size_t c) { return loss == Loss::cross_entropy ? n : n * c; }

/// Number of target values per example: c, or 1 for cross_entropy.
inline std::size_t target_width(Loss loss, std::size_t c) { return loss == Loss::cross_entropy ? 1 : c; }

// ---- optimizers ---------------------------------------------------------------------------------
struct OptimizerOptions {
  enum class Kind : int { sgd = 0, adam = 1 } kind = Kind::sgd;
  float lr = 0.01f;
  float momentum = 0.f, dampening = 0.f, weight_decay = 0.f;  // SGD (weight_decay also Adam)
  bool nesterov = false;
  float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;            // Adam
  /// TF Playground-style regularisation of weights (not biases): 0 none, 1 L1, 2 L2.
  int regularization = 0;
  float regularization_rate = 0.f;
};

class Optimizer {
 public:
  /// Checks the options (finite, lr ≥ 0 as torch.optim allows, 0 ≤ momentum, betas in [0, 1), nesterov needs momentum).
  static std::string create(const OptimizerOptions& options, Optimizer& out);
  /// One update of every parameter from its grad, as torch.optim.SGD / Adam.step(). The grads are
  /// left as they are (weight decay and L1/L2 enter the update only).
  void step(std::vector<Parameter>& params);
  OptimizerOptions& options() { return options_; }
  std::string set_lr(float lr);

 private:
  OptimizerOptions options_;
  std::vector<std::vector<float>> state_a_, state_b_;  // SGD: momentum buffers; Adam: exp_avg, exp_avg_sq
  std::vector<float> scratch_;                          // the regularised gradient of one parameter
  uint64_t steps_ = 0;
};

// ---- training loop ------------------------------------------------------------------------------
struct TrainOptions {
  Loss loss = Loss::mse_loss;
  std::optional<std::size_t> batch_size;  ///< examples per step (≥ 1); none = the full batch
  std::size_t steps = 0;       ///< optimizer steps to run (if > 0) ...
  std::size_t epochs = 0;      ///< ... or whole passes over the data
  bool shuffle = false;        ///< seeded reshuffle before every epoch (else the stored order)
  uint64_t seed = 0;
};

/// Where a training sequence stands between train() calls, like the generator of a PyTorch
/// DataLoader: the current epoch's order, the shuffle RNG and the next step within the epoch.
/// train() continues it when called again with the same data (content), batch size, shuffle flag and
/// seed, and restarts it (stored order, RNG seeded afresh) when any of them changes. Resuming costs
/// O(1) plus one O(n) checksum of the data per call.
struct TrainState {
  bool started = false;
  uint64_t data_checksum = 0, seed = 0;
  std::size_t batch = 0;
  bool shuffle = false;
  std::vector<std::size_t> order;  ///< the current epoch's order of the examples
  Rng rng{0};
  std::size_t next_step = 0;       ///< step within the epoch; 0: the next step begins a new epoch
};

/// Trains `model` on x [n, input] and targets; appends one loss per step to `losses`. Runs the whole
/// loop in C++. `epochs: k` runs k epochs' worth of steps from where `state` stands, so k calls of
/// one epoch give the same bits as one call of k epochs (also with `steps` that end mid-epoch).
/// With shuffle, every epoch reorders the previous epoch's order by a Fisher–Yates shuffle.
std::string train(Model& model, Optimizer& optimizer, const float* x, const float* targets, std::size_t n,
                  const TrainOptions& options, std::vector<float>& losses, TrainState& state);

/// Mean loss and accuracy (argmax for several outputs, > 0.5 — or > 0 for logits — for one) on a set.
struct Evaluation {
  double loss = 0;
  double accuracy = 0;
};
std::string evaluate(Model& model, const float* x, const float* targets, std::size_t n, Loss loss, Evaluation& out);

}  // namespace ap
