// Internal interface between the dispatcher (activations.cpp) and the vector kernels.
#pragma once
#include <cstddef>

namespace ap::detail {

/// An elementwise loop over n elements with parameters p, forward (y = f(x)) and backward
/// (gx = f'·gy, y given or recomputed). Both the scalar reference and the vector kernels dispatch by
/// activation id through tables of these.
using ElementwiseForward = void (*)(const float* x, float* y, std::size_t n, const float* p);
using ElementwiseBackward = void (*)(const float* x, const float* y, const float* gy, float* gx, std::size_t n,
                                     const float* p);

/// Vector elementwise forward/backward for registry index `id` (an elementwise activation).
void simd_forward(int id, const float* x, float* y, std::size_t n, const float* p);
/// y may be null (recomputed from x).
void simd_backward(int id, const float* x, const float* y, const float* gy, float* gx, std::size_t n, const float* p);

/// Vector-kernel forward of a vector activation (softmax family) over one contiguous row; y may alias x.
void simd_vector_row(int id, const float* x, float* y, std::size_t n);

}  // namespace ap::detail
