// Browser and bundler entry: `import { load } from 'activation-playground'`.
import { loadVariant, simdSupported } from './load.mjs';

/** Loads the WASM module (SIMD when supported) and returns the API object. */
export function load(options = {}) {
  return loadVariant(options);
}
export { simdSupported };
export default load;
