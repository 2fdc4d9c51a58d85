// Every limit and default of the project, in one place. The core validates against these;
// the bindings export them (buildInfo().limits) so the JS layer and the page read the same numbers.
#pragma once
#include <cstddef>

namespace ap::limits {

/// Largest array a single activation call accepts (elements). 2^26 floats = 256 MiB.
inline constexpr std::size_t kMaxElements = std::size_t{1} << 26;

/// Chart defaults used by the page: the x range the activation explorer draws.
inline constexpr double kChartXMin = -6.0;
inline constexpr double kChartXMax = 6.0;
inline constexpr int kChartSamples = 601;

}  // namespace ap::limits
