// The WASM module fetched and compiled once per page, then instantiated wherever it runs: on the
// page and in the training worker (sent to it as a compiled WebAssembly.Module), so the page fetches
// one .wasm and the worker none.
import { load, simdSupported } from '../dist/index.mjs';

const DIST = new URL('../dist/', import.meta.url);

/** Fetches one .wasm (one request) and compiles it, streaming where the server sends application/wasm. */
export async function compileWasm(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`could not fetch ${url.pathname.split('/').pop()} (HTTP ${response.status})`);
  const streaming = typeof WebAssembly.compileStreaming === 'function'
    && (response.headers.get('content-type') ?? '').startsWith('application/wasm');
  return streaming ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
}

/** Emscripten's instantiateWasm hook over a module compiled once (by the page, for every embed and the worker). */
export function instantiateFrom(module) {
  return (imports, receive) => {
    WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), (e) => console.error(e));
    return {};
  };
}

/** Whether the page runs the SIMD build: where the engine has SIMD, unless `fallback` forces the other. */
export const usesSimd = (fallback) => !fallback && simdSupported();

/**
 * Compiles the page's build (SIMD where supported, unless `fallback`) and loads the API over it.
 * @returns {Promise<{ ap: object, module: WebAssembly.Module, simd: boolean }>} `module` is what a worker's `init` carries
 */
export async function loadCompiled({ fallback = false } = {}) {
  const simd = usesSimd(fallback);
  const module = await compileWasm(new URL(`ap_${simd ? 'simd' : 'nosimd'}.wasm`, DIST));
  const ap = await load({ simd, instantiateWasm: instantiateFrom(module) });
  return { ap, module, simd };
}
