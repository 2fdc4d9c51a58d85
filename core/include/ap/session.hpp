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
  std::size_t cursor = 0;       ///< optimizer steps taken by train(), for epoch bookkeeping
  std::vector<float> losses;    ///< per-step losses of the last train() call
  std::vector<float> grid_points, grid_inputs;
};

/// Runs the model on a g×g grid over box = [x0, x1, y0, y1] (see grid_points), after the input
/// features in `feature_mask` (bit k = kFeatureNames[k]). Afterwards session.model.module_output(k)
/// holds every module's output for the g² points, in image order.
std::string evaluate_grid(Session& session, std::size_t g, const float box[4], unsigned feature_mask);

}  // namespace ap
