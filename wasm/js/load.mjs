// Finds and instantiates the right WASM build: the SIMD one where the engine validates a tiny
// SIMD module, the fallback otherwise, or whichever `options.simd` forces.
import { createApi } from './api.mjs';
import { simdSupported } from './simd.mjs';

export { simdSupported };

const KNOWN_OPTIONS = new Set(['simd', 'wasmBinary', 'locateFile', 'instantiateWasm']);

/** The two builds as separate .wasm files next to their loaders. */
export const SEPARATE_FILES = {
  simd: () => import('./ap_simd.mjs'),
  nosimd: () => import('./ap_nosimd.mjs'),
};

/**
 * Shared by the browser, Node and single-file entry points.
 * @param {object} options  { simd?: boolean | 'auto', wasmBinary?: ArrayBuffer|Uint8Array, locateFile?: (file) => string,
 *   instantiateWasm?: (imports, receive) => {} } (Emscripten's hook: instantiate a module compiled once per page)
 * @param {(file: string) => Promise<Uint8Array>} [readBinary]  how Node reads the .wasm next to this file
 * @param {{simd: () => Promise<any>, nosimd: () => Promise<any>}} [factories]  the Emscripten loaders
 */
export async function loadVariant(options = {}, readBinary = undefined, factories = SEPARATE_FILES) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('load: options must be an object, e.g. load({ simd: false })');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new TypeError(`load: unknown option '${key}' (known: ${[...KNOWN_OPTIONS].join(', ')})`);
    }
  }
  const wanted = options.simd ?? 'auto';
  if (wanted !== 'auto' && typeof wanted !== 'boolean') {
    throw new TypeError(`load: option 'simd' must be true, false or 'auto' (got ${String(wanted)})`);
  }
  const supported = simdSupported();
  if (wanted === true && !supported) {
    throw new Error('load: this JavaScript engine does not support WebAssembly SIMD; use { simd: false }');
  }
  const simd = wanted === 'auto' ? supported : wanted;
  const variant = simd ? 'simd' : 'nosimd';
  const factory = (await factories[variant]()).default;
  const moduleOptions = {};
  if (options.locateFile) moduleOptions.locateFile = options.locateFile;
  if (options.instantiateWasm) moduleOptions.instantiateWasm = options.instantiateWasm;
  else if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  else if (readBinary) moduleOptions.wasmBinary = await readBinary(`ap_${variant}.wasm`);
  const Module = await factory(moduleOptions);
  return createApi(Module, { variant });
}
