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

/// Makes `options` the session's optimizer (its state starts afresh).
std::string set_optimizer(Session& session, const OptimizerOptions& options);
/// The optimizer's learning rate, from the next step on; an error when no optimizer was set.
std::string set_lr(Session& session, float lr);
/// One optimizer step from the parameters' gradients; an error when no optimizer was set.
std::string step(Session& session);
/// train() with the session's model, optimizer and position; the per-step losses go to session.losses.
std::string train(Session& session, const float* x, const float* targets, std::size_t n, const TrainOptions& options);

/// Runs the model on a g×g grid over box = [x0, x1, y0, y1] (see grid_planes), after the input
/// features (in the model's column order). Afterwards session.grid_outputs[k] holds
/// module k's output as one g×g image (image order) per neuron; the model's training state is untouched.
std::string evaluate_grid(Session& session, std::size_t g, const float box[4], const FeatureList& features);

}  // namespace ap
