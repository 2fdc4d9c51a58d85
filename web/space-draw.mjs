// Canvas drawing for the "space bent by the layers" view: the grid lines and data points of one stage,
// or between two stages (positions interpolated linearly), in a square plot that keeps one scale on
// both axes, with tick values and the axes' names in the margins (never over the data), and in the
// last hidden layer's space the output's decision regions: two half-planes and their line, or for K
// classes K convex polygons (web/space-regions.mjs). Every coordinate comes from the worker's snapshot
// (web/space-run.mjs); only the camera, the ticks and the regions' corners are computed here.
import { CLASS_COLOURS } from './heatmap.mjs';
import { decisionRegions } from './space-regions.mjs';

const smooth = (t) => t * t * (3 - 2 * t);

/** The square view [cx, cy, half] that holds a stage's points (grid lines and data) with a margin. */
export function stageFrame(xy) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i], y = xy[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x1 >= x0)) return [0, 0, 1];
  const half = Math.max(1e-3, (x1 - x0) / 2, (y1 - y0) / 2) * 1.12;
  return [(x0 + x1) / 2, (y0 + y1) / 2, half];
}

/** Positions and frame at stage position `pos` (3.4 = 40 % of the way from stage 3 to stage 4). */
export function interpolate(stages, frames, pos) {
  const i = Math.max(0, Math.min(stages.length - 1, Math.floor(pos)));
  const j = Math.min(stages.length - 1, i + 1);
  const t = smooth(Math.max(0, Math.min(1, pos - i)));
  const a = stages[i].xy, b = stages[j].xy;
  if (i === j || t === 0) return { xy: a, frame: frames[i] };
  const xy = new Float32Array(a.length);
  for (let k = 0; k < a.length; k++) xy[k] = a[k] + (b[k] - a[k]) * t;
  return { xy, frame: frames[i].map((v, k) => v + (frames[j][k] - v) * t) };
}

/** Sizes a canvas's pixels to its square's CSS width at the device's pixel ratio (at most 3). */
export function fitSquare(canvas) {
  const dpr = Math.min(3, window.devicePixelRatio || 1);
  const w = Math.max(100, Math.round(canvas.clientWidth * dpr));
  if (canvas.width !== w || canvas.height !== w) canvas.width = canvas.height = w;
}

/** Colours read from the page's custom properties (light or dark). */
export function themeOf(el) {
  const cs = getComputedStyle(el);
  const v = (name, fallback) => cs.getPropertyValue(name).trim() || fallback;
  return { fg: v('--ap-fg', '#111827'), muted: v('--ap-muted', '#4b5563'), panel: v('--ap-panel', '#ffffff'), grid: v('--ap-grid', '#e5e7eb'), pos: v('--ap-pos', '#0877bd'), neg: v('--ap-neg', '#f59322') };
}

/** Margins around the plot in CSS pixels: left + right = top + bottom keeps the plot square. */
const MARGIN = { left: 44, right: 12, top: 24, bottom: 32 };

/**
 * The colour of each class: two classes in the page's orange (0) and blue (1), several in the trainer's
 * class colours (web/heatmap.mjs), so a class looks the same here as in the trainer.
 * @param {number} classes how many
 * @param {object} theme themeOf's colours
 * @returns {string[]} CSS colours
 */
export function classColours(classes, theme) {
  if (classes <= 2) return [theme.neg, theme.pos];
  return Array.from({ length: classes }, (_, i) => `rgb(${CLASS_COLOURS[i % CLASS_COLOURS.length].join(',')})`);
}

/** The output's decision rule in a stage's 2-D space as K scores: a line is the two classes 0·h and w·h + b. */
export function scoresOf(space) {
  if (space.line) return { w: [[0, 0], space.line.w], b: [0, space.line.b], exact: space.line.exact };
  return space.regions ?? null;
}

/** Tick values for [lo, hi]: steps of 1, 2 or 5 × 10^k, the one nearest (hi − lo) / count. */
export function ticks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  if (!(raw > 0)) return { values: [], digits: 0 };
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).reduce((a, b) => (Math.abs(Math.log(b / raw)) < Math.abs(Math.log(a / raw)) ? b : a));
  const values = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) values.push(k === 0 ? 0 : k * step);
  return { values, digits: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) };
}

/**
 * Draws one picture.
 * @param {HTMLCanvasElement} canvas sized in device pixels
 * @param {{ space: object, xy: Float32Array, frame: number[], labels: { y: Float32Array, classes: number },
 *   lineAlpha: number, axes: [string, string], theme: object }} p `labels.y`: the data's classes;
 *   `lineAlpha`: how far the decision regions have faded in (they belong to the last stage)
 * @returns {{ px: (x: number) => number, py: (y: number) => number }} the shown space to canvas pixels
 */
export function drawSpace(canvas, { space, xy, frame, labels, lineAlpha, axes, theme }) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height;
  const dpr = W / Math.max(1, canvas.clientWidth || W);
  const m = { left: MARGIN.left * dpr, top: MARGIN.top * dpr };
  const size = Math.min(W - (MARGIN.left + MARGIN.right) * dpr, H - (MARGIN.top + MARGIN.bottom) * dpr);
  const [cx, cy, half] = frame;
  const scale = size / (2 * half);
  const px = (x) => m.left + size / 2 + (x - cx) * scale;
  const py = (y) => m.top + size / 2 - (y - cy) * scale;
  const colours = classColours(labels.classes ?? 2, theme);
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = theme.panel;
  ctx.fillRect(0, 0, W, H);

  ctx.save();
  ctx.beginPath();
  ctx.rect(m.left, m.top, size, size);
  ctx.clip();
  const scores = scoresOf(space);
  const rect = [cx - 2 * half, cx + 2 * half, cy - 2 * half, cy + 2 * half];  // past the plot on every side
  const regions = scores?.exact && lineAlpha > 0 ? decisionRegions(scores.w, scores.b, rect) : null;
  if (regions) fillRegions(ctx, regions, { px, py, colours, alpha: lineAlpha });

  // Axes through the origin of the current space.
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = dpr;
  ctx.beginPath();
  ctx.moveTo(px(0), 0); ctx.lineTo(px(0), H);
  ctx.moveTo(0, py(0)); ctx.lineTo(W, py(0));
  ctx.stroke();
  ctx.globalAlpha = 1;
  drawGridLines(ctx, space, xy, { px, py, theme, dpr });
  drawPoints(ctx, space, xy, { px, py, centre: [px(cx), py(cy)], colours, labels, theme, dpr });
  if (regions) drawBoundaries(ctx, regions, rect, { px, py, alpha: lineAlpha, theme, dpr });
  ctx.restore();

  drawFrame(ctx, { m, size, cx, cy, half, px, py, theme, dpr });
  ctx.font = `${12 * dpr}px system-ui, sans-serif`;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(axes[0], m.left + size, H - 3 * dpr);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(axes[1], 4 * dpr, 4 * dpr);
  return { px, py };
}

/** Grid lines: the middle line of each family (x1 = 0 and x2 = 0 of the input plane) drawn stronger. */
function drawGridLines(ctx, { lines, samples }, xy, { px, py, theme, dpr }) {
  for (let l = 0; l < 2 * lines; l++) {
    const middle = l % lines === (lines - 1) / 2;
    ctx.strokeStyle = middle ? theme.fg : theme.muted;
    ctx.globalAlpha = middle ? 0.7 : 0.38;
    ctx.lineWidth = (middle ? 1.6 : 1) * dpr;
    ctx.beginPath();
    for (let s = 0; s < samples; s++) {
      const k = l * samples + s;
      if (s === 0) ctx.moveTo(px(xy[2 * k]), py(xy[2 * k + 1]));
      else ctx.lineTo(px(xy[2 * k]), py(xy[2 * k + 1]));
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/**
 * Data: training points filled with a ring of the panel colour, test points hollow. Where many points
 * fall on one spot (a saturated corner) they are drawn smaller and translucent, so a pile shows as
 * dense and both classes in it stay visible, and big piles are counted; the order is mixed so no class
 * is always on top.
 */
function drawPoints(ctx, { nGrid, nData, nTrain }, xy, { px, py, centre, colours, labels, theme, dpr }) {
  const r = 3.4 * dpr, cell = 2 * r;
  const at = (i) => [px(xy[2 * (nGrid + i)]), py(xy[2 * (nGrid + i) + 1])];
  const crowd = new Map();
  const keyOf = (x, y) => `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
  for (let i = 0; i < nData; i++) {
    const key = keyOf(...at(i));
    crowd.set(key, (crowd.get(key) ?? 0) + 1);
  }
  const stride = nData % 7919 ? 7919 : 1;  // a prime: k ↦ k·7919 mod n visits every point once
  for (let k = 0; k < nData; k++) {
    const i = (k * stride) % nData;
    const [x, y] = at(i);
    const n = crowd.get(keyOf(x, y));
    const train = i < nTrain;
    ctx.globalAlpha = n > 2 ? Math.max(0.3, 1.5 / Math.sqrt(n)) : 1;
    ctx.beginPath();
    ctx.arc(x, y, (train ? r : r * 0.8) * (n > 3 ? 0.7 : 1), 0, 2 * Math.PI);
    const colour = colours[Math.round(labels.y[i])] ?? theme.muted;
    if (train) {
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = dpr;
      ctx.strokeStyle = theme.panel;
    } else {
      ctx.lineWidth = 1.5 * dpr;
      ctx.strokeStyle = colour;
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  labelPiles(ctx, nData, at, (x, y) => crowd.get(keyOf(x, y)), { cell, centre, theme, dpr });
}

const PILED = 8;        // points on one spot that make it part of a pile
const COUNTED = 15;     // points in a pile (its neighbourhood merged) that get their count written

/**
 * Where points pile on one spot (a corner the activation saturates into), the pile's count is written
 * beside it, so a pile of a hundred does not read as one dot: spots of PILED or more points, merged
 * with their neighbours, are labelled when they hold COUNTED or more.
 */
function labelPiles(ctx, nData, at, crowdAt, { cell, centre, theme, dpr }) {
  const piles = new Map(), coarse = 8 * cell;
  for (let i = 0; i < nData; i++) {
    const [x, y] = at(i);
    if (crowdAt(x, y) < PILED) continue;
    const key = `${Math.floor(x / coarse)},${Math.floor(y / coarse)}`;
    const p = piles.get(key) ?? [0, 0, 0];
    piles.set(key, [p[0] + 1, p[1] + x, p[2] + y]);
  }
  // Neighbouring cells of one pile become one count (the biggest first takes the ones near it).
  const merged = [];
  for (const [n, sx, sy] of [...piles.values()].sort((a, b) => b[0] - a[0])) {
    const near = merged.find((m) => Math.hypot(m[1] / m[0] - sx / n, m[2] / m[0] - sy / n) < 1.5 * coarse);
    if (near) [0, 1, 2].forEach((k) => (near[k] += [n, sx, sy][k]));
    else merged.push([n, sx, sy]);
  }
  ctx.font = `600 ${11 * dpr}px system-ui, sans-serif`;
  ctx.lineWidth = 3 * dpr;
  ctx.lineJoin = 'round';
  for (const [n, sx, sy] of merged) {
    if (n < COUNTED) continue;
    const x = sx / n, y = sy / n, text = `×${n}`;
    // Beside the pile, on the side towards the plot's centre (a pile sits at an edge or a corner).
    ctx.textAlign = x > centre[0] ? 'right' : 'left';
    ctx.textBaseline = y > centre[1] ? 'bottom' : 'top';
    const tx = x + (x > centre[0] ? -8 : 8) * dpr, ty = y + (y > centre[1] ? -6 : 6) * dpr;
    ctx.strokeStyle = theme.panel;
    ctx.strokeText(text, tx, ty);
    ctx.fillStyle = theme.fg;
    ctx.fillText(text, tx, ty);
  }
}

/** Each class's region tinted in its colour. */
function fillRegions(ctx, regions, { px, py, colours, alpha }) {
  regions.forEach((poly, i) => {
    if (!poly.length) return;
    ctx.beginPath();
    poly.forEach(([x, y], k) => (k ? ctx.lineTo(px(x), py(y)) : ctx.moveTo(px(x), py(y))));
    ctx.closePath();
    ctx.fillStyle = colours[i];
    ctx.globalAlpha = 0.15 * alpha;
    ctx.fill();
  });
  ctx.globalAlpha = 1;
}

/** The edges between regions, dashed, each once (the rectangle's own sides are not boundaries). */
function drawBoundaries(ctx, regions, [x0, x1, y0, y1], { px, py, alpha, theme, dpr }) {
  const onRect = (p, q) => (p[0] === x0 && q[0] === x0) || (p[0] === x1 && q[0] === x1) || (p[1] === y0 && q[1] === y0) || (p[1] === y1 && q[1] === y1);
  const seen = new Set();
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = theme.fg;
  ctx.lineWidth = 2.5 * dpr;
  ctx.setLineDash([10 * dpr, 6 * dpr]);
  ctx.beginPath();
  for (const poly of regions) {
    poly.forEach((p, k) => {
      const q = poly[(k + 1) % poly.length];
      const key = [p, q].map((v) => v.map((c) => c.toPrecision(6)).join(',')).sort().join(';');
      if (onRect(p, q) || seen.has(key)) return;
      seen.add(key);
      ctx.moveTo(px(p[0]), py(p[1]));
      ctx.lineTo(px(q[0]), py(q[1]));
    });
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

/** The plot's border with tick marks and values along the bottom and the left. */
function drawFrame(ctx, { m, size, cx, cy, half, px, py, theme, dpr }) {
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = dpr;
  ctx.strokeRect(m.left, m.top, size, size);
  ctx.globalAlpha = 1;
  ctx.fillStyle = theme.muted;
  ctx.font = `${11 * dpr}px system-ui, sans-serif`;
  const tick = 4 * dpr, bottom = m.top + size;
  const text = (v, digits) => v.toFixed(digits).replace('-', '−');
  const tx = ticks(cx - half, cx + half);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const v of tx.values) {
    ctx.moveTo(px(v), bottom); ctx.lineTo(px(v), bottom + tick);
    ctx.fillText(text(v, tx.digits), px(v), bottom + tick + dpr);
  }
  const ty = ticks(cy - half, cy + half);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ty.values) {
    ctx.moveTo(m.left, py(v)); ctx.lineTo(m.left - tick, py(v));
    ctx.fillText(text(v, ty.digits), m.left - tick - 2 * dpr, py(v));
  }
  ctx.stroke();
}
