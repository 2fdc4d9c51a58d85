// Every limit and default of the project, in one place. The core validates against these;
// the bindings export them (buildInfo().limits) so the JS layer and the page read the same numbers.
#pragma once
#include <cstddef>

namespace ap::limits {

/// Largest array a single activation call accepts (elements). 2^26 floats = 256 MiB.
inline constexpr std::size_t kMaxElements = std::size_t{1} << 26;

/// The most memory the WASM module can have (its -sMAXIMUM_MEMORY; CMakeLists.txt links with this
/// number). Requests that would pass it are refused up front (ap/memory.hpp).
inline constexpr std::size_t kMaxMemoryBytes = std::size_t{1} << 31;

/// Chart defaults used by the page: the x range the activation explorer draws.
inline constexpr double kChartXMin = -6.0;
inline constexpr double kChartXMax = 6.0;
inline constexpr int kChartSamples = 601;

/// Networks: modules in a Sequential, features per layer, examples per call.
inline constexpr std::size_t kMaxModules = 64;
inline constexpr std::size_t kMaxFeatures = 4096;
inline constexpr std::size_t kMaxParameters = std::size_t{1} << 24;  // 16 M floats = 64 MiB
inline constexpr std::size_t kMaxExamples = std::size_t{1} << 20;
inline constexpr std::size_t kMaxBatchElements = std::size_t{1} << 26;  // examples × widest layer
inline constexpr std::size_t kMaxStepsPerCall = 1000000;

/// Datasets and heatmaps.
inline constexpr std::size_t kMinDatasetPoints = 2;
inline constexpr std::size_t kMaxDatasetPoints = 100000;
inline constexpr std::size_t kMaxClasses = 10;
inline constexpr std::size_t kMaxGrid = 512;

/// The page's training view (small networks drawn neuron by neuron).
inline constexpr std::size_t kPlaygroundMaxLayers = 8;
inline constexpr std::size_t kPlaygroundMaxLayerWidth = 64;
inline constexpr float kPlaygroundMaxLearningRate = 10.0f;

/// Training defaults (the page's and the JS API's).
inline constexpr float kDefaultLearningRate = 0.03f;
inline constexpr std::size_t kDefaultBatchSize = 10;
inline constexpr float kDefaultNoise = 0.0f;
inline constexpr std::size_t kDefaultDatasetPoints = 500;
inline constexpr float kDefaultTrainFraction = 0.5f;

}  // namespace ap::limits
