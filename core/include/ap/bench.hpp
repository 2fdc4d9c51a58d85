// Measurement helpers for bench/ (not part of the numerical API).
#pragma once
#include <cstddef>

namespace ap {

/// Runs `iterations` × 8 independent 4-lane multiply-adds (64 flops each) on the vector type and
/// returns a checksum: the arithmetic bound the benchmarks report.
float peak_madd(std::size_t iterations);

}  // namespace ap
