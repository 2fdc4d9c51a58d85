// Seeded random cases shared by the builds-agree and property tests: inputs with edge values,
// valid activation parameters, and small networks. Everything is drawn from one seeded generator.

import { prng } from '../../bench/workloads.mjs';

/** A seeded generator of floats in [0, 1) (the benchmarks' mulberry32). */
export const rng = prng;

export const pick = (rand, list) => list[Math.floor(rand() * list.length)];
export const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
export const uniform = (rand, lo, hi) => lo + (hi - lo) * rand();

/** Values where kernels branch, saturate, overflow or lose precision. */
export const EDGES = [0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 1.2e-38, 1e-8, -1e-8, 0.5, -0.5, 3, -3, 6, -6,
  8.664339742, -8.664339742, 20, -20, 88, -88, 88.7228394, -87.3365479, 89, -89, 100, -100, 8192, -8193, 1e18, 3.4e38, -3.4e38];

/** n float32 inputs: about a quarter edge values, the rest spread over [-25, 25] or any magnitude. */
export function inputs(rand, n) {
  return Float32Array.from({ length: n }, () => {
    const r = rand();
    if (r < 0.25) return pick(rand, EDGES);
    if (r < 0.8) return uniform(rand, -25, 25);
    return (rand() < 0.5 ? -1 : 1) * 10 ** uniform(rand, -30, 38);
  });
}

/**
 * Parameters an activation accepts (as PyTorch would): each a default, a choice, or a value in
 * [0.05, 3] (either sign where allowed), with hardtanh's bounds in order.
 */
export function validParams(entry, rand) {
  const opts = {};
  for (const p of entry.params) {
    if (p.choices) opts[p.name] = pick(rand, p.choices);
    else if (!p.required && rand() < 0.3) opts[p.name] = p.default;
    else {
      const mag = uniform(rand, 0.05, 3);
      const mayBeNegative = !['lambd', 'alpha', 'beta'].includes(p.name);
      opts[p.name] = mayBeNegative && rand() < 0.4 ? -mag : mag;
    }
  }
  if (entry.name === 'hardtanh' && opts.min_val > opts.max_val) [opts.min_val, opts.max_val] = [opts.max_val, opts.min_val];
  return opts;
}

/**
 * A random Sequential for `ap`: Linear layers of width 1–8 with 0–2 activations (any registry
 * entry, valid parameters) after each hidden one. Returns the module list and its in/out sizes.
 */
export function network(ap, rand, { maxHidden = 3, finalActivation } = {}) {
  const { nn } = ap;
  const acts = ap.listActivations();
  const inputs = int(rand, 1, 4);
  const modules = [];
  let width = inputs;
  const hidden = int(rand, 0, maxHidden);
  for (let l = 0; l < hidden; l++) {
    const out = int(rand, 1, 8);
    modules.push(nn.Linear(width, out, { bias: rand() < 0.8 }));
    width = out;
    for (let k = int(rand, 0, 2); k > 0; k--) {
      const a = pick(rand, acts);
      modules.push(nn[a.module](validParams(a, rand)));
    }
  }
  const outputs = int(rand, 1, 3);
  modules.push(nn.Linear(width, outputs));
  if (finalActivation) modules.push(nn[finalActivation]());
  return { modules, inputs, outputs };
}

/** Training data for `loss`: inputs in [-10, 10]; targets its kind (values, probabilities, classes). */
export function data(rand, n, inputs, outputs, loss) {
  const x = Float32Array.from({ length: n * inputs }, () => uniform(rand, -10, 10));
  const y = loss === 'cross_entropy'
    ? Float32Array.from({ length: n }, () => int(rand, 0, outputs - 1))
    : Float32Array.from({ length: n * outputs }, () => (loss.startsWith('binary') ? rand() : uniform(rand, -2, 2)));
  return { x, y };
}
