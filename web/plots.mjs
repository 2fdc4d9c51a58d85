// Charts on uPlot for the page and the embeds: loss curves, named series over time, a histogram of
// pre-activations with the activation's saturated and dead regions, and the activation explorer's
// function chart. Each mounts in any container (a shadow root too: insert PLOTS_CSS there), takes
// columnar typed arrays, redraws with setData only, follows its container's width and the --ap-*
// colours, and carries a text alternative and a "Show as table" toggle.
import { fmt } from './strings.mjs';
import { PlotFrame, PLOTS_CSS, installPlotsCss, uPlot, axis, drawable, legendValue, num, withAlpha, yScale } from './plot-frame.mjs';
import { functionChart } from './plot-function.mjs';

export { PLOTS_CSS, installPlotsCss, functionChart };

const EMPTY = new Float64Array(0);

/** uPlot options for line charts over x: our axes, colours, number format, no drag-zoom. */
function lineOpts(theme, { xLabel, yLabel, labels, log, hooks }) {
  return {
    scales: { x: { time: false }, y: yScale(log) },
    axes: [axis(theme, xLabel, { x: true }), axis(theme, yLabel, { log })],
    series: [{ label: xLabel, value: legendValue }, ...labels.map((label, i) => ({
      label, stroke: theme.series[i % theme.series.length], width: 2, value: legendValue,
    }))],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
    legend: { live: true },
    hooks,
  };
}

/**
 * Training and test loss over epochs, with a "Log scale" checkbox, uPlot's cursor readout and legend.
 * @param {Element|ShadowRoot} container
 * @param {{strings?: object, height?: number}} [options] strings: the `plots` section of strings.mjs
 * @returns {{update(d: {epochs: Float64Array, train: Float32Array, test?: Float32Array}): void,
 *            setLogScale(on: boolean): void, restyle(): void, destroy(): void}}
 */
export function lossChart(container, { strings, height } = {}) {
  const frame = new PlotFrame(container, { strings, kind: 'loss', height });
  const s = frame.strings;
  const spare = [];
  let log = false;
  let last = null;
  const box = frame.addCheckbox(s.logScale, (on) => chart.setLogScale(on));
  frame.setTitle(s.lossTitle);
  frame.makeOpts = (theme) => lineOpts(theme, { xLabel: s.epoch, yLabel: s.loss, labels: [s.train, s.test], log });
  frame.setTable(() => ({
    headers: [s.epoch, s.train, s.test],
    n: last?.epochs.length ?? 0,
    row: (i) => [last.epochs[i], last.train[i], last.test?.[i]],
  }));
  const columns = () => {
    const n = last?.epochs.length ?? 0;
    return [last?.epochs ?? EMPTY, drawable(last?.train, n, log, spare, 0), drawable(last?.test, n, log, spare, 1)];
  };
  frame.mount(columns());
  frame.setAlt(s.lossEmpty);
  frame.root.dataset.scale = 'linear';

  const chart = {
    /** New loss columns (same length each); cheap, call it every frame. */
    update(d) {
      last = d;
      frame.setData(columns());
      const n = d.epochs.length;
      frame.setAlt(n ? fmt(s.lossAlt, { train: num(d.train[n - 1]), test: num(d.test?.[n - 1]), epoch: num(d.epochs[n - 1]) }) : s.lossEmpty);
    },
    /** Log or linear y; values ≤ 0 leave gaps on the log scale. */
    setLogScale(on) {
      log = Boolean(on);
      box.checked = log;
      frame.root.dataset.scale = log ? 'log' : 'linear';
      frame.mount(columns());
    },
    restyle: () => frame.restyle(),
    destroy: () => frame.destroy(),
  };
  return chart;
}

/** Index of the series whose latest finite value is lowest ('min') or highest ('max'), or -1. */
function leaderOf(series, mode) {
  let best = -1, bestV = 0;
  series.forEach(({ ys }, i) => {
    let k = ys.length - 1;
    while (k >= 0 && !Number.isFinite(ys[k])) k--;
    if (k >= 0 && (best < 0 || (mode === 'max' ? ys[k] > bestV : ys[k] < bestV))) [best, bestV] = [i, ys[k]];
  });
  return best;
}

/**
 * Several named series over one x: every layer's gradient norm (use `log`), dead neurons over time,
 * the race's loss curves (`leader: 'min'` marks the lowest latest value in the legend).
 * @param {Element|ShadowRoot} container
 * @param {{strings?: object, title?: string, yLabel?: string, xLabel?: string, log?: boolean,
 *          leader?: 'min'|'max', height?: number}} [options] on a log scale values ≤ 0 leave gaps
 * @returns {{update(d: {xs: ArrayLike<number>, series: {label: string, ys: ArrayLike<number>}[], leader?: number}): void,
 *            restyle(): void, destroy(): void}}
 */
export function seriesChart(container, { strings, title = '', yLabel = '', xLabel, log = false, leader, height } = {}) {
  const frame = new PlotFrame(container, { strings, kind: 'series', height });
  const s = frame.strings;
  const xName = xLabel ?? s.epoch;
  const spare = [];
  let labels = [];
  let last = null;
  let marked = -1;
  frame.setTitle(title);
  frame.makeOpts = (theme) => lineOpts(theme, { xLabel: xName, yLabel, labels, log });
  frame.setTable(() => ({
    headers: [xName, ...labels],
    n: last?.xs.length ?? 0,
    row: (i) => [last.xs[i], ...last.series.map((x) => x.ys[i])],
  }));
  frame.mount([EMPTY]);
  frame.setAlt(fmt(s.seriesEmpty, { title }));
  frame.root.dataset.scale = log ? 'log' : 'linear';

  /** Marks series idx (-1: none) in the legend; a rebuilt legend (new series, theme) is marked again. */
  const mark = (idx) => {
    const rows = frame.u.root.querySelectorAll('.u-legend .u-series');
    rows.forEach((tr, i) => {
      const old = tr.querySelector('.ap-leader');
      if (i - 1 !== idx) old?.remove();
      else if (!old) tr.firstElementChild.append(Object.assign(frame.doc.createElement('span'), { className: 'ap-leader', textContent: `(${s.leader})` }));
    });
    marked = idx;
  };
  frame.afterMount = () => marked >= 0 && mark(marked);

  return {
    /** New columns; the same labels redraw with setData, other labels rebuild the chart. */
    update(d) {
      last = d;
      const n = d.xs.length;
      const cols = [d.xs, ...d.series.map((x, i) => drawable(x.ys, n, log, spare, i))];
      if (d.series.length !== labels.length || d.series.some((x, i) => x.label !== labels[i])) {
        labels = d.series.map((x) => x.label);
        frame.mount(cols);
      } else frame.setData(cols);
      const lead = d.leader ?? (leader ? leaderOf(d.series, leader) : -1);
      if (lead !== marked) mark(lead);
      if (!n) return frame.setAlt(fmt(s.seriesEmpty, { title }));
      const values = d.series.map((x) => `${x.label} ${num(x.ys[n - 1])}`).join(', ');
      const alt = fmt(s.seriesAlt, { title, values, x: xName, at: num(d.xs[n - 1]) });
      frame.setAlt(lead >= 0 ? `${alt}. ${fmt(s.leaderAlt, { label: d.series[lead].label })}` : alt);
    },
    restyle: () => frame.restyle(),
    destroy: () => frame.destroy(),
  };
}

/** Shades [a, b] ranges (in x units, ±Infinity allowed) over the full height of the plot; `hatch` adds diagonals. */
function shade(u, ranges, color, hatch) {
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

/** Whether x lies in one of the [a, b] ranges. */
const inRanges = (x, ranges) => ranges.some(([a, b]) => x >= Math.min(a, b) && x <= Math.max(a, b));

/**
 * A histogram of a layer's pre-activations with the activation's saturated region (|f′| < 0.01) shaded
 * and its dead region (f′ = 0) hatched, and a caption with their shares.
 * @param {Element|ShadowRoot} container
 * @param {{strings?: object, height?: number}} [options]
 * @returns {{update(d: {edges: Float32Array, counts: Float32Array, saturated: number[][], dead: number[][],
 *            shareSaturated: number, shareDead: number, title?: string, fn?: string}): void, restyle(): void, destroy(): void}}
 *   edges has k+1 increasing values for k counts; ranges are [a, b] in x units (±Infinity allowed);
 *   shares are fractions in [0, 1]; fn names the activation in the caption.
 */
export function histogram(container, { strings, height } = {}) {
  const frame = new PlotFrame(container, { strings, kind: 'histogram', height });
  const s = frame.strings;
  let last = null;
  let centres = EMPTY;
  let captionKey = '';
  const spare = [];
  const edgeRange = () => {
    const e = last?.edges;
    return e && e.length > 1 ? [e[0], e[e.length - 1]] : [0, 1];
  };
  frame.makeOpts = (theme) => ({
    scales: { x: { time: false, range: edgeRange }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.08 : 1] } },
    axes: [axis(theme, s.preActivation, { x: true }), axis(theme, s.count)],
    series: [
      { label: s.preActivation, value: (u, v, si, i) => (i == null || !last ? '–' : `${num(last.edges[i])} … ${num(last.edges[i + 1])}`) },
      { label: s.count, stroke: theme.series[0], fill: withAlpha(theme.series[0], 0.55), width: 1, value: (u, v, si, i) => (i == null ? '–' : num(v)),
        paths: uPlot.paths.bars({ size: [1, Infinity, 1], gap: 1 }), points: { show: false } },
    ],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
    legend: { live: true },
    hooks: {
      drawClear: [(u) => {
        if (!last) return;
        shade(u, last.saturated ?? [], theme.saturated, false);
        shade(u, last.dead ?? [], theme.dead, true);
      }],
    },
  });
  const region = (x) => (inRanges(x, last.dead ?? []) ? s.dead : inRanges(x, last.saturated ?? []) ? s.saturated : '');
  frame.setTable(() => ({
    headers: [s.from, s.to, s.count, s.region],
    n: last?.counts.length ?? 0,
    row: (i) => [last.edges[i], last.edges[i + 1], last.counts[i], region(centres[i])],
  }));
  frame.mount([EMPTY, EMPTY]);
  frame.setAlt(s.histEmpty);

  const line = (cls, text) => {
    const span = frame.doc.createElement('span');
    span.className = `ap-swatch ${cls}`;
    const p = frame.doc.createElement('span');
    p.append(span, text);
    return p;
  };

  return {
    /** New bins and regions; cheap when the bin count stays. */
    update(d) {
      last = d;
      const k = d.counts.length;
      if (centres.length !== k) centres = new Float64Array(k);
      for (let i = 0; i < k; i++) centres[i] = (d.edges[i] + d.edges[i + 1]) / 2;
      frame.setData([centres, drawable(d.counts, k, false, spare, 0)]);
      frame.setTitle(d.title ?? '');
      const fn = d.fn ?? s.theActivation;
      const pct = (share) => Math.round((share ?? 0) * 100);
      const lines = [];
      if (d.saturated?.length) lines.push(['ap-swatch-saturated', fmt(s.saturatedShare, { share: pct(d.shareSaturated), fn })]);
      if (d.dead?.length) lines.push(['ap-swatch-dead', fmt(s.deadShare, { share: pct(d.shareDead) })]);
      const key = lines.join('\n');
      if (key !== captionKey) {
        captionKey = key;
        frame.caption.replaceChildren(...lines.flatMap(([cls, text], i) => (i ? [frame.doc.createElement('br')] : []).concat(line(cls, text))));
      }
      let n = 0;
      for (let i = 0; i < k; i++) n += d.counts[i];
      frame.setAlt(k ? fmt(s.histAlt, { title: d.title ?? s.preActivation, n: num(n), k, lo: num(d.edges[0]), hi: num(d.edges[k]),
        saturated: pct(d.shareSaturated), dead: pct(d.shareDead), fn }) : s.histEmpty);
    },
    restyle: () => frame.restyle(),
    destroy: () => frame.destroy(),
  };
}
