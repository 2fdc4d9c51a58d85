// Single-file entry (`activation-playground/single`): the .wasm is inlined in the loaders, so it
// works from a CDN or any plain file server with no .wasm requests and no MIME type set-up.
import { loadVariant, simdSupported } from './load.mjs';

const INLINED = {
  simd: () => import('./ap_simd_single.mjs'),
  nosimd: () => import('./ap_nosimd_single.mjs'),
};

/** Loads the WASM module (SIMD when supported) and returns the API object. */
export function load(options = {}) {
  return loadVariant(options, undefined, INLINED);
}
export { simdSupported };
export default load;
