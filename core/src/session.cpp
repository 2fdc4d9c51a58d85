#include "ap/session.hpp"

#include "ap/memory.hpp"

namespace ap {

std::string evaluate_grid(Session& s, std::size_t g, const float box[4], unsigned feature_mask) {
  const int k = feature_count(feature_mask);
  if (std::string err = s.model.check_batch_size(g * g); !err.empty()) return err;
  // The points (2 planes), the features (k planes) and every module's output (one plane per neuron).
  double planes = 2.0 + k, held = static_cast<double>(s.grid_points.capacity() + s.grid_inputs.capacity());
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
  if (feature_mask == 3u) {  // x1, x2 only: the points are the inputs already
    s.model.forward_planes(s.grid_points.data(), g * g, s.grid_outputs);
    return {};
  }
  s.grid_inputs.resize(g * g * static_cast<std::size_t>(k));
  if (std::string err = apply_features_planes(s.grid_points.data(), g * g, feature_mask, s.grid_inputs.data()); !err.empty()) {
    return err;
  }
  s.model.forward_planes(s.grid_inputs.data(), g * g, s.grid_outputs);
  return {};
}

}  // namespace ap
