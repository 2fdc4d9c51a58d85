// Dense-layer kernels on the 4-lane vector type. Every sum runs in one fixed order, so results are
// bit-identical natively and in WASM, with or without SIMD instructions.
#pragma once
#include <cstddef>

namespace ap::detail {

/// y[r, o] = b[o] + Σ_i x[r, i]·w[o, i] for r < n (x: [n, in], w: [out, in] as PyTorch, y: [n, out]).
void dense_forward(const float* x, std::size_t n, std::size_t in, const float* w, const float* b, std::size_t out,
                   float* y);

/// dense_forward feature-major: x is [in, n] and y is [out, n] (one plane of n values per feature). Each
/// sum runs in dense_forward's order, so both give bit-identical values. Only for the layers
/// dense_forward treats as small (in, out ≤ 64 and in·out ≤ 1024); returns false for others.
bool dense_forward_planes(const float* x, std::size_t n, std::size_t in, const float* w, const float* b, std::size_t out,
                          float* y);

/// Given gy = dL/dy [n, out]: gw += gyᵀ·x ([out, in]), gb += Σ_r gy[r, :], and gx = gy·w ([n, in])
/// when gx is not null. gw and gb accumulate (zero them first for a fresh gradient).
void dense_backward(const float* x, const float* gy, std::size_t n, std::size_t in, const float* w, std::size_t out,
                    float* gw, float* gb, float* gx);

// Small layers: in, out ≤ 64 and in·out ≤ 1024 (dense_small.cpp). dense_forward and
// dense_backward call these for them; each sum runs in the same order as theirs.
constexpr std::size_t kSmallLayer = 1024;  // in·out at most
constexpr std::size_t kSmallMax = 64;      // in and out at most
inline bool small_layer(std::size_t in, std::size_t out) {
  return in <= kSmallMax && out <= kSmallMax && in * out <= kSmallLayer;
}
void dense_forward_small(const float* x, std::size_t n, std::size_t in, const float* w, const float* b,
                         std::size_t out, float* y);
void dense_backward_small(const float* x, const float* gy, std::size_t n, std::size_t in, const float* w,
                          std::size_t out, float* gw, float* gb, float* gx);

}  // namespace ap::detail
