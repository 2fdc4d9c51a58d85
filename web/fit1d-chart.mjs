// The 1-D fit's chart: the target points, the network's output (thick) and every hidden unit's
// contribution (thin), on uPlot through PlotFrame. Units that add no shape are drawn grey; each live
// unit's hinge or centre (x = −b/w) is a tick on the x axis; the highlighted unit is drawn bold with
// its centre marked. Pointing at a thin curve highlights it (onHover); a click or tap adds a point
// (onAddPoint). It draws what the worker posted and computes nothing of the network.
import { FIT1D_RANGE } from './fit1d-targets.mjs';
import { PlotFrame, axis, num, uPlot, withAlpha } from './plot-frame.mjs';
import { STRINGS, fmt } from './strings.mjs';

const HOVER_PX = 10;

/** An x on the chart for people: to 0.01 (never −0.00), in exponent form from 1000 on. */
export const formatX = (x) => (Math.abs(x) < 1000 ? (Math.round(x * 100) / 100).toFixed(2) : num(x, 3));
const EMPTY = new Float64Array(0);

/**
 * @param {Element|ShadowRoot} container
 * @param {{ title?: string, height?: number, onHover?: (unit: number|null) => void,
 *   onAddPoint?: (x: number, y: number) => void }} [options] without onAddPoint clicks do nothing
 * @returns {{ update(d: { fit: object, points: { X: ArrayLike<number>, y: ArrayLike<number> } | null,
 *   activation: string, epoch: number, loss: number }): void, highlight(unit: number|null): void,
 *   root: HTMLElement, restyle(): void, destroy(): void }} `fit` is a Fit1dRun snapshot's `fit` part
 */
export function fit1dChart(container, { title, height, onHover, onAddPoint } = {}) {
  const s = STRINGS.fit1d;
  const frame = new PlotFrame(container, { kind: 'fit1d', height });
  // Taller than PlotFrame's default on narrow screens: the units' curves need the room.
  if (!height) frame.size = () => {
    const width = Math.max(160, Math.floor(frame.root.clientWidth));
    return { width, height: Math.round(Math.min(380, Math.max(260, width * 0.6))) };
  };
  frame.setTitle(title ?? s.chartTitle);
  let last = null;
  let units = -1;
  let highlighted = null;
  let yRange = [-1.5, 1.5];

  const unitColour = (theme, j) => (last?.fit.dead[j] ? withAlpha(theme.muted, 0.45) : withAlpha(theme.series[1], 0.6));
  frame.makeOpts = (theme) => ({
    scales: { x: { time: false, range: () => [...FIT1D_RANGE] }, y: { range: () => yRange } },
    axes: [axis(theme, s.x, { x: true }), axis(theme, s.y)],
    series: [{ label: s.x }, { label: s.output, stroke: theme.series[0], width: 3 },
      ...Array.from({ length: Math.max(0, units) }, (_, j) => ({ label: fmt(s.unitLabel, { j: j + 1 }), stroke: () => unitColour(theme, j), width: 1.25 }))],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
    legend: { show: false },
    hooks: {
      drawAxes: [(u) => drawPoints(u, theme)],
      draw: [(u) => drawUnits(u, theme)],
      setCursor: [(u) => hover(u)],
    },
  });
  frame.setTable(() => ({
    headers: [s.x, s.output, ...Array.from({ length: Math.max(0, units) }, (_, j) => fmt(s.unitLabel, { j: j + 1 }))],
    n: last?.fit.xs.length ?? 0,
    row: (i) => [last.fit.xs[i], last.fit.output[i], ...Array.from({ length: units }, (_, j) => last.fit.contributions[j * last.fit.xs.length + i])],
  }));
  frame.mount([EMPTY, EMPTY]);
  frame.setAlt(s.chartEmpty);
  frame.root.dataset.highlight = '';

  /** Canvas pixels inside the plot, with the drawing clipped to it. */
  function clipped(u, draw) {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    draw(ctx, bbox);
    ctx.restore();
  }

  function drawPoints(u, theme) {
    const p = last?.points;
    if (!p?.X.length) return;
    const r = 3.2 * uPlot.pxRatio;
    clipped(u, (ctx) => {
      ctx.fillStyle = withAlpha(theme.fg, 0.5);
      for (let i = 0; i < p.X.length; i++) {
        ctx.beginPath();
        ctx.arc(u.valToPos(p.X[i], 'x', true), u.valToPos(p.y[i], 'y', true), r, 0, 2 * Math.PI);
        ctx.fill();
      }
    });
  }

  function drawUnits(u, theme) {
    if (!last) return;
    const { fit } = last;
    const S = fit.xs.length;
    const px = uPlot.pxRatio;
    clipped(u, (ctx, bbox) => {
      const bottom = bbox.top + bbox.height;
      // Every live unit's hinge or centre, as a tick on the x axis.
      ctx.strokeStyle = theme.series[1];
      ctx.lineWidth = 2 * px;
      for (let j = 0; j < units; j++) {
        const c = fit.centre[j];
        if (fit.dead[j] || !(c >= FIT1D_RANGE[0] && c <= FIT1D_RANGE[1])) continue;
        const x = u.valToPos(c, 'x', true);
        ctx.beginPath();
        ctx.moveTo(x, bottom);
        ctx.lineTo(x, bottom - 7 * px);
        ctx.stroke();
      }
      const j = highlighted;
      if (j === null || j >= units) return;
      const colour = fit.dead[j] ? theme.muted : theme.series[1];
      ctx.strokeStyle = colour;
      ctx.lineWidth = 3.5 * px;
      ctx.beginPath();
      for (let i = 0; i < S; i++) {
        const x = u.valToPos(fit.xs[i], 'x', true), y = u.valToPos(fit.contributions[j * S + i], 'y', true);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      }
      ctx.stroke();
      const c = fit.centre[j];
      if (!(c >= FIT1D_RANGE[0] && c <= FIT1D_RANGE[1])) return;
      const x = u.valToPos(c, 'x', true);
      ctx.setLineDash([5 * px, 4 * px]);
      ctx.lineWidth = 1.5 * px;
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = `${12 * px}px system-ui, sans-serif`;
      const label = `x = ${formatX(c)}`;
      const w = ctx.measureText(label).width;
      const lx = Math.min(x + 5 * px, bbox.left + bbox.width - w - 6 * px);
      ctx.fillStyle = withAlpha(theme.bg, 0.85);
      ctx.fillRect(lx - 3 * px, bbox.top + 2 * px, w + 6 * px, 16 * px);
      ctx.fillStyle = colour;
      ctx.fillText(label, lx, bbox.top + 14 * px);
    });
  }

  /** The unit whose thin curve passes within HOVER_PX of the pointer, or null. */
  function hover(u) {
    if (!onHover || !last) return;
    const { left, top, idx } = u.cursor;
    if (left == null || left < 0 || idx == null) {
      onHover(null);
      return;
    }
    const S = last.fit.xs.length;
    let best = null, bestD = HOVER_PX;
    for (let j = 0; j < units; j++) {
      const d = Math.abs(u.valToPos(last.fit.contributions[j * S + idx], 'y') - top);
      if (d < bestD) [best, bestD] = [j, d];
    }
    onHover(best);
  }

  if (onAddPoint) {
    frame.root.classList.add('ap-plot-clickable');
    frame.body.addEventListener('click', (e) => {
      const u = frame.u;
      if (!u || !u.over.contains(e.target)) return;
      const r = u.over.getBoundingClientRect();
      onAddPoint(u.posToVal(e.clientX - r.left, 'x'), u.posToVal(e.clientY - r.top, 'y'));
    });
  }

  /** The y range: the targets' and the output's extent (at least [−1, 1]), padded. */
  function rangeOf(fit, points) {
    let lo = -1, hi = 1;
    const take = (v) => {
      if (!Number.isFinite(v)) return;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    };
    if (points) for (const v of points.y) take(v);
    for (const v of fit.output) take(Math.max(-10, Math.min(10, v)));
    const pad = 0.12 * (hi - lo);
    return [lo - pad, hi + pad];
  }

  return {
    update(d) {
      last = d;
      const { fit } = d;
      const H = fit.v.length, S = fit.xs.length;
      yRange = rangeOf(fit, d.points);
      const cols = [fit.xs, fit.output, ...Array.from({ length: H }, (_, j) => fit.contributions.subarray(j * S, (j + 1) * S))];
      if (H !== units) {
        units = H;
        frame.mount(cols);
      } else frame.setData(cols);
      const dead = fit.dead.reduce((a, b) => a + b, 0);
      frame.setAlt(fmt(s.chartAlt, { n: d.points?.X.length ?? 0, units: H, fn: d.activation, dead, loss: num(d.loss), epoch: d.epoch }));
    },
    /** Draws unit `unit` (0-based) bold with its centre marked; null: none. */
    highlight(unit) {
      if (unit === highlighted) return;
      highlighted = unit;
      frame.root.dataset.highlight = unit === null ? '' : String(unit + 1);
      frame.u?.redraw(false);
    },
    root: frame.root,
    restyle: () => frame.restyle(),
    destroy: () => frame.destroy(),
  };
}
