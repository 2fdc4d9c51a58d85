// The activation registry: every activation is defined once, as one entry (a struct in
// activations_elementwise.hpp or activations_vector.hpp) with its name, parameters and defaults,
// formula, value and derivative side by side, and listed once below. Everything else iterates
// AP_ACTIVATIONS: the scalar and vector kernel tables, the tests, the bindings and listActivations(),
// and through those the types, the docs, the page's menus and the PyTorch export.
//
// An elementwise entry needs nothing else: without a hand-written vector kernel of the same name
// (activations_simd.cpp), the vector path runs the entry's float value()/backward() lane by lane.
// A build may add entries of its own by defining AP_EXTRA_ACTIVATIONS_HEADER: that header defines
// the structs and AP_EXTRA_ACTIVATIONS(X) (the test build adds a made-up one this way).
#pragma once
#include "ap/activation_info.hpp"
#include "ap/activations_elementwise.hpp"
#include "ap/activations_vector.hpp"

#if defined(AP_EXTRA_ACTIVATIONS_HEADER)
#include AP_EXTRA_ACTIVATIONS_HEADER
#else
#define AP_EXTRA_ACTIVATIONS(X)
#endif

namespace ap {

// The registry itself. Order is the public order (listActivations(), menus, ids): the seed's six
// first, then PyTorch's other activations, then playground extras, then the vector functions.
#define AP_ELEMENTWISE_ACTIVATIONS(X)                                                                     \
  X(Step) X(Sigmoid) X(Tanh) X(ReLU) X(LeakyReLU) X(Linear) X(PReLU) X(ELU) X(SELU) X(CELU) X(GELU)      \
  X(SiLU) X(Mish) X(Softplus) X(Softsign) X(Hardtanh) X(ReLU6) X(Hardsigmoid) X(Hardswish) X(LogSigmoid) \
  X(Tanhshrink) X(Softshrink) X(Hardshrink) X(Threshold) X(Sine) X(Gaussian) AP_EXTRA_ACTIVATIONS(X)
#define AP_VECTOR_ACTIVATIONS(X) X(Softmax) X(LogSoftmax) X(Softmin)
#define AP_ACTIVATIONS(X) AP_ELEMENTWISE_ACTIVATIONS(X) AP_VECTOR_ACTIVATIONS(X)

enum class ActivationId : int {
#define AP_ENUM_ENTRY(T) T,
  AP_ACTIVATIONS(AP_ENUM_ENTRY)
#undef AP_ENUM_ENTRY
};

inline constexpr ActivationInfo kActivationInfo[] = {
#define AP_INFO_ENTRY(T) T::info,
    AP_ACTIVATIONS(AP_INFO_ENTRY)
#undef AP_INFO_ENTRY
};
inline constexpr int kNumActivations = static_cast<int>(sizeof(kActivationInfo) / sizeof(kActivationInfo[0]));

/// The parameter check of entry `id` (nullptr = fine).
inline const char* check_params(int id, const float* p) {
  switch (static_cast<ActivationId>(id)) {
#define AP_CHECK_ENTRY(T) \
  case ActivationId::T: return T::check(p);
    AP_ACTIVATIONS(AP_CHECK_ENTRY)
#undef AP_CHECK_ENTRY
  }
  return nullptr;
}

/// Number of learnable parameters of entry `id` (PReLU: 1).
inline constexpr int num_learnable(int id) {
  int k = 0;
  for (int j = 0; j < kActivationInfo[id].num_params; ++j) k += kActivationInfo[id].params[j].learnable ? 1 : 0;
  return k;
}

}  // namespace ap
