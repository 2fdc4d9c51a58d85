#include "ap/session.hpp"

namespace ap {

std::string evaluate_grid(Session& s, std::size_t g, const float box[4], const FeatureList& features) {
  if (std::string err = grid_planes(g, box, s.grid_points); !err.empty()) return err;
  if (std::string err = s.model.check_batch(g * g); !err.empty()) return err;
  if (std::string err = check_features(features); !err.empty()) return err;
  const int k = features.count;
  if (static_cast<std::size_t>(k) != s.model.input_size()) {
    return "the network takes " + std::to_string(s.model.input_size()) + " inputs but " + std::to_string(k) +
           " features are selected";
  }
  if (k == 2 && features.ids[0] == 0 && features.ids[1] == 1) {  // x1, x2: the points are the inputs already
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
