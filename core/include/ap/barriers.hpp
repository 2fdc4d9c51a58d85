// Every workaround for an optimisation of LLVM 14 or wasm-opt 108 (Emscripten 3.1.6) that made
// this project wrong or slower, in one place: what each defeats, and what it measured. Each is a
// no-op in the instructions it leaves (an empty asm statement or an indirect call).
//
// 1. opaque(v): a value the optimiser cannot see through.
//    a) LLVM's WebAssembly backend rewrites `x < 0 ? 0 : x` into f32.max, which returns +0 for -0;
//       PyTorch's relu(-0) is -0 (ReLU's value takes its zero from opaque_zero<T>()).
//    b) LLVM's loop-idiom pass turns a loop that copies or fills into a memcpy/memset call, which
//       costs more than the work at the sizes the kernels see (a row, a tail, a layer's
//       accumulators): simd_lanes.hpp's copy_short/zero_short and the dense kernels' accumulators
//       pass through opaque. W1 training +15 % / +17 % in paired A/B runs (6.88 → 7.88 and
//       6.94 → 8.04 M examples/s), results unchanged. clang's documented tool for (b),
//       `__attribute__((no_builtin("memcpy", "memset")))` on copy_short, zero_short and the dense
//       kernels in place of opaque, was measured (bench/compare-builds.mjs, 8 paired runs, SIMD
//       build): W1 training at a median 0.62x of opaque's (B faster in 3 of 8 runs), W2 1.06x, W3
//       1.04x, on a VM under load 7-10. LLVM will not inline a no_builtin function into a caller
//       without it, so the short copies became calls (two more functions, 27 kB less code); in the
//       fallback build the portable lanes' load/store are memcpy calls, which the attribute would
//       stop lowering to loads. opaque stays.
//    c) The portable lanes' masks and selects (fallback build) go through integers behind opaque,
//       for the same reason as (a): `a < b ? b : a` would become f32.max.
//    d) LLVM deletes a malloc whose block is only freed: memory.cpp's probe of whether the browser
//       will grow memory (a malloc of the whole request, then free) passes its pointer through opaque.
//
// 2. separate_function(f): a pointer the optimiser cannot resolve, so calls through it stay calls.
//    wasm-opt inlines every function with a single call site, and browsers tier WASM up per
//    function on its next call (no on-stack replacement), so per-step work inlined into a
//    long-running loop would run on baseline code for the whole call: a training call of a few
//    seconds ran 3-5x slower in Chromium until a later call.
//
// 3. Dispatch tables (constexpr arrays of function pointers indexed by activation id or layer
//    width, in activations_simd.cpp and dense.cpp) plus __attribute__((noinline)) on the loops:
//    noinline stops LLVM, the indirect call stops wasm-opt (which ignores noinline). A switch gave
//    each loop one call site and wasm-opt inlined all of them into one huge function that V8
//    optimised late and compiled worse; with the tables relu reaches 0.81-0.95 of memcpy.
#pragma once

#if defined(__SSE2__) && !defined(__wasm__)
#include <emmintrin.h>
#endif

namespace ap::barrier {

/// v unchanged, hidden from the optimiser (1 above). A no-op outside WASM, except for SSE registers.
template <class T>
inline T opaque(T v) {
#if defined(__wasm__)
  __asm__("" : "+r"(v));
#endif
  return v;
}
#if defined(__SSE2__) && !defined(__wasm__)
inline __m128 opaque(__m128 v) {
  __asm__("" : "+x"(v));
  return v;
}
#endif

/// A zero the optimiser cannot see through (1a, 1b).
template <class T>
inline T opaque_zero() {
  return opaque(T(0));
}

/// f, called through a pointer the optimiser cannot resolve (2).
template <class F>
inline F* separate_function(F* f) {
  return opaque(f);
}

}  // namespace ap::barrier
