// Every limit and default of the project, in one place. The core validates against these; the
// bindings export every entry of AP_LIMITS and AP_DEFAULTS (buildInfo().limits / .defaults) and
// the types are generated from that export, so the JS layer and the page read the same numbers.
#pragma once
#include <cstddef>

namespace ap::limits {

// X(constant, type, value, JS name, doc)
#define AP_LIMITS(X)                                                                                           \
  X(kMaxElements, std::size_t, std::size_t{1} << 26, maxElements,                                              \
    "largest array a single activation call accepts (2^26 floats = 256 MiB)")                                 \
  X(kChartXMin, double, -6.0, chartXMin, "the x range the activation explorer draws: from")                   \
  X(kChartXMax, double, 6.0, chartXMax, "the x range the activation explorer draws: to")                      \
  X(kChartSamples, int, 601, chartSamples, "points per curve in the activation explorer")                     \
  X(kMaxModules, std::size_t, 64, maxModules, "modules in a Sequential")                                       \
  X(kMaxFeatures, std::size_t, 4096, maxFeatures, "features of a Linear layer (in or out)")                    \
  X(kMaxParameters, std::size_t, std::size_t{1} << 24, maxParameters, "parameters of a model (16 M floats)")  \
  X(kMaxExamples, std::size_t, std::size_t{1} << 20, maxExamples, "examples per call")                         \
  X(kMaxBatchElements, std::size_t, std::size_t{1} << 26, maxBatchElements,                                    \
    "examples × widest layer per call")                                                                        \
  X(kMaxStepsPerCall, std::size_t, 1000000, maxStepsPerCall, "optimizer steps per fit() call")                 \
  X(kMinDatasetPoints, std::size_t, 2, minDatasetPoints, "points of a generated dataset: at least")           \
  X(kMaxDatasetPoints, std::size_t, 100000, maxDatasetPoints, "points of a generated dataset: at most")       \
  X(kMaxClasses, std::size_t, 10, maxClasses, "classes of the multiclass datasets")                            \
  X(kMaxGrid, std::size_t, 512, maxGrid, "side of a heatmap grid")                                             \
  X(kMaxInputFeatures, int, 16, maxInputFeatures, "input feature columns chosen for a model (repeats count)")  \
  X(kPlaygroundMaxLayers, std::size_t, 8, playgroundMaxLayers, "the page's training view: hidden layers")     \
  X(kPlaygroundMaxLayerWidth, std::size_t, 64, playgroundMaxLayerWidth,                                        \
    "the page's training view: neurons per hidden layer")                                                      \
  X(kPlaygroundMaxLearningRate, float, 10.0f, playgroundMaxLearningRate, "the page's training view: learning rate")

/// The most memory the WASM module can have (its -sMAXIMUM_MEMORY; CMakeLists.txt reads this line
/// and links with the number). Requests that would pass it are refused up front (ap/memory.hpp).
inline constexpr std::size_t kMaxMemoryBytes = std::size_t{1} << 31;

// Training defaults (the page's and the JS API's), in the same form.
#define AP_DEFAULTS(X)                                                                            \
  X(kDefaultLearningRate, float, 0.03f, learningRate, "learning rate")                            \
  X(kDefaultBatchSize, std::size_t, 10, batchSize, "examples per step")                           \
  X(kDefaultNoise, float, 0.0f, noise, "dataset noise")                                           \
  X(kDefaultDatasetPoints, std::size_t, 500, datasetPoints, "points of a generated dataset")      \
  X(kDefaultTrainFraction, float, 0.5f, trainFraction, "share of the points used for training")

#define AP_LIMIT_CONSTANT(name, type, value, js, doc) inline constexpr type name = value;
AP_LIMITS(AP_LIMIT_CONSTANT)
AP_DEFAULTS(AP_LIMIT_CONSTANT)
#undef AP_LIMIT_CONSTANT

}  // namespace ap::limits
