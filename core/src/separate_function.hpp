// Keeps a function a WebAssembly function of its own.
//
// Browsers run WASM first with a baseline compiler and swap in optimised code per function, on its
// next call (there is no on-stack replacement for WASM). wasm-opt inlines every function that has a
// single call site, so per-step work inlined into one long-running outer loop would stay on baseline
// code for the whole call: a training call of a few seconds ran 3-5x slower in Chromium until a later
// call. Calling through a pointer the optimisers cannot see through keeps the callee separate, so it
// is tiered up after a few calls and the outer loop only dispatches.
#pragma once

namespace ap::detail {

template <class F>
inline F* separate_function(F* f) {
#if defined(__wasm__)
  __asm__("" : "+r"(f));
#endif
  return f;
}

}  // namespace ap::detail
