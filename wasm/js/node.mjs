// Node ESM entry: same API, the .wasm bytes read from disk (Node's fetch cannot load file: URLs).
import { readFile } from 'node:fs/promises';
import { loadVariant, simdSupported } from './load.mjs';

/** Loads the WASM module (SIMD when supported) and returns the API object. */
export function load(options = {}) {
  return loadVariant(options, (file) => readFile(new URL(`./${file}`, import.meta.url)));
}
export { simdSupported };
export default load;
