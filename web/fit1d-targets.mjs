// The targets of the 1-D fits (web/fit1d-run.mjs): the functions on [−3, 3], their sampled and
// noisy points, the reader's own points, and the x grid the curves are drawn on. The state table
// (web/state.mjs) reads the target menu and the points' limits from here.
import { STRINGS, fmt } from './strings.mjs';

/** The interval every fit lives on. */
export const FIT1D_RANGE = Object.freeze([-3, 3]);
/** x samples of the drawn curves (0.025 apart). */
export const CURVE_SAMPLES = 241;
/** Points sampled from a function target. */
export const TARGET_SAMPLES = 64;
const sawtooth = (x) => {
  const t = (x + 1) / 2;
  return 2 * (t - Math.floor(t)) - 1;
};
/** The function targets by state value; 'points' (the reader's own) is the other choice. */
export const TARGETS = Object.freeze({
  abs: Math.abs,
  square: (x) => (x * x) / 3,
  sin: (x) => Math.sin(2 * x),
  step: (x) => (x < 0 ? -1 : 1),
  sawtooth,
});
export const TARGET_CHOICES = Object.freeze([...Object.keys(TARGETS), 'points']);
/** The reader's points: at most this many, y within ±POINT_Y_LIMIT (x within FIT1D_RANGE). */
export const MAX_USER_POINTS = 200;
export const POINT_Y_LIMIT = 10;

/** A seeded generator of standard normal numbers (mulberry32 and Box–Muller): the targets' noise. */
function normals(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * The reader's points from the state's flat list "x1,y1,x2,y2,…".
 * @returns {{ X: Float32Array, y: Float32Array }} an odd trailing number is dropped
 */
export function pointsFromList(list) {
  const v = String(list ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const n = Math.floor(v.length / 2);
  return { X: Float32Array.from({ length: n }, (_, i) => v[2 * i]), y: Float32Array.from({ length: n }, (_, i) => v[2 * i + 1]) };
}

/**
 * Reads typed points, "x,y; x,y" (pairs separated by semicolons or new lines, numbers by a comma or
 * spaces), into the state's flat list.
 * @returns {{ list: string } | { problem: string }} the problem names what could not be read
 */
export function parsePointsText(text) {
  const s = STRINGS.fit1d;
  const bad = (why) => ({ problem: fmt(s.pointsBad, { why }) });
  const pairs = String(text).split(/[;\n]/).map((t) => t.trim()).filter(Boolean);
  if (pairs.length > MAX_USER_POINTS) return bad(fmt(s.pointsMany, { max: MAX_USER_POINTS }));
  const [lo, hi] = FIT1D_RANGE;
  const out = [];
  for (const pair of pairs) {
    const parts = pair.split(/[\s,]+/).filter(Boolean);
    const [x, y] = parts.map(Number);
    if (parts.length !== 2 || !Number.isFinite(x) || !Number.isFinite(y)) return bad(fmt(s.pointsPair, { text: pair.slice(0, 30) }));
    if (x < lo || x > hi || Math.abs(y) > POINT_Y_LIMIT) return bad(fmt(s.pointsRange, { lo, hi, ymin: -POINT_Y_LIMIT, ymax: POINT_Y_LIMIT }));
    out.push(x, y);
  }
  return { list: out.join(',') };
}

/** The state's flat list "x1,y1,x2,y2" as text for the points field: "x1,y1; x2,y2". */
export function pointsText(list) {
  const v = String(list ?? '').split(',').filter(Boolean);
  const pairs = [];
  for (let i = 0; i + 1 < v.length; i += 2) pairs.push(`${v[i]},${v[i + 1]}`);
  return pairs.join('; ');
}

/**
 * The points a fit trains on: a function target sampled at TARGET_SAMPLES evenly spaced x with
 * Gaussian noise of standard deviation `noise` (seeded), or the reader's points (noise added too).
 * @param {{ target: string, noise: number, seed: number, xy?: string }} cfg the view's state values
 */
export function targetData({ target, noise = 0, seed = 1, xy = '' }) {
  const [lo, hi] = FIT1D_RANGE;
  let X, y;
  if (target === 'points') ({ X, y } = pointsFromList(xy));
  else {
    const f = TARGETS[target];
    if (!f) throw new Error(`unknown target ${JSON.stringify(String(target))}: one of ${TARGET_CHOICES.join(', ')}`);
    X = Float32Array.from({ length: TARGET_SAMPLES }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / TARGET_SAMPLES);
    y = X.map(f);
  }
  if (noise > 0) {
    const gauss = normals(seed * 7919 + 17);
    y = y.map((v) => v + noise * gauss());
  }
  return { X, y };
}

/** The curves' x: CURVE_SAMPLES evenly spaced float32 values over FIT1D_RANGE, both ends included. */
export function curveXs() {
  const [lo, hi] = FIT1D_RANGE;
  return Float32Array.from({ length: CURVE_SAMPLES }, (_, i) => lo + ((hi - lo) * i) / (CURVE_SAMPLES - 1));
}
