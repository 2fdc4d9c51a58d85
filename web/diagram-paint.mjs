// The network diagram's drawing pieces: its stylesheet, the geometry of columns, tiles and links
// (computed, never measured, so a hidden container lays out the same), the tile painter and the
// small DOM helpers that build its elements.

import { drawOutput } from './heatmap.mjs';
import { el } from './dom.mjs';

/**
 * The diagram's stylesheet, for the host to insert (a <style> in the page or in a shadow root).
 * Colours come from custom properties so light and dark themes work: --ap-fg, --ap-bg, --ap-muted,
 * --ap-pos (positive weights, blue) and --ap-neg (negative weights, orange).
 */
export const DIAGRAM_CSS = `
.apd { --apd-fg: var(--ap-fg, #111827); --apd-bg: var(--ap-bg, #ffffff); --apd-muted: var(--ap-muted, #6b7280);
  --apd-pos: var(--ap-pos, #0877bd); --apd-neg: var(--ap-neg, #f59322);
  color: var(--apd-fg); font: 13px/1.3 system-ui, sans-serif; min-width: 0; max-width: 100%; }
.apd button, .apd select, .apd input { font: inherit; color: var(--apd-fg); background: var(--apd-bg);
  border: 1px solid color-mix(in srgb, var(--apd-muted) 55%, transparent); border-radius: 6px; min-height: 28px; }
/* A menu drawn by the component (as the page's style.css does): WebKit ignores a native select's
   background and border, so without this its menus looked unlike Chromium's and Firefox's. */
.apd select { appearance: none; -webkit-appearance: none; padding: 0 22px 0 6px;
  background-image: linear-gradient(45deg, transparent 50%, currentColor 50%), linear-gradient(135deg, currentColor 50%, transparent 50%);
  background-position: right 12px center, right 7px center; background-size: 5px 5px; background-repeat: no-repeat; }
.apd button { cursor: pointer; padding: 0 10px; }
.apd button:disabled, .apd select:disabled { opacity: .4; cursor: default; }
.apd :focus-visible { outline: 2px solid var(--apd-pos); outline-offset: 1px; }
.apd-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin-bottom: 6px; }
.apd-bar label { display: flex; align-items: center; gap: 6px; color: var(--apd-muted); }
.apd-count { color: var(--apd-muted); font-size: 12px; }
.apd-scroll { overflow: auto; contain: inline-size; max-height: 75vh; overscroll-behavior: contain; }
.apd-stage { position: relative; }
.apd-col { position: absolute; top: 0; height: 0; pointer-events: none; }
.apd-col > * { pointer-events: auto; position: absolute; }
.apd-title { font-size: 11px; font-weight: 600; color: var(--apd-muted); text-transform: uppercase; letter-spacing: .04em;
  white-space: nowrap; pointer-events: none; }
.apd-pm { display: flex; align-items: center; justify-content: space-between; gap: 2px; }
.apd-pm button { flex: none; width: 26px; padding: 0; font-size: 16px; line-height: 1; }
.apd-pm span { font-size: 11px; color: var(--apd-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.apd-col select { padding: 0 2px; font-size: 12px; }
.apd .apd-tile { padding: 0; border: 1px solid color-mix(in srgb, var(--apd-muted) 60%, transparent); border-radius: 4px;
  overflow: hidden; background: var(--apd-bg); min-height: 0; }
.apd-tile canvas { display: block; width: 100%; height: 100%; }
button.apd-tile:hover { border-color: var(--apd-fg); }
.apd .apd-tile.dead { border: 2px solid #dc2626; }
.apd-tile.dead canvas { opacity: .5; }
.apd-feature { display: flex; align-items: center; justify-content: flex-end; gap: 6px; padding: 0; border: 0; background: none;
  min-height: 0; }
.apd .apd-feature { border: 0; background: none; padding: 0; }
.apd-feature span { font-size: 12px; white-space: nowrap; }
.apd-feature .apd-tile { position: static; flex: none; }
.apd-feature[aria-pressed=false] .apd-tile { opacity: .3; filter: grayscale(1); }
.apd-feature[aria-pressed=false] span { color: var(--apd-muted); text-decoration: line-through; }
.apd-feature[aria-pressed=true] .apd-tile { border: 2px solid var(--apd-fg); }
.apd-class { display: flex; align-items: center; justify-content: center; font-size: 12px; }
.apd-links { position: absolute; top: 0; overflow: visible; pointer-events: none; }
.apd-links path { fill: none; }
.apd-links .pos { stroke: var(--apd-pos); }
.apd-links .neg { stroke: var(--apd-neg); }
.apd-links .hit { pointer-events: stroke; stroke: transparent; stroke-width: 10px; cursor: pointer; outline: none; }
.apd-links .hit:hover, .apd-links .hit:focus { stroke: color-mix(in srgb, var(--apd-fg) 22%, transparent); }
.apd-links .vis { pointer-events: none; opacity: .85; }
.apd-tip { position: absolute; z-index: 2; pointer-events: none; background: var(--apd-fg); color: var(--apd-bg);
  padding: 3px 7px; border-radius: 4px; font-size: 12px; white-space: nowrap; }
.apd-editor { position: absolute; z-index: 3; display: flex; flex-wrap: wrap; align-items: center; gap: 6px; width: max-content;
  padding: 8px; background: var(--apd-bg); border: 1px solid var(--apd-muted); border-radius: 8px;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .25); }
.apd-editor input { width: 7em; padding: 0 6px; }
.apd-editor input[aria-invalid=true] { border-color: #dc2626; }
.apd-editor p { flex-basis: 100%; margin: 0; color: #dc2626; font-size: 12px; }
.apd-editor p:empty { display: none; }
.apd [hidden] { display: none; }
`;

const PAD = 8;
const HEAD = 92;          // column headers: title, −/+ row, activation menu
const FEATURE_W = 96;
const HIDDEN_W = 124;
const OUTPUT_W = 64;

/**
 * Where everything goes, from the network's shape alone. Columns: features, each hidden layer, output.
 * Each column: { x, w, tileX, count }; node j of a column has its tile at (tileX, top + j·pitch).
 */
export function layoutOf(net) {
  const counts = [net.features.length, ...net.layers.map((l) => l.width), net.output.width];
  const widest = Math.max(1, ...counts.slice(1));
  const tile = widest <= 8 ? 36 : widest <= 16 ? 30 : 24;
  const pitch = tile + (tile >= 36 ? 10 : 6);
  const gap = net.layers.length > 4 ? 40 : 64;
  const cols = [];
  let x = PAD;
  counts.forEach((count, i) => {
    const kind = i === 0 ? 'features' : i === counts.length - 1 ? 'output' : 'hidden';
    const w = kind === 'features' ? FEATURE_W : kind === 'output' ? OUTPUT_W : HIDDEN_W;
    const tileX = kind === 'features' ? x + w - tile : kind === 'output' ? x + 8 : x + (w - tile) / 2;
    cols.push({ kind, x, w, tileX, count });
    x += w + gap;
  });
  const rows = Math.max(...counts) + (net.output.width > 1 ? 1 : 0);
  return { cols, tile, pitch, top: HEAD, head: HEAD, width: x - gap + PAD, height: HEAD + rows * pitch + PAD };
}

/** The y of node j's centre. */
export const nodeY = (lay, j) => lay.top + j * lay.pitch + lay.tile / 2;

/** The SVG path of a link from node (a, i) to node (b, j), in a gap's own coordinates (x from 0). */
export function linkPath(lay, x0, x1, i, j) {
  // A level link gets an invisible 1 px S-bend: a path with a zero-height box counts as hidden.
  const ya = nodeY(lay, i), yb = nodeY(lay, j), m = (x1 - x0) / 2, e = ya === yb ? 1 : 0;
  return `M0 ${ya}C${m} ${ya - e} ${m} ${yb + e} ${x1 - x0} ${yb}`;
}

/** Stroke width of a link for weight w: 0.5 px near zero up to 6 px at |w| ≥ 2.5. */
export const linkWidth = (w) => (Number.isFinite(w) ? 0.5 + 2.2 * Math.min(Math.abs(w), 2.5) : 6);

// 256 colours for t in [−1, 1]: orange (negative) through a light grey to blue (positive),
// TF Playground's convention, as in heatmap.mjs.
const LUT = (() => {
  const neg = [245, 147, 34], mid = [232, 234, 235], pos = [8, 119, 189];
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 127.5 - 1, [a, b, u] = t < 0 ? [neg, mid, t + 1] : [mid, pos, t];
    for (let c = 0; c < 3; c++) out[3 * i + c] = a[c] + (b[c] - a[c]) * u;
  }
  return out;
})();

const MAX_RES = 48;   // a tile never needs more pixels than it has on screen

/**
 * Paints an n×n plane (image order, starting at `offset` in `values`) into a tile's canvas, scaled by
 * the plane's own largest magnitude (`scale: 'max'`), as is (`'unit'`: values in [−1, 1]) or as a
 * probability (`'prob'`: 0 → −1, 1 → +1).
 * The canvas keeps min(n, 48) pixels a side (nearest grid point); its ImageData is reused between calls.
 */
export function paintPlane(tile, values, n, offset = 0, scale = 'max') {
  const m = Math.min(n, MAX_RES);
  if (tile.canvas.width !== m || !tile.img) {
    tile.canvas.width = tile.canvas.height = m;
    tile.ctx = tile.canvas.getContext('2d');
    tile.img = tile.ctx.createImageData(m, m);
  }
  let k = 1e-6;
  if (scale === 'max') {
    for (let i = offset, end = offset + n * n; i < end; i++) { const a = Math.abs(values[i]); if (a > k) k = a; }
  }
  const mul = scale === 'prob' ? 2 : scale === 'unit' ? 1 : 1 / k, add = scale === 'prob' ? -1 : 0;
  const d = tile.img.data;
  // Nearest of the grid's points, edges to edges (so a picture symmetric on the grid stays symmetric).
  const at = (k) => (m > 1 ? Math.round((k * (n - 1)) / (m - 1)) : 0);
  for (let r = 0, p = 0; r < m; r++) {
    const row = offset + at(r) * n;
    for (let c = 0; c < m; c++, p += 4) {
      const t = values[row + at(c)] * mul + add;
      const i = 3 * (t >= 1 ? 255 : t <= -1 ? 0 : Math.round((t + 1) * 127.5) || 0);
      d[p] = LUT[i]; d[p + 1] = LUT[i + 1]; d[p + 2] = LUT[i + 2]; d[p + 3] = 255;
    }
  }
  tile.ctx.putImageData(tile.img, 0, 0);
}

/** The output tile: a probability (classification), a value in [−1, 1] (regression), or for several
 *  classes { classIndex, confidence } planes (or one plane packed as class + p) drawn as heatmap.mjs does. */
export function paintOutput(tile, out, n, task) {
  if (task !== 'multiclass') return paintPlane(tile, out, n, 0, task === 'classification' ? 'prob' : task === 'regression' ? 'unit' : 'max');
  if (tile.canvas.width !== MAX_RES) tile.canvas.width = tile.canvas.height = MAX_RES;
  const classIndex = out.classIndex ?? Uint8Array.from(out, Math.floor);
  const confidence = out.confidence ?? out.map((v) => v - Math.floor(v));
  return drawOutput(tile.canvas, { n, classIndex, confidence }, 'multiclass');
}

/** A number as the diagram shows it: two decimals, a true minus sign, no "−0.00". */
export function showNumber(v) {
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v * 100);
  return `${r < 0 ? '−' : ''}${(Math.abs(r) / 100).toFixed(2)}`;
}

export const px = (v) => `${v}px`;
/** Absolute position and size in px. */
export const place = (e, x, y, w, h) => Object.assign(e.style, { left: px(x), top: px(y), width: px(w), ...(h ? { height: px(h) } : {}) });

/** A heatmap tile: a canvas in a <button> (interactive) or a <div>. */
export function makeTile(size, interactive, props) {
  const canvas = el('canvas', { width: 1, height: 1 });
  const box = el(interactive ? 'button' : 'div', { className: 'apd-tile', ...(interactive ? { type: 'button' } : {}), ...props }, canvas);
  box.style.width = box.style.height = px(size);
  return { box, canvas, ctx: null, img: null };
}
