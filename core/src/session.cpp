#include "ap/session.hpp"

namespace ap {

std::string evaluate_grid(Session& s, std::size_t g, const float box[4], unsigned feature_mask) {
  if (std::string err = grid_planes(g, box, s.grid_points); !err.empty()) return err;
  if (std::string err = s.model.check_batch(g * g); !err.empty()) return err;
  const int k = feature_count(feature_mask);
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
