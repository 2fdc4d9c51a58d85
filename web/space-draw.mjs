// Canvas drawing for the "space bent by the layers" view: the grid lines and data points of one stage,
// or between two stages (positions interpolated linearly), in a square view that keeps one scale on
// both axes, and in the last hidden layer's space the output's decision line with its two half-planes.
// Every coordinate comes from the worker's snapshot (web/space-run.mjs); only the camera is computed here.

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

/** Colours read from the page's custom properties (light or dark). */
export function themeOf(el) {
  const cs = getComputedStyle(el);
  const v = (name, fallback) => cs.getPropertyValue(name).trim() || fallback;
  return { fg: v('--ap-fg', '#111827'), muted: v('--ap-muted', '#4b5563'), panel: v('--ap-panel', '#ffffff'), grid: v('--ap-grid', '#e5e7eb'), pos: v('--ap-pos', '#0877bd'), neg: v('--ap-neg', '#f59322') };
}

/**
 * Draws one picture.
 * @param {HTMLCanvasElement} canvas sized in device pixels
 * @param {{ space: object, xy: Float32Array, frame: number[], labels: { y: Float32Array }, lineAlpha: number,
 *   axes: [string, string], theme: object }} p `labels.y`: the data's classes (0/1); `lineAlpha`: how far the
 *   decision line has faded in (it belongs to the last stage)
 */
export function drawSpace(canvas, { space, xy, frame, labels, lineAlpha, axes, theme }) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height;
  const dpr = W / Math.max(1, canvas.clientWidth || W);
  const [cx, cy, half] = frame;
  const scale = Math.min(W, H) / (2 * half);
  const px = (x) => W / 2 + (x - cx) * scale;
  const py = (y) => H / 2 - (y - cy) * scale;
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = theme.panel;
  ctx.fillRect(0, 0, W, H);

  const line = space.line;
  if (line && line.exact && lineAlpha > 0) drawHalfPlanes(ctx, line, { W, H, px, py, cx, cy, half, scale, alpha: lineAlpha, theme, dpr });

  // Axes through the origin of the current space, and their names.
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = dpr;
  ctx.beginPath();
  ctx.moveTo(px(0), 0); ctx.lineTo(px(0), H);
  ctx.moveTo(0, py(0)); ctx.lineTo(W, py(0));
  ctx.stroke();
  ctx.globalAlpha = 1;

  // Grid lines: the middle line of each family (x1 = 0 and x2 = 0 of the input plane) drawn stronger.
  const { lines, samples, nGrid } = space;
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

  // Data: training points filled with a ring of the panel colour, test points smaller and hollow.
  const r = 3.4 * dpr;
  for (let i = space.nData - 1; i >= 0; i--) {
    const k = nGrid + i;
    const colour = labels.y[i] > 0.5 ? theme.pos : theme.neg;
    ctx.beginPath();
    const train = i < space.nTrain;
    ctx.arc(px(xy[2 * k]), py(xy[2 * k + 1]), train ? r : r * 0.8, 0, 2 * Math.PI);
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

  if (line && line.exact && lineAlpha > 0) drawLine(ctx, line, { W, H, px, py, cx, cy, half, alpha: lineAlpha, theme, dpr });

  ctx.font = `${12 * dpr}px system-ui, sans-serif`;
  label(ctx, axes[0], W - 6 * dpr, H - 6 * dpr, 'right', 'bottom', theme, dpr);
  label(ctx, axes[1], 6 * dpr, 6 * dpr, 'left', 'top', theme, dpr);
}

/** An axis name on a translucent panel-coloured patch, readable over points and lines. */
function label(ctx, text, x, y, align, baseline, theme, dpr) {
  const w = ctx.measureText(text).width, h = 16 * dpr, pad = 4 * dpr;
  const left = align === 'right' ? x - w - pad : x - pad, top = baseline === 'bottom' ? y - h + 2 * dpr : y - 2 * dpr;
  ctx.globalAlpha = 0.85;
  ctx.fillStyle = theme.panel;
  ctx.fillRect(left, top, w + 2 * pad, h);
  ctx.globalAlpha = 1;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = align;
  ctx.textBaseline = baseline;
  ctx.fillText(text, x, y);
}

/** The two ends of w·h + b = 0 far outside the view (null if w is zero). */
function lineEnds(line, cx, cy, half) {
  const [wa, wb] = line.w;
  const norm = Math.hypot(wa, wb);
  if (!(norm > 0)) return null;
  // The point of the line nearest the view's centre, and the line's direction.
  const d = (wa * cx + wb * cy + line.b) / (norm * norm);
  const ox = cx - wa * d, oy = cy - wb * d;
  const ux = -wb / norm, uy = wa / norm, L = 4 * half;
  return { a: [ox - ux * L, oy - uy * L], b: [ox + ux * L, oy + uy * L], n: [wa / norm, wb / norm] };
}

function drawHalfPlanes(ctx, line, { px, py, cx, cy, half, alpha, theme }) {
  const e = lineEnds(line, cx, cy, half);
  if (!e) return;
  const L = 4 * half;
  for (const [sign, colour] of [[1, theme.pos], [-1, theme.neg]]) {
    const [nx, ny] = [e.n[0] * sign * L, e.n[1] * sign * L];
    ctx.beginPath();
    ctx.moveTo(px(e.a[0]), py(e.a[1]));
    ctx.lineTo(px(e.b[0]), py(e.b[1]));
    ctx.lineTo(px(e.b[0] + nx), py(e.b[1] + ny));
    ctx.lineTo(px(e.a[0] + nx), py(e.a[1] + ny));
    ctx.closePath();
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.13 * alpha;
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

function drawLine(ctx, line, { px, py, cx, cy, half, alpha, theme, dpr }) {
  const e = lineEnds(line, cx, cy, half);
  if (!e) return;
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = theme.fg;
  ctx.lineWidth = 2.5 * dpr;
  ctx.setLineDash([10 * dpr, 6 * dpr]);
  ctx.beginPath();
  ctx.moveTo(px(e.a[0]), py(e.a[1]));
  ctx.lineTo(px(e.b[0]), py(e.b[1]));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}
