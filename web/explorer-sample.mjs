// The explorer's numbers, all from the core: an activation and its derivative sampled over x, the x
// ranges where the gradient vanishes or is exactly 0, and a sentence describing the curve.
import { num } from './plot-frame.mjs';
import { fmt } from './strings.mjs';

/** |f′| below this counts as a vanishing gradient (as in the trainer's histograms). */
export const SATURATION = 0.01;

/** n evenly spaced samples from x0 to x1 (both included). */
export function linspace(x0, x1, n) {
  const xs = new Float32Array(n);
  for (let i = 0; i < n; i++) xs[i] = x0 + ((x1 - x0) * i) / (n - 1);
  return xs;
}

/**
 * Value and derivative of registry entry `a` over xs, by the core. A vector function (softmax …) is
 * shown along one of its inputs: f([x, 0])[0], its derivative d/dx of that component.
 * @returns {{ys: Float32Array, dys: Float32Array}} throws the core's error for bad parameters
 */
export function evaluate(ap, a, params, xs) {
  if (a.kind === 'elementwise') return { ys: ap.F[a.name](xs, params), dys: ap.F[a.name].backward(xs, null, params) };
  const n = xs.length;
  const pairs = new Float32Array(2 * n);
  const onesFirst = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    pairs[2 * i] = xs[i];
    onesFirst[2 * i] = 1;
  }
  const opts = { ...params, shape: [n, 2], dim: 1 };
  const y = ap.F[a.name](pairs, opts);
  const g = ap.F[a.name].backward(pairs, onesFirst, opts);
  const ys = new Float32Array(n), dys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ys[i] = y[2 * i];
    dys[i] = g[2 * i];
  }
  return { ys, dys };
}

/** The [x_i, x_j] ranges of consecutive samples where test(dys[k]) holds. */
function runs(xs, dys, test) {
  const out = [];
  let start = -1;
  for (let i = 0; i <= xs.length; i++) {
    const inside = i < xs.length && test(dys[i]);
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      out.push([xs[start], xs[i - 1]]);
      start = -1;
    }
  }
  return out;
}

/**
 * Where the gradient vanishes (0 < |f′| < 0.01) and where it is exactly 0, as x ranges; the shares
 * of samples with |f′| < 0.01 (dead ones included) and with f′ = 0.
 */
export function gradientRegions(xs, dys) {
  let sat = 0, dead = 0;
  for (const d of dys) {
    if (Math.abs(d) < SATURATION) sat++;
    if (d === 0) dead++;
  }
  return {
    saturated: runs(xs, dys, (d) => Math.abs(d) < SATURATION && d !== 0),  // drawn apart from the dead ranges
    dead: runs(xs, dys, (d) => d === 0),
    shareSaturated: sat / dys.length,
    shareDead: dead / dys.length,
  };
}

/**
 * "tanh: range (−1, 1); derivative peaks at 1 at x = 0" from the sampled derivative: a single peak,
 * a plateau (relu: from 0.02 to 6), or a constant.
 * @param {object} strings the explorer section (altPeak, altPlateau, altConstant)
 */
export function describeCurve(strings, label, range, xs, dys) {
  let best = -Infinity;
  for (const d of dys) if (d > best) best = d;
  if (!Number.isFinite(best)) return `${label}: ${range}`;
  const tol = 1e-6 * Math.max(1, Math.abs(best));
  let first = -1, last = -1, lo = Infinity;
  dys.forEach((d, i) => {
    if (d < lo) lo = d;
    if (Math.abs(d - best) <= tol) {
      if (first < 0) first = i;
      last = i;
    }
  });
  const range0 = range.replace(/-/g, '−');
  if (Math.abs(best - lo) <= tol) return fmt(strings.altConstant, { fn: label, range: range0, peak: num(best) });
  if (first === last) return fmt(strings.altPeak, { fn: label, range: range0, peak: num(best), x: num(xs[first]) });
  return fmt(strings.altPlateau, { fn: label, range: range0, peak: num(best), x0: num(xs[first]), x1: num(xs[last]) });
}

/** x rounded for a link or a box: enough digits for a range `span` wide. */
export function roundX(x, span) {
  const digits = Math.max(0, Math.ceil(-Math.log10(span)) + 3);
  return Number(x.toFixed(Math.min(12, digits)));
}
