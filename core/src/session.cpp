#include "ap/session.hpp"

#include "ap/memory.hpp"

namespace ap {

namespace {
const char* const kNoOptimizer = "set an optimizer first";
}

std::string set_optimizer(Session& s, const OptimizerOptions& options) {
  if (std::string err = Optimizer::create(options, s.optimizer); !err.empty()) return err;
  s.has_optimizer = true;
  return {};
}

std::string set_lr(Session& s, float lr) {
  return s.has_optimizer ? s.optimizer.set_lr(lr) : kNoOptimizer;
}

std::string step(Session& s) {
  if (!s.has_optimizer) return kNoOptimizer;
  s.optimizer.step(s.model.parameters());
  return {};
}

std::string train(Session& s, const float* x, const float* targets, std::size_t n, const TrainOptions& options) {
  if (!s.has_optimizer) return kNoOptimizer;
  s.losses.clear();
  return train(s.model, s.optimizer, x, targets, n, options, s.losses, s.training);
}

std::string evaluate_grid(Session& s, std::size_t g, const float box[4], const FeatureList& features) {
  if (std::string err = check_features(features); !err.empty()) return err;
  const int k = features.count;
  if (std::string err = s.model.check_batch_size(g * g); !err.empty()) return err;
  // The points (2 planes), the features (k planes, unless they are x1, x2: the points themselves)
  // and every module's output (one plane per neuron).
  const bool points_are_inputs = k == 2 && features.ids[0] == 0 && features.ids[1] == 1;
  double planes = 2.0 + (points_are_inputs ? 0 : k), held = static_cast<double>(s.grid_points.capacity() + s.grid_inputs.capacity());
  for (std::size_t m = 0; m < s.model.modules().size(); ++m) planes += static_cast<double>(s.model.width_after(m));
  for (const std::vector<float>& o : s.grid_outputs) held += static_cast<double>(o.capacity());
  const double more = static_cast<double>(g) * static_cast<double>(g) * planes - held;
  if (more > 0) {
    if (std::string err = check_memory(more * sizeof(float), "a " + std::to_string(g) + "×" + std::to_string(g) + " grid");
        !err.empty()) {
      return err;
    }
  }
  if (std::string err = grid_planes(g, box, s.grid_points); !err.empty()) return err;
  if (static_cast<std::size_t>(k) != s.model.input_size()) {
    return "the network takes " + std::to_string(s.model.input_size()) + " inputs but " + std::to_string(k) +
           " features are selected";
  }
  if (points_are_inputs) {
    s.model.forward_planes(s.grid_points.data(), g * g, s.grid_outputs);
    return {};
  }
  s.grid_inputs.resize(g * g * static_cast<std::size_t>(k));
  if (std::string err = apply_features_planes(s.grid_points.data(), g * g, features, s.grid_inputs.data()); !err.empty()) {
    return err;
  }
  s.model.forward_planes(s.grid_inputs.data(), g * g, s.grid_outputs);
  return {};
}

}  // namespace ap
