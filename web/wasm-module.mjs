// The WASM modules of a page, each fetched and compiled once, then instantiated wherever it runs.
// The page starts with the activations-only module (dist/page/ap_act_*.wasm, a third of the whole
// one's bytes), enough for the explorer and the softmax view; the whole module follows, compiled
// once and sent to the training worker as a WebAssembly.Module, so the worker fetches no .wasm.
import { createActivationsApi } from '../dist/api-activations.mjs';
import { simdSupported } from '../dist/simd.mjs';

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

/** Fetches `name`.wasm and its Emscripten glue `name`.mjs (under dist/) side by side; the glue's factory and the compiled module. */
async function fetchBoth(name) {
  const [module, glue] = await Promise.all([compileWasm(new URL(`${name}.wasm`, DIST)), import(new URL(`${name}.mjs`, DIST).href)]);
  return { module, factory: glue.default };
}

/**
 * The whole module: compiles the page's build (SIMD where supported, unless `fallback`) and loads the API over it.
 * @returns {Promise<{ ap: object, module: WebAssembly.Module, simd: boolean }>} `module` is what a worker's `init` carries
 */
export async function loadCompiled({ fallback = false } = {}) {
  const simd = usesSimd(fallback);
  const [{ module }, { load }] = await Promise.all([fetchBoth(`ap_${simd ? 'simd' : 'nosimd'}`), import('../dist/index.mjs')]);
  const ap = await load({ simd, instantiateWasm: instantiateFrom(module) });
  return { ap, module, simd };
}

/**
 * The activations-only module (no MLP engine): F's activations, the registry, the core's names and
 * limits — what the explorer and the softmax view use.
 * @returns {Promise<{ ap: object, simd: boolean }>}
 */
export async function loadActivations({ fallback = false } = {}) {
  const simd = usesSimd(fallback);
  const { module, factory } = await fetchBoth(`page/ap_act_${simd ? 'simd' : 'nosimd'}`);
  const Module = await factory({ instantiateWasm: instantiateFrom(module) });
  return { ap: createActivationsApi(Module, { variant: simd ? 'simd' : 'nosimd' }), simd };
}
