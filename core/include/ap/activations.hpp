// Public C++ API of the activation kernels. Errors are returned as messages (empty = success),
// never thrown, so the WASM bindings can hand them to JS without unwinding through wasm.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "ap/activation_registry.hpp"

namespace ap {

/// Which implementation runs: the scalar reference kernels (the registry's templates) or the
/// 4-lane vector kernels, which use SIMD instructions where the build has them and portable lanes
/// otherwise (bit-identical either way).
enum class KernelPath : int { scalar = 0, vector = 1 };

/// True when the vector kernels run on SIMD instructions (wasm simd128, or SSE2 natively).
bool simd_kernels_available();
/// "wasm-simd128", "sse2" or "none".
const char* simd_isa();
/// The path the public API uses: the vector kernels.
KernelPath default_kernel_path();

/// Registry index of `name` (functional name, module class name or alias), or -1.
int find_activation(std::string_view name);

/// Where a vector activation (softmax family) works: along a dimension of `size` elements whose
/// consecutive elements are `stride` apart, i.e. the array is [outer, size, stride] row-major and
/// n = outer·size·stride. {cols, 1} means the rows of a [rows, cols] array; {rows, cols} its columns.
/// Elementwise activations ignore it.
struct VectorLayout {
  std::size_t size = 0;
  std::size_t stride = 1;
};

/// y = f(x) for n elements; y may alias x. `params` holds info.num_params values or is null
/// (defaults). Returns "" on success or a message naming the bad argument.
std::string activation_forward(int id, const float* x, float* y, std::size_t n, const float* params,
                               VectorLayout layout, KernelPath path);

/// gx = dL/dx given x and gy = dL/dy (null gy means ones). gx may alias x or gy.
std::string activation_backward(int id, const float* x, const float* gy, float* gx, std::size_t n,
                                const float* params, VectorLayout layout, KernelPath path);

/// The same, reusing y = f(x) from a forward call on the same path (saves recomputing f; a network's
/// backward pass has it stored). Elementwise activations only use it; gx must not alias y.
std::string activation_backward_from_output(int id, const float* x, const float* y, const float* gy, float* gx,
                                            std::size_t n, const float* params, VectorLayout layout, KernelPath path);

/// ∂L/∂p[k] for a learnable parameter k of elementwise entry `id` (ParamSpec::learnable), summed in
/// double over n inputs: Σ_i gy[i]·∂f(x[i])/∂p[k], with y = f(x). 0 for entries without one.
float activation_param_grad(int id, int k, const float* x, const float* y, const float* gy, std::size_t n,
                            const float* params);

}  // namespace ap
