// Canvas drawing for the training view: the output heatmap with the data on top, and one small
// tile per hidden neuron. Colours follow TF Playground's convention: orange negative/0, blue positive/1.

const ORANGE = [245, 147, 34];
const BLUE = [8, 119, 189];
const WHITE = [232, 234, 235];
const CLASS_COLOURS = [[8, 119, 189], [245, 147, 34], [34, 160, 90], [200, 60, 70], [140, 90, 190], [120, 120, 120],
  [220, 180, 30], [30, 190, 200], [230, 110, 180], [90, 60, 30]];

/** Colour for t in [−1, 1]: orange → white → blue. */
function diverging(t) {
  const c = Math.max(-1, Math.min(1, t));
  const [a, b] = c < 0 ? [ORANGE, WHITE] : [WHITE, BLUE];
  const u = c < 0 ? c + 1 : c;
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** Paints an n×n grid of values (image order) scaled to the canvas, through `colour(v) → [r, g, b]`. */
function paintGrid(canvas, values, n, colour) {
  paintIndexed(canvas, n, (i) => colour(values[i]));
}

/**
 * The network's output over the box: the probability of class 1 (two classes), the value in [−1, 1]
 * (regression), or for several classes the winning class's colour by its probability.
 * `discretize` shows only the decision (class, or the sign of a regression output).
 */
export function drawOutput(canvas, grid, task, { discretize = false } = {}) {
  const wash = (c) => c.map((v, i) => v + (WHITE[i] - v) * 0.35);  // towards white so the points stay visible
  if (task === 'multiclass') {
    const { classIndex, confidence } = grid;
    const colours = CLASS_COLOURS;
    paintIndexed(canvas, grid.n, (i) => {
      const c = colours[classIndex[i] % colours.length];
      const a = discretize ? 1 : Math.max(0, Math.min(1, (confidence[i] - 0.3) / 0.7));
      return wash([WHITE[0] + (c[0] - WHITE[0]) * a, WHITE[1] + (c[1] - WHITE[1]) * a, WHITE[2] + (c[2] - WHITE[2]) * a]);
    });
    return;
  }
  const t = task === 'classification' ? (v) => 2 * v - 1 : (v) => v;
  const out = grid.output;
  paintIndexed(canvas, grid.n, (i) => {
    const v = t(out[i]);
    return wash(diverging(discretize ? Math.sign(v) : v));
  });
}

function paintIndexed(canvas, n, colourAt) {
  const img = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = colourAt(i);
    img.data[4 * i] = r;
    img.data[4 * i + 1] = g;
    img.data[4 * i + 2] = b;
    img.data[4 * i + 3] = 255;
  }
  blit(canvas, img, n);
}

function blit(canvas, img, n) {
  const off = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(n, n) : Object.assign(document.createElement('canvas'), { width: n, height: n });
  off.getContext('2d').putImageData(img, 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}

/** The data: training points filled with a white ring; test points (when shown) with a dark ring. */
export function drawPoints(canvas, box, points, task, { showTest = true } = {}) {
  const ctx = canvas.getContext('2d');
  const [x0, x1, y0, y1] = box;
  const w = canvas.width, h = canvas.height;
  const n = showTest ? points.y.length : points.nTrain;
  for (let i = 0; i < n; i++) {
    const px = ((points.X[2 * i] - x0) / (x1 - x0)) * w;
    const py = ((y1 - points.X[2 * i + 1]) / (y1 - y0)) * h;
    const v = points.y[i];
    const c = task === 'multiclass' ? CLASS_COLOURS[v % CLASS_COLOURS.length] : task === 'classification' ? (v > 0.5 ? BLUE : ORANGE) : diverging(v);
    ctx.beginPath();
    ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${c.map(Math.round).join(',')})`;
    ctx.fill();
    ctx.lineWidth = i < points.nTrain ? 1 : 1.6;
    ctx.strokeStyle = i < points.nTrain ? 'rgba(255,255,255,0.9)' : 'rgba(20,20,20,0.9)';
    ctx.stroke();
  }
}

/** One hidden neuron: its n×n plane of the module's grid values, scaled by its own largest magnitude. */
export function drawNeuron(canvas, values, n, index) {
  const plane = values.subarray(index * n * n, (index + 1) * n * n);
  let max = 1e-6;
  for (let i = 0; i < plane.length; i++) max = Math.max(max, Math.abs(plane[i]));
  const scaled = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) scaled[i] = plane[i] / max;
  paintGrid(canvas, scaled, n, diverging);
}
