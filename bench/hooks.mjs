// The bench's copy of the WASM module (built into build-wasm/bench/, never shipped): the public API
// plus the measurement hooks the bound rows need, on the same memory as the API's buffers.
//   const { ap, copyFloats, peakMadd } = await loadBench({ simd: true });
import { readFile } from 'node:fs/promises';
import { createApi } from '../dist/api.mjs';

const dir = new URL(`${process.env.AP_BENCH_DIR ?? '../build-wasm/bench'}/`, import.meta.url);

export async function loadBench({ simd = true } = {}) {
  const variant = simd ? 'simd' : 'nosimd';
  const { default: factory } = await import(new URL(`ap_bench_${variant}.mjs`, dir).href);
  const Module = await factory({ wasmBinary: await readFile(new URL(`ap_bench_${variant}.wasm`, dir)) });
  return {
    ap: createApi(Module, { variant }),
    /** memcpy of n floats from one ap.buffer to another: the bound of a streaming kernel. */
    copyFloats: (dst, src, n) => Module.copyFloats(dst.ptr, src.ptr, n),
    /** iterations × 64 flops of independent multiply-adds: the arithmetic bound. */
    peakMadd: (iterations) => Module.peakMadd(iterations),
  };
}
