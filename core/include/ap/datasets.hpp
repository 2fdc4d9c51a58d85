// Deterministic 2-D datasets: TF Playground's four classification and two regression sets, multi-class
// spirals and blobs, and "which side of y = f(x)"; plus the playground's input feature transforms
// and the heatmap grid. Every number comes from the seeded Rng and the project's own sin, so a seed
// gives the same points natively and in WASM.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ap/limits.hpp"

namespace ap {

#define AP_DATASETS(X)                                                                                  \
  X(circle, "circle", "classification", "a disc of one class inside a ring of the other (TF Playground)")        \
  X(xor_, "xor", "classification", "the four quadrants, opposite quadrants alike (TF Playground)")             \
  X(gauss, "gauss", "classification", "two Gaussian clouds (TF Playground)")                                    \
  X(spiral, "spiral", "classification", "two interleaved spirals (TF Playground)")                               \
  X(spirals, "spirals", "multiclass", "one spiral arm per class (3 to 10 classes)")                              \
  X(blobs, "blobs", "multiclass", "Gaussian clusters around a circle, one per class (2 to 10 classes)")        \
  X(function_boundary, "function_boundary", "classification", "points above (1) or below (0) the curve y = f(x) of an activation") \
  X(plane, "plane", "regression", "a tilted plane, target (x1 + x2) / 10 (TF Playground)")                      \
  X(multi_gaussian, "multi_gaussian", "regression", "six Gaussian bumps of alternating sign (TF Playground)")

enum class DatasetId : int {
#define AP_DATASET_ENUM(id, name, task, doc) id,
  AP_DATASETS(AP_DATASET_ENUM)
#undef AP_DATASET_ENUM
};
struct DatasetInfo {
  const char* name;
  const char* task;  ///< "classification" (targets 0/1), "multiclass" (class indices) or "regression"
  const char* doc;
};
inline constexpr DatasetInfo kDatasetInfo[] = {
#define AP_DATASET_INFO(id, name, task, doc) {name, task, doc},
    AP_DATASETS(AP_DATASET_INFO)
#undef AP_DATASET_INFO
};
inline constexpr int kNumDatasets = static_cast<int>(sizeof(kDatasetInfo) / sizeof(kDatasetInfo[0]));
int find_dataset(std::string_view name);

struct DatasetOptions {
  std::size_t n = 500;     ///< points
  float noise = 0.f;       ///< 0 … 1 (TF Playground's slider is 0 … 0.5)
  uint64_t seed = 1;
  int classes = 3;         ///< spirals, blobs
  int function = -1;       ///< function_boundary: activation registry index (default tanh)
};

/// Points x [n, 2] and targets y [n] (0/1, class index, or a value in [-1, 1]) in a shuffled order.
struct Dataset {
  std::vector<float> x, y;
  std::size_t n = 0;
  int classes = 0;  ///< 2 for classification, k for multiclass, 0 for regression
};
std::string make_dataset(int id, const DatasetOptions& options, Dataset& out);

/// The playground's input features of a 2-D point; a FeatureList picks some, by index, in any order.
#define AP_FEATURES(X) X(x1) X(x2) X(x1_squared) X(x2_squared) X(x1_times_x2) X(sin_x1) X(sin_x2)
inline constexpr const char* kFeatureNames[] = {
#define AP_FEATURE_NAME(name) #name,
    AP_FEATURES(AP_FEATURE_NAME)
#undef AP_FEATURE_NAME
};
inline constexpr int kNumFeatures = static_cast<int>(sizeof(kFeatureNames) / sizeof(kFeatureNames[0]));

/// The input features of a model, in column order (indices into kFeatureNames; a feature may repeat).
/// The default is the plain point: x1, x2.
struct FeatureList {
  int ids[limits::kMaxInputFeatures] = {0, 1};
  int count = 2;
};
/// "" or what is wrong with f (empty, too long, an unknown index).
std::string check_features(const FeatureList& f);
/// out [n, f.count] from points [n, 2]: column c is feature f.ids[c]. Returns "" or a message.
std::string apply_features(const float* points, std::size_t n, const FeatureList& f, float* out);
/// The same feature-major: out [f.count, n] from planes [2, n] (x1 plane, then x2 plane).
std::string apply_features_planes(const float* planes, std::size_t n, const FeatureList& f, float* out);

/// The g×g points of a grid over [x0, x1] × [y0, y1] as two planes of g² values (x1, then x2), each
/// row-major from (x0, y1) at the top left, so row r has y = y1 − r·(y1 − y0)/(g − 1) (image order).
std::string grid_planes(std::size_t g, const float box[4], std::vector<float>& out);

}  // namespace ap
