// The frame every chart of plots.mjs shares: a figure with a text alternative, a tool bar (title,
// checkboxes, "Show as table"), the uPlot root, a caption and the table; colours read from CSS custom
// properties, size following the container. Also the CSS (uPlot's plus ours) and number formatting.
import './locale.mjs';  // first: makes navigator.language a tag Intl accepts before uPlot reads it
import uPlot from './vendor/uplot/uPlot.esm.min.js';
import { UPLOT_CSS } from './vendor/uplot/uplot-css.mjs';
import { STRINGS, fmt } from './strings.mjs';
import { isDark } from './theme.mjs';

export { uPlot };

/** Colours when the host sets no `--ap-*` property: light and dark (views colour their legends from `series`). */
export const THEMES = {
  light: { fg: '#1f2937', bg: '#ffffff', muted: '#4b5563', grid: '#e5e7eb', saturated: 'rgba(234, 88, 12, 0.16)',
           dead: 'rgba(220, 38, 38, 0.30)', series: ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#db2777', '#0891b2'] },
  dark: { fg: '#e5e7eb', bg: '#111827', muted: '#9ca3af', grid: '#334155', saturated: 'rgba(251, 146, 60, 0.20)',
          dead: 'rgba(248, 113, 113, 0.34)', series: ['#60a5fa', '#fb923c', '#4ade80', '#c084fc', '#f472b6', '#22d3ee'] },
};
const KEYS = ['fg', 'bg', 'muted', 'grid', 'saturated', 'dead'];

// --apx-* are the resolved colours: the host's --ap-* where set, else the theme's default.
const vars = (t) => [...KEYS.map((k) => `--apx-${k}: var(--ap-${k}, ${t[k]});`),
  ...t.series.map((c, i) => `--apx-series-${i + 1}: var(--ap-series-${i + 1}, ${c});`)].join(' ');

const OWN_CSS = `
.ap-plot { ${vars(THEMES.light)} color: var(--apx-fg); background: var(--apx-bg); font: 13px/1.4 system-ui, sans-serif;
  contain: inline-size; min-width: 0; }
@media (prefers-color-scheme: dark) { .ap-plot { ${vars(THEMES.dark)} } }
:host([theme=light]) .ap-plot { ${vars(THEMES.light)} }
:host([theme=dark]) .ap-plot { ${vars(THEMES.dark)} }
.ap-plot .uplot { width: auto; font-family: inherit; }
.ap-plot .u-legend { font-size: 12px; }
.ap-plot .u-legend .u-series > * { padding: 1px 4px; }
.ap-plot .u-hz .u-cursor-x { border-right-color: var(--apx-muted); }
.ap-plot-tools { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; margin-bottom: 4px; font-size: 12px;
  color: var(--apx-muted); }
.ap-plot-title { margin-right: auto; font-weight: 600; font-size: 13px; color: var(--apx-fg); }
.ap-plot-tools label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
.ap-plot-tools button { font: inherit; color: var(--apx-fg); background: transparent; border: 1px solid var(--apx-muted);
  border-radius: 4px; padding: 2px 8px; cursor: pointer; }
.ap-plot :focus-visible { outline: 2px solid var(--apx-series-1); outline-offset: 1px; }
.ap-plot-caption { margin: 4px 0 0; font-size: 12px; color: var(--apx-muted); }
.ap-plot-caption:empty { display: none; }
.ap-plot-readout { font: 12px ui-monospace, monospace; min-height: 1.5em; overflow-wrap: anywhere; }
.ap-plot-function .ap-plot-body { touch-action: none; }
.ap-plot-table { max-height: 240px; overflow: auto; margin-top: 6px; }
.ap-plot-table table { border-collapse: collapse; font: 12px ui-monospace, monospace; }
.ap-plot-table th, .ap-plot-table td { padding: 2px 8px; text-align: right; border-bottom: 1px solid var(--apx-grid); }
.ap-plot-table caption { text-align: left; color: var(--apx-muted); font: 12px system-ui, sans-serif; }
.ap-swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin-right: 4px; border: 1px solid var(--apx-muted); }
.ap-swatch-saturated { background: var(--apx-saturated); }
.ap-swatch-dead { background: var(--apx-dead); }
.ap-leader { margin-left: 4px; font-weight: 600; }
`;

/** The CSS the charts need (uPlot's and ours): insert it into the document or the shadow root that holds them. */
export const PLOTS_CSS = UPLOT_CSS + OWN_CSS;

/** Inserts PLOTS_CSS once into `root` (a Document or a ShadowRoot). */
export function installPlotsCss(root = document) {
  const head = root.head ?? root;
  if (head.querySelector?.('style[data-ap-plots]')) return;
  const style = (root.ownerDocument ?? root).createElement('style');
  style.dataset.apPlots = '';
  style.textContent = PLOTS_CSS;
  head.prepend(style);
}

/** A number for people: 4 significant digits, exponent form outside [0.001, 1e6), '–' for NaN and null. */
export function num(v, digits = 4) {
  if (v == null || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return Number(v.toPrecision(Math.max(1, digits - 1))).toExponential();
  return String(Number(v.toPrecision(digits)));
}

/**
 * ys as uPlot can draw it: ys itself when it has n values and each is drawable, otherwise `spare[key]`
 * (reused between calls) with null wherever a value is missing, not finite, or ≤ 0 on a log scale.
 */
export function drawable(ys, n, log, spare, key) {
  let ok = ys != null && ys.length === n;
  for (let i = 0; ok && i < n; i++) ok = Number.isFinite(ys[i]) && !(log && ys[i] <= 0);
  if (ok) return ys;
  let out = spare[key];
  if (!out || out.length !== n) out = spare[key] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = ys?.[i];
    out[i] = Number.isFinite(v) && !(log && v <= 0) ? v : null;
  }
  return out;
}

/** A colour with its alpha replaced, whatever CSS syntax it came in (the canvas normalises it). */
export function withAlpha(color, alpha) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.fillStyle = color;
  const c = ctx.fillStyle;
  if (c.startsWith('#')) return `rgba(${parseInt(c.slice(1, 3), 16)}, ${parseInt(c.slice(3, 5), 16)}, ${parseInt(c.slice(5, 7), 16)}, ${alpha})`;
  return c.replace(/^rgba?\(([^,]+),([^,]+),([^,)]+).*$/, `rgba($1,$2,$3, ${alpha})`);
}

/** Log-axis ticks: the powers of ten in [min, max], or 1-2-5 steps when fewer than two fit. */
function logSplits(u, axisIdx, min, max) {
  const splits = [];
  for (const steps of [[1], [1, 2, 5]]) {
    splits.length = 0;
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      for (const m of steps) {
        const v = Number((m * 10 ** e).toPrecision(1));
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) splits.push(v);
      }
    }
    if (splits.length >= 2) break;
  }
  return splits;
}

/** The latest value of a column (for the legend when the cursor is off the chart). */
const latest = (col) => (col?.length ? col[col.length - 1] : null);

/** A legend value: at the cursor, or the latest one when the cursor is off the chart. */
export const legendValue = (u, v, si, i) => num(i == null ? latest(u.data[si]) : v);

/** An axis in the theme's colours, with our number format; x (the first) gets a slimmer band. */
export function axis(theme, label, { x = false, log = false } = {}) {
  return {
    label, stroke: theme.fg, labelSize: label ? 16 : 0, labelGap: 0, size: x ? 28 : 46, gap: 3,
    font: '11px system-ui, sans-serif', labelFont: '12px system-ui, sans-serif',
    grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1, size: 4 },
    values: (u, splits) => splits.map((v) => (v == null ? '' : num(v, 3))),
    ...(log ? { splits: logSplits, filter: (u, splits) => splits } : {}),
  };
}

/** A y scale that survives data with no drawable value (uPlot's default range would be ±Infinity). */
export function yScale(log, fallback = [0, 1]) {
  const ok = (min, max) => Number.isFinite(min) && Number.isFinite(max);
  return log
    ? { distr: 3, log: 10, range: (u, min, max) => (ok(min, max) && min > 0 ? uPlot.rangeLog(min, max, 10, true) : [0.1, 1]) }
    : { range: (u, min, max) => (ok(min, max) ? uPlot.rangeNum(min, max, 0.1, true) : fallback) };
}

/** Shades [a, b] ranges (in x units, ±Infinity allowed) over the full height of the plot; `hatch` adds diagonals. */
export function shade(u, ranges, color, hatch) {
  const { ctx, bbox } = u;
  const { min, max } = u.scales.x;
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = uPlot.pxRatio;
  for (const [a, b] of ranges) {
    const lo = Math.max(Math.min(a, b), min), hi = Math.min(Math.max(a, b), max);
    if (!(hi > lo)) continue;
    const x0 = u.valToPos(lo, 'x', true), x1 = u.valToPos(hi, 'x', true);
    ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
    if (!hatch) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, bbox.top, x1 - x0, bbox.height);
    ctx.clip();
    ctx.beginPath();
    const step = 8 * uPlot.pxRatio;
    for (let x = x0 - bbox.height; x < x1; x += step) {
      ctx.moveTo(x, bbox.top + bbox.height);
      ctx.lineTo(x + bbox.height, bbox.top);
    }
    ctx.stroke();
    ctx.restore();
  }
  ctx.restore();
}

let frames = 0;

const make = (doc, tag, className, text) => {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
};

/** The DOM, resizing, theming and table of one chart; the chart supplies `makeOpts(theme)` and data. */
export class PlotFrame {
  /** @param {Element|ShadowRoot} container @param {{strings?: object, kind: string, height?: number}} options */
  constructor(container, { strings, kind, height }) {
    this.strings = { ...STRINGS.plots, ...strings };
    this.fixedHeight = height;
    const doc = (this.doc = container.ownerDocument ?? document);
    const id = `ap-plot-${++frames}`;
    this.root = make(doc, 'div', `ap-plot ap-plot-${kind}`);
    this.root.setAttribute('role', 'figure');
    this.tools = make(doc, 'div', 'ap-plot-tools');
    this.title = make(doc, 'span', 'ap-plot-title');
    this.tableButton = make(doc, 'button', '', this.strings.showTable);
    Object.assign(this.tableButton, { type: 'button', onclick: () => this.toggleTable() });
    this.tableButton.setAttribute('aria-expanded', 'false');
    this.tableButton.setAttribute('aria-controls', `${id}-table`);
    this.tools.append(this.title, this.tableButton);
    this.body = make(doc, 'div', 'ap-plot-body');
    this.caption = make(doc, 'p', 'ap-plot-caption');
    this.tableWrap = make(doc, 'div', 'ap-plot-table');
    Object.assign(this.tableWrap, { id: `${id}-table`, hidden: true, tabIndex: 0 });   // scrolls: keyboard users need focus
    this.tableWrap.setAttribute('role', 'region');
    this.root.append(this.tools, this.body, this.caption, this.tableWrap);
    container.append(this.root);
    this.u = null;
    this.data = null;
    this.width = 0;
    this.tableTimer = 0;
    // Resized a frame later: resizing the chart inside the callback changes what is observed, which
    // WebKit reports as an error ("ResizeObserver loop completed with undelivered notifications").
    this.fitFrame = 0;
    this.resizer = new ResizeObserver(() => {
      cancelAnimationFrame(this.fitFrame);
      this.fitFrame = requestAnimationFrame(() => this.fit());
    });
    this.resizer.observe(this.root);
    this.media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    this.onMedia = () => this.restyle();
    this.media?.addEventListener('change', this.onMedia);
    document.addEventListener('ap-theme', this.onMedia);  // the page's theme menu (theme.mjs)
  }

  /** The resolved colours: --ap-* from the host, else our defaults. */
  readTheme() {
    const cs = getComputedStyle(this.root);
    const fallback = THEMES[isDark() ? 'dark' : 'light'];
    const get = (name, dflt) => cs.getPropertyValue(`--apx-${name}`).trim() || dflt;
    const theme = Object.fromEntries(KEYS.map((k) => [k, get(k, fallback[k])]));
    theme.series = fallback.series.map((c, i) => get(`series-${i + 1}`, c));
    return theme;
  }

  size() {
    const width = Math.max(160, Math.floor(this.root.clientWidth));
    return { width, height: this.fixedHeight ?? Math.round(Math.min(300, Math.max(170, width * 0.5))) };
  }

  /** (Re)creates the uPlot instance with `makeOpts(theme)`; for a new series layout, scale type or theme. */
  mount(data) {
    this.data = data;
    this.theme = this.readTheme();
    this.u?.destroy();
    this.u = new uPlot({ ...this.makeOpts(this.theme), ...this.size() }, data, this.body);
    this.width = this.root.clientWidth;
    this.afterMount?.(this.u);
    this.tableChanged();
  }

  /** New data for the same layout: uPlot's setData, no re-creation. */
  setData(data, resetScales = true) {
    this.data = data;
    if (this.u) this.u.setData(data, resetScales);
    else this.mount(data);
    this.tableChanged();
  }

  fit() {
    const w = this.root.clientWidth;
    if (!this.u || !w || w === this.width) return;
    this.width = w;
    this.u.setSize(this.size());
  }

  /** Re-reads the colours (after the host changes its --ap-* properties; colour-scheme changes do this themselves). */
  restyle() {
    if (this.u) this.mount(this.data);
  }

  setTitle(text) {
    if (this.title.textContent !== text) this.title.textContent = text;
  }

  /** The text alternative: what the chart shows and its latest values. */
  setAlt(text) {
    if (this.root.getAttribute('aria-label') !== text) this.root.setAttribute('aria-label', text);
  }

  addCheckbox(label, onChange) {
    const box = make(this.doc, 'input');
    box.type = 'checkbox';
    box.addEventListener('change', () => onChange(box.checked));
    const wrap = make(this.doc, 'label');
    wrap.append(box, label);
    this.tableButton.before(wrap);
    return box;
  }

  addButton(label, onClick) {
    const b = make(this.doc, 'button', '', label);
    Object.assign(b, { type: 'button', onclick: onClick });
    this.tableButton.before(b);
    return b;
  }

  /** @param {() => {headers: string[], n: number, row: (i: number) => (number|string)[]}} source */
  setTable(source) {
    this.tableSource = source;
  }

  get tableOpen() {
    return !this.tableWrap.hidden;
  }

  toggleTable() {
    const open = !this.tableOpen;
    this.tableWrap.hidden = !open;
    this.tableButton.textContent = open ? this.strings.hideTable : this.strings.showTable;
    this.tableButton.setAttribute('aria-expanded', String(open));
    if (open) this.renderTable();
    else this.tableWrap.replaceChildren();
  }

  /** An open table follows the data, at most 4 times a second. */
  tableChanged() {
    if (!this.tableOpen || this.tableTimer) return;
    this.tableTimer = setTimeout(() => {
      this.tableTimer = 0;
      if (this.tableOpen) this.renderTable();
    }, 250);
  }

  /** The current data as a table, built with DOM calls only; at most 500 evenly spaced rows. */
  renderTable(maxRows = 500) {
    const { headers, n, row } = this.tableSource();
    const table = make(this.doc, 'table');
    const caption = make(this.doc, 'caption', '', this.root.getAttribute('aria-label') ?? '');
    const shown = Math.min(n, maxRows);
    if (shown < n) caption.append(make(this.doc, 'br'), fmt(this.strings.tableSampled, { total: n, shown }));
    const head = make(this.doc, 'tr');
    for (const h of headers) head.append(Object.assign(make(this.doc, 'th', '', h), { scope: 'col' }));
    const body = make(this.doc, 'tbody');
    for (let j = 0; j < shown; j++) {
      const i = shown < n ? Math.round((j * (n - 1)) / (shown - 1)) : j;
      const tr = make(this.doc, 'tr');
      for (const v of row(i)) tr.append(make(this.doc, 'td', '', typeof v === 'number' ? num(v) : String(v ?? '')));
      body.append(tr);
    }
    table.append(caption, make(this.doc, 'thead'), body);
    table.tHead.append(head);
    this.tableWrap.setAttribute('aria-label', fmt(this.strings.tableLabel, { title: this.title.textContent }));
    this.tableWrap.replaceChildren(table);
  }

  destroy() {
    clearTimeout(this.tableTimer);
    cancelAnimationFrame(this.fitFrame);
    this.resizer.disconnect();
    this.media?.removeEventListener('change', this.onMedia);
    document.removeEventListener('ap-theme', this.onMedia);
    this.u?.destroy();
    this.u = null;
    this.root.remove();
  }
}
