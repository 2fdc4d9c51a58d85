// The 1-D fit's chart: the target points, the network's output (thick) and every hidden unit's
// contribution (thin), on uPlot through PlotFrame; the marks over the curves (points, ticks, exit
// arrows, the highlighted unit's centre) come from fit1d-marks.mjs. Units that add no shape are grey.
// Pointing at a thin curve highlights it (onHover); a click or tap picks the nearest one (onPick), or,
// in add-points mode, adds a point (onAddPoint). It draws what the worker posted and computes nothing
// of the network.
import { FIT1D_RANGE } from './fit1d-targets.mjs';
import { drawCentre, drawExits, drawPoints, drawTicks } from './fit1d-marks.mjs';
import { PlotFrame, axis, num, uPlot, withAlpha } from './plot-frame.mjs';
import { STRINGS, fmt } from './strings.mjs';

const HOVER_PX = 10;  // a pointer this close to a curve highlights it
const TAP_PX = 24;    // a click or tap this close picks it (a fingertip is wide)
const EMPTY = new Float64Array(0);

/**
 * @param {Element|ShadowRoot} container
 * @param {{ title?: string, height?: number, onHover?: (unit: number|null) => void,
 *   onPick?: (unit: number|null) => void, onAddPoint?: (x: number, y: number) => void }} [options]
 *   clicks go to onAddPoint while setAddMode(true), else to onPick; without either they do nothing
 * @returns {{ update(d: { fit: object, points: { X: ArrayLike<number>, y: ArrayLike<number> } | null,
 *   activation: string, epoch: number, loss: number }): void, highlight(unit: number|null): void,
 *   setAddMode(on: boolean): void, root: HTMLElement, restyle(): void, destroy(): void }} `fit` is a
 *   Fit1dRun snapshot's `fit` part
 */
export function fit1dChart(container, { title, height, onHover, onPick, onAddPoint } = {}) {
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
  let addMode = false;
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
      draw: [(u) => drawMarks(u, theme)],
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
  frame.root.dataset.marker = '';

  const curve = (j) => last.fit.contributions.subarray(j * last.fit.xs.length, (j + 1) * last.fit.xs.length);

  /** Everything over uPlot's curves, clipped to the plot; the highlighted unit drawn bold, the points above it. */
  function drawMarks(u, theme) {
    if (!last) return;
    const { fit } = last;
    const { ctx, bbox } = u;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    drawTicks(u, ctx, bbox, theme, fit, highlighted);
    for (let j = 0; j < units; j++) if (j !== highlighted) drawExits(u, ctx, bbox, unitColour(theme, j), fit.xs, curve(j));
    const j = highlighted !== null && highlighted < units ? highlighted : null;
    const colour = j !== null && fit.dead[j] ? theme.muted : theme.series[1];
    if (j !== null) {
      const ys = curve(j);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 3.5 * uPlot.pxRatio;
      ctx.beginPath();
      for (let i = 0; i < ys.length; i++) {
        const x = u.valToPos(fit.xs[i], 'x', true), y = u.valToPos(ys[i], 'y', true);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      }
      ctx.stroke();
      drawExits(u, ctx, bbox, colour, fit.xs, ys, true);
    }
    drawPoints(u, ctx, theme, last.points);
    const marker = j === null ? '' : drawCentre(u, ctx, bbox, colour, theme.bg, fit.centre[j]);
    ctx.restore();
    if (frame.root.dataset.marker !== marker) frame.root.dataset.marker = marker;
  }

  /** The unit whose thin curve passes within `tol` css px of (left, top) in the plot, or null. */
  function nearest(u, left, top, tol) {
    const { xs } = last.fit;
    const S = xs.length;
    const i0 = Math.max(0, Math.floor(((u.posToVal(left - tol, 'x') - xs[0]) / (xs[S - 1] - xs[0])) * (S - 1)));
    const i1 = Math.min(S - 1, Math.ceil(((u.posToVal(left + tol, 'x') - xs[0]) / (xs[S - 1] - xs[0])) * (S - 1)));
    let best = null, bestD = tol;
    for (let j = 0; j < units; j++) {
      const ys = curve(j);
      let ax = u.valToPos(xs[i0], 'x'), ay = u.valToPos(ys[i0], 'y');
      for (let i = i0 + 1; i <= i1; i++) {
        const bx = u.valToPos(xs[i], 'x'), by = u.valToPos(ys[i], 'y');
        const d = segmentDistance(left, top, ax, ay, bx, by);
        if (d < bestD) [best, bestD] = [j, d];
        [ax, ay] = [bx, by];
      }
    }
    return best;
  }

  function hover(u) {
    if (!onHover || !last) return;
    const { left, top } = u.cursor;
    onHover(left == null || left < 0 ? null : nearest(u, left, top, HOVER_PX));
  }

  if (onPick || onAddPoint) {
    frame.body.addEventListener('click', (e) => {
      const u = frame.u;
      if (!u || !last || !u.over.contains(e.target)) return;
      const r = u.over.getBoundingClientRect();
      const left = e.clientX - r.left, top = e.clientY - r.top;
      if (addMode && onAddPoint) onAddPoint(u.posToVal(left, 'x'), u.posToVal(top, 'y'));
      else onPick?.(nearest(u, left, top, TAP_PX));
    });
  }

  /**
   * The y range: the targets' and the output's extent (at least [−1, 1]), widened for the units'
   * curves by at most half that extent each way, so the target keeps at least half the height and
   * a curve reaching further leaves the plot at an arrow (drawExits) rather than at a silent edge.
   */
  function rangeOf(fit, points) {
    let lo = -1, hi = 1;
    const take = (v) => {
      if (!Number.isFinite(v)) return;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    };
    if (points) for (const v of points.y) take(v);
    for (const v of fit.output) take(Math.max(-10, Math.min(10, v)));
    const reach = 0.5 * (hi - lo);
    let clo = lo, chi = hi;
    for (const v of fit.contributions) {
      if (v < clo) clo = v;
      else if (v > chi) chi = v;
    }
    [lo, hi] = [Math.max(clo, lo - reach), Math.min(chi, hi + reach)];
    const pad = 0.08 * (hi - lo);
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
    /** In add-points mode a click or tap adds a point (crosshair cursor); otherwise it picks a unit. */
    setAddMode(on) {
      addMode = on;
      frame.root.classList.toggle('ap-plot-clickable', on);
    },
    root: frame.root,
    restyle: () => frame.restyle(),
    destroy: () => frame.destroy(),
  };
}

/** The distance from (x, y) to the segment from (ax, ay) to (bx, by). */
function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}
