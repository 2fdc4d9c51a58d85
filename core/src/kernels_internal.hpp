// Internal interface between the dispatcher (activations.cpp) and the vector kernels.
#pragma once
#include <cstddef>

namespace ap::detail {

/// Vector elementwise forward/backward for registry index `id` (an elementwise activation).
void simd_forward(int id, const float* x, float* y, std::size_t n, const float* p);
/// y may be null (recomputed from x).
void simd_backward(int id, const float* x, const float* y, const float* gy, float* gx, std::size_t n, const float* p);

/// Vector-kernel forward of a vector activation (softmax family) over one contiguous row; y may alias x.
void simd_vector_row(int id, const float* x, float* y, std::size_t n);

}  // namespace ap::detail
