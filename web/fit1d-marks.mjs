// What the 1-D fit's chart (web/fit1d-chart.mjs) draws over uPlot's curves, in canvas pixels: the
// target points (on top of the output, ringed), the units' hinge or centre ticks (stacked where they
// crowd), arrows where a unit's curve leaves the plot, and the highlighted unit's centre, at its x or
// as an arrow at the plot's edge when it lies off the interval. It draws only what the snapshot holds.
import { FIT1D_RANGE } from './fit1d-targets.mjs';
import { num, uPlot, withAlpha } from './plot-frame.mjs';
import { STRINGS, fmt } from './strings.mjs';

const TICK_H = 7;     // css px: one row of ticks
const TICK_GAP = 4;   // css px: a tick closer than this to the last one in its row goes a row up
const TICK_ROWS = 4;
const ARROW = 4.5;    // css px: half the width of an exit arrow

/** An x on the chart for people: to 0.01 (never −0.00), in exponent form from 1000 on. */
export const formatX = (x) => (Math.abs(x) < 1000 ? (Math.round(x * 100) / 100).toFixed(2) : num(x, 3));

/** Whether a unit's hinge or centre lies on the plotted interval. */
export const onPlot = (c) => c >= FIT1D_RANGE[0] && c <= FIT1D_RANGE[1];

/** The target points, drawn after the curves so the output never hides them: rings the output shows through. */
export function drawPoints(u, ctx, theme, points) {
  if (!points?.X.length) return;
  const px = uPlot.pxRatio;
  ctx.strokeStyle = withAlpha(theme.fg, 0.85);
  ctx.lineWidth = 1.3 * px;
  for (let i = 0; i < points.X.length; i++) {
    ctx.beginPath();
    ctx.arc(u.valToPos(points.X[i], 'x', true), u.valToPos(points.y[i], 'y', true), 2.6 * px, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/**
 * Every live unit's hinge or centre on the interval, as a tick on the x axis. Ticks closer than
 * TICK_GAP go up a row so crowded ones can be counted; the highlighted unit's tick is drawn last,
 * taller and haloed, and the others fade.
 */
export function drawTicks(u, ctx, bbox, theme, fit, highlighted) {
  const px = uPlot.pxRatio;
  const bottom = bbox.top + bbox.height;
  const ticks = [];
  for (let j = 0; j < fit.centre.length; j++) {
    if (!fit.dead[j] && onPlot(fit.centre[j])) ticks.push({ j, x: u.valToPos(fit.centre[j], 'x', true) });
  }
  ticks.sort((a, b) => a.x - b.x);
  const rowEnds = [];
  for (const t of ticks) {
    let row = rowEnds.findIndex((end) => t.x - end >= TICK_GAP * px);
    if (row < 0) row = rowEnds.length < TICK_ROWS ? rowEnds.length : rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = t.x;
    t.row = row;
  }
  const mine = ticks.find((t) => t.j === highlighted);
  const dim = Boolean(mine);
  ctx.strokeStyle = dim ? withAlpha(theme.series[1], 0.4) : theme.series[1];
  ctx.lineWidth = 2 * px;
  for (const t of ticks) {
    const y0 = bottom - t.row * (TICK_H + 1) * px;
    ctx.beginPath();
    ctx.moveTo(t.x, y0);
    ctx.lineTo(t.x, y0 - TICK_H * px);
    ctx.stroke();
  }
  if (!mine) return;
  const top = bottom - (Math.max(1, rowEnds.length) * (TICK_H + 1) + 6) * px;
  for (const [colour, width] of [[theme.bg, 6], [theme.series[1], 3]]) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width * px;
    ctx.beginPath();
    ctx.moveTo(mine.x, bottom);
    ctx.lineTo(mine.x, top);
    ctx.stroke();
  }
}

/** A small triangle whose tip touches the plot's edge at (x, y), pointing out of the plot: up, down, left or right. */
function arrow(ctx, x, y, dir, size) {
  const [dx, dy] = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] }[dir];
  const back = 1.6 * size;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - dx * back + dy * size, y - dy * back + dx * size);
  ctx.lineTo(x - dx * back - dy * size, y - dy * back - dx * size);
  ctx.closePath();
  ctx.fill();
}

/**
 * Arrows where the curve (xs, ys) crosses the top or bottom of the plot, pointing the way it goes on;
 * a curve entirely outside gets one arrow where it comes nearest. A clipped piece so never reads as
 * a corner of its own. Returns how many arrows were drawn.
 */
export function drawExits(u, ctx, bbox, colour, xs, ys, strong = false) {
  const { min, max } = u.scales.y;
  const side = (y) => (y > max ? 1 : y < min ? -1 : 0);
  const size = (strong ? 1.5 : 1) * ARROW * uPlot.pxRatio;
  const at = (x, s) => arrow(ctx, u.valToPos(x, 'x', true), s > 0 ? bbox.top : bbox.top + bbox.height, s > 0 ? 'up' : 'down', size);
  ctx.fillStyle = colour;
  let drawn = 0, inside = false, nearest = 0, gap = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const s = side(ys[i]);
    inside ||= s === 0;
    const d = s > 0 ? ys[i] - max : min - ys[i];
    if (d < gap) [gap, nearest] = [d, i];
    const before = i ? side(ys[i - 1]) : s;
    if (s === before) continue;
    for (const edge of [before, s]) {
      if (!edge) continue;
      const y = edge > 0 ? max : min;
      const t = (y - ys[i - 1]) / (ys[i] - ys[i - 1]);
      at(xs[i - 1] + t * (xs[i] - xs[i - 1]), edge);
      drawn++;
    }
  }
  if (!inside && xs.length) {
    at(xs[nearest], side(ys[nearest]));
    drawn++;
  }
  return drawn;
}

/**
 * The highlighted unit's hinge or centre c: a dashed line and its x at the top when it lies on the
 * interval, else an arrow at the plot's edge on its side with "x = …, off the plot". Returns the
 * label drawn ('' for no centre, w = 0).
 */
export function drawCentre(u, ctx, bbox, colour, bg, c) {
  if (!Number.isFinite(c)) return '';
  const px = uPlot.pxRatio;
  const bottom = bbox.top + bbox.height, right = bbox.left + bbox.width;
  const off = !onPlot(c);
  const label = off ? fmt(STRINGS.fit1d.offPlotMark, { at: formatX(c) }) : `x = ${formatX(c)}`;
  ctx.font = `${12 * px}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const w = ctx.measureText(label).width;
  let lx;
  ctx.fillStyle = colour;
  ctx.strokeStyle = colour;
  if (off) {
    const left = c < FIT1D_RANGE[0];
    arrow(ctx, left ? bbox.left : right, bottom - 12 * px, left ? 'left' : 'right', 7 * px);
    arrow(ctx, left ? bbox.left : right, bbox.top + 10 * px, left ? 'left' : 'right', 6 * px);
    lx = left ? bbox.left + 18 * px : right - w - 20 * px;
  } else {
    const x = u.valToPos(c, 'x', true);
    ctx.setLineDash([5 * px, 4 * px]);
    ctx.lineWidth = 1.5 * px;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    lx = Math.max(bbox.left + 3 * px, Math.min(x + 5 * px, right - w - 6 * px));
  }
  ctx.fillStyle = withAlpha(bg, 0.88);
  ctx.fillRect(lx - 3 * px, bbox.top + 2 * px, w + 6 * px, 16 * px);
  ctx.fillStyle = colour;
  ctx.fillText(label, lx, bbox.top + 14 * px);
  return label;
}
