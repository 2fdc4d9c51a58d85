// The registry's templates instantiated with double, one element (elementwise entries) or one row
// (vector entries) at a time: the high-precision reference the fuzzers compare the kernels with.
#pragma once
#include <cstddef>

#include "ap/activation_registry.hpp"

namespace ap::test {

/// f(x) and dL/dx = f'(x)·g in double for elementwise registry entry `id` (p: kMaxParams values).
inline void reference_element(int id, double x, double g, const double* p, double& y, double& gx) {
  switch (static_cast<ActivationId>(id)) {
#define AP_REF_CASE(T)                    \
  case ActivationId::T:                   \
    y = T::value<double>(x, p);           \
    gx = T::backward<double>(x, y, g, p); \
    return;
    AP_ELEMENTWISE_ACTIVATIONS(AP_REF_CASE)
#undef AP_REF_CASE
    default: y = gx = 0; return;
  }
}

/// One row of vector registry entry `id`: y = f(x) and gx = the vector-Jacobian product with g.
inline void reference_row(int id, const double* x, const double* g, std::size_t n, double* y, double* gx) {
  switch (static_cast<ActivationId>(id)) {
#define AP_REF_ROW(T)                      \
  case ActivationId::T:                    \
    T::value_row<double>(x, y, n);         \
    T::backward_row<double>(y, g, gx, n);  \
    return;
    AP_VECTOR_ACTIVATIONS(AP_REF_ROW)
#undef AP_REF_ROW
    default: return;
  }
}

}  // namespace ap::test
