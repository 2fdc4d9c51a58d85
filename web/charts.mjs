// A small canvas line chart for columnar data: xs plus one Float32Array per series.
// Axes with "nice" ticks, grid, legend, and a hover crosshair that reads out every series.

const DEFAULTS = {
  padding: { left: 48, right: 16, top: 28, bottom: 32 },
  font: '12px system-ui, sans-serif',
  grid: '#e5e7eb',
  axis: '#374151',
  text: '#374151',
  background: '#ffffff',
};

/** Tick values covering [lo, hi] with a 1/2/5 step, about `count` of them. */
export function niceTicks(lo, hi, count = 6) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

function formatTick(v) {
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(0) : String(+v.toFixed(4));
}

export class LineChart {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas, options = {}) {
    this.canvas = canvas;
    this.opts = { ...DEFAULTS, ...options };
    this.data = null;
    this.hoverX = null;
    canvas.addEventListener('pointermove', (e) => {
      const r = canvas.getBoundingClientRect();
      this.hoverX = e.clientX - r.left;
      this.draw();
    });
    canvas.addEventListener('pointerleave', () => {
      this.hoverX = null;
      this.draw();
    });
    this.resizeObserver = new ResizeObserver(() => this.draw());
    this.resizeObserver.observe(canvas);
  }

  /**
   * @param {{xs: Float32Array, series: {label: string, ys: Float32Array, color: string, dash?: number[]}[],
   *          xRange: [number, number], title?: string}} data
   */
  setData(data) {
    this.data = data;
    this.draw();
  }

  /** y range over finite values, padded, always including 0. */
  yRange() {
    let lo = 0, hi = 0;
    for (const s of this.data.series) {
      for (const v of s.ys) {
        if (Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    if (hi - lo < 1e-6) hi = lo + 1;
    const pad = (hi - lo) * 0.08;
    return [lo - pad, hi + pad];
  }

  draw() {
    const { canvas, opts, data } = this;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = opts.background;
    ctx.fillRect(0, 0, w, h);
    if (!data) return;

    const p = opts.padding;
    const [x0, x1] = data.xRange;
    const [y0, y1] = this.yRange();
    const px = (x) => p.left + ((x - x0) / (x1 - x0)) * (w - p.left - p.right);
    const py = (y) => h - p.bottom - ((y - y0) / (y1 - y0)) * (h - p.top - p.bottom);
    ctx.font = opts.font;

    // grid and tick labels
    ctx.strokeStyle = opts.grid;
    ctx.fillStyle = opts.text;
    ctx.lineWidth = 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of niceTicks(x0, x1, Math.max(2, Math.floor(w / 70)))) {
      ctx.beginPath();
      ctx.moveTo(px(t), p.top);
      ctx.lineTo(px(t), h - p.bottom);
      ctx.stroke();
      ctx.fillText(formatTick(t), px(t), h - p.bottom + 6);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of niceTicks(y0, y1, Math.max(2, Math.floor(h / 50)))) {
      ctx.beginPath();
      ctx.moveTo(p.left, py(t));
      ctx.lineTo(w - p.right, py(t));
      ctx.stroke();
      ctx.fillText(formatTick(t), p.left - 6, py(t));
    }
    // axes through the origin
    ctx.strokeStyle = opts.axis;
    ctx.beginPath();
    ctx.moveTo(p.left, py(0));
    ctx.lineTo(w - p.right, py(0));
    if (x0 <= 0 && x1 >= 0) {
      ctx.moveTo(px(0), p.top);
      ctx.lineTo(px(0), h - p.bottom);
    }
    ctx.stroke();

    // series: gaps at non-finite values
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.left, p.top, w - p.left - p.right, h - p.top - p.bottom);
    ctx.clip();
    for (const s of data.series) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2.25;
      ctx.setLineDash(s.dash ?? []);
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < data.xs.length; i++) {
        const v = s.ys[i];
        if (!Number.isFinite(v)) {
          pen = false;
          continue;
        }
        if (pen) ctx.lineTo(px(data.xs[i]), py(v));
        else ctx.moveTo(px(data.xs[i]), py(v));
        pen = true;
      }
      ctx.stroke();
    }
    ctx.restore();
    ctx.setLineDash([]);

    // legend
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    let lx = p.left + 8;
    for (const s of data.series) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2.25;
      ctx.setLineDash(s.dash ?? []);
      ctx.beginPath();
      ctx.moveTo(lx, p.top / 2);
      ctx.lineTo(lx + 22, p.top / 2);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = opts.text;
      ctx.fillText(s.label, lx + 28, p.top / 2);
      lx += 40 + ctx.measureText(s.label).width;
    }

    // hover read-out
    if (this.hoverX !== null && this.hoverX >= p.left && this.hoverX <= w - p.right) {
      const x = x0 + ((this.hoverX - p.left) / (w - p.left - p.right)) * (x1 - x0);
      let i = 0;
      let best = Infinity;
      for (let k = 0; k < data.xs.length; k++) {
        const d = Math.abs(data.xs[k] - x);
        if (d < best) [best, i] = [d, k];
      }
      ctx.strokeStyle = '#9ca3af';
      ctx.beginPath();
      ctx.moveTo(px(data.xs[i]), p.top);
      ctx.lineTo(px(data.xs[i]), h - p.bottom);
      ctx.stroke();
      const lines = [`x = ${data.xs[i].toFixed(3)}`, ...data.series.map((s) => `${s.label} = ${Number(s.ys[i]).toPrecision(5)}`)];
      const bw = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 12;
      const bx = Math.min(px(data.xs[i]) + 8, w - p.right - bw);
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fillRect(bx, p.top + 4, bw, lines.length * 16 + 6);
      ctx.strokeRect(bx, p.top + 4, bw, lines.length * 16 + 6);
      ctx.fillStyle = opts.text;
      lines.forEach((l, k) => ctx.fillText(l, bx + 6, p.top + 14 + k * 16));
      for (const s of data.series) {
        if (!Number.isFinite(s.ys[i])) continue;
        ctx.fillStyle = s.color;
        ctx.beginPath();
        ctx.arc(px(data.xs[i]), py(s.ys[i]), 3.5, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
}
