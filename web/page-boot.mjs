// app.mjs's first import: starts fetching and compiling the page's first .wasm while the browser
// evaluates the rest of the page's modules (about 50 ms of script on a fast machine), instead of after.
import { loadActivations, loadCompiled } from './wasm-module.mjs';

/** The views that train (in the worker, with the whole module); the others need only the activations. */
export const TRAINING = new Set(['trainer', 'fit1d', 'space']);

const q = new URLSearchParams(location.search);
/** ?wasm=fallback forces the build without SIMD. */
export const fallback = q.get('wasm') === 'fallback';
/** An iframe, or a page of one training view, loads the whole module alone; otherwise the activations-only one comes first. */
export const wholeFirst = q.get('embed') === '1' || TRAINING.has(q.get('view'));
/** The page's first module: { ap, module?, simd }. */
export const firstModule = wholeFirst ? loadCompiled({ fallback }) : loadActivations({ fallback });
firstModule.catch(() => {});  // main() awaits it and reports a failure; not an unhandled rejection meanwhile
