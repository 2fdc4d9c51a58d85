// What one network in the playground owns: the model, its optimizer, the training position, and
// the heatmap grid's buffers. The JS side holds sessions by handle and disposes them explicitly.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "ap/datasets.hpp"
#include "ap/model.hpp"
#include "ap/training.hpp"

namespace ap {

struct Session {
  Model model;
  Optimizer optimizer;
  bool has_optimizer = false;
  TrainState training;          ///< where fit()'s sequence stands (see TrainState)
  std::vector<float> losses;    ///< per-step losses of the last train() call
  std::vector<float> grid_points, grid_inputs;  ///< feature-major (see grid_planes)
  std::vector<std::vector<float>> grid_outputs; ///< per module: [width, g²], one g×g image per neuron
};

/// Runs the model on a g×g grid over box = [x0, x1, y0, y1] (see grid_planes), after the input
/// features in `feature_mask` (bit k = kFeatureNames[k]). Afterwards session.grid_outputs[k] holds
/// module k's output as one g×g image (image order) per neuron; the model's training state is untouched.
std::string evaluate_grid(Session& session, std::size_t g, const float box[4], unsigned feature_mask);

}  // namespace ap
