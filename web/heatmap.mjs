// Canvas drawing for the training view: the output heatmap with the data on top, and one small
// tile per hidden neuron. Colours follow TF Playground's convention: orange negative/0, blue positive/1.

const ORANGE = [245, 147, 34];
const BLUE = [8, 119, 189];
const WHITE = [232, 234, 235];
/** Class i's colour (RGB) when there are several classes; the space view uses them too. */
export const CLASS_COLOURS = [[8, 119, 189], [245, 147, 34], [34, 160, 90], [200, 60, 70], [140, 90, 190], [120, 120, 120],
  [220, 180, 30], [30, 190, 200], [230, 110, 180], [90, 60, 30]];

/** Colour for t in [−1, 1]: orange → white → blue. */
function diverging(t) {
  const c = Math.max(-1, Math.min(1, t));
  const [a, b] = c < 0 ? [ORANGE, WHITE] : [WHITE, BLUE];
  const u = c < 0 ? c + 1 : c;
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** Paints an n×n grid of values in [−1, 1] (image order) scaled to the canvas, orange → white → blue. */
function paintGrid(canvas, values, n) {
  const img = new ImageData(n, n);
  const d = img.data;
  for (let i = 0; i < n * n; i++) {
    const j = 3 * lutIndex(values[i]);
    d[4 * i] = PLAIN[j];
    d[4 * i + 1] = PLAIN[j + 1];
    d[4 * i + 2] = PLAIN[j + 2];
    d[4 * i + 3] = 255;
  }
  blit(canvas, img, n);
}

/** Colours of the two-class and regression washes: v in [−1, 1] quantised to LUT_SIZE steps, as packed RGB. */
const LUT_SIZE = 512;
const lut = (colourOf) => {
  const table = new Uint8ClampedArray(3 * LUT_SIZE);
  for (let k = 0; k < LUT_SIZE; k++) table.set(colourOf(-1 + (2 * k) / (LUT_SIZE - 1)).map(Math.round), 3 * k);
  return table;
};
const wash = (c) => c.map((v, i) => v + (WHITE[i] - v) * 0.35);  // towards white so the points stay visible
const WASHED = lut((t) => wash(diverging(t)));
const PLAIN = lut(diverging);
const lutIndex = (t) => Math.round(((Math.max(-1, Math.min(1, t)) + 1) * (LUT_SIZE - 1)) / 2) || 0;

/**
 * The network's output over the box: the probability of class 1 (two classes), the value in [−1, 1]
 * (regression), or for several classes the winning class's colour by its probability.
 * `discretize` shows only the decision (class, or the sign of a regression output).
 */
export function drawOutput(canvas, grid, task, { discretize = false } = {}) {
  const n = grid.n;
  const img = new ImageData(n, n);
  const d = img.data;
  if (task === 'multiclass') {
    const { classIndex, confidence } = grid;
    for (let i = 0; i < n * n; i++) {
      const c = CLASS_COLOURS[classIndex[i] % CLASS_COLOURS.length];
      const a = discretize ? 1 : Math.max(0, Math.min(1, (confidence[i] - 0.3) / 0.7));
      for (let k = 0; k < 3; k++) {
        const v = WHITE[k] + (c[k] - WHITE[k]) * a;
        d[4 * i + k] = v + (WHITE[k] - v) * 0.35;
      }
      d[4 * i + 3] = 255;
    }
  } else {
    const out = grid.output;
    const two = task === 'classification';
    for (let i = 0; i < n * n; i++) {
      const v = two ? 2 * out[i] - 1 : out[i];
      const j = 3 * lutIndex(discretize ? Math.sign(v) : v);
      d[4 * i] = WASHED[j];
      d[4 * i + 1] = WASHED[j + 1];
      d[4 * i + 2] = WASHED[j + 2];
      d[4 * i + 3] = 255;
    }
  }
  blit(canvas, img, n);
}

const scratch = new Map();  // n → a 2-D context of an n×n canvas, reused: creating one per draw cost more than the draw

function blit(canvas, img, n) {
  if (!scratch.has(n)) {
    const off = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(n, n) : Object.assign(document.createElement('canvas'), { width: n, height: n });
    scratch.set(n, off.getContext('2d'));
  }
  const small = scratch.get(n);
  small.putImageData(img, 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small.canvas, 0, 0, canvas.width, canvas.height);
}

/**
 * The data: training points filled with a white ring; test points (when shown) with a dark ring.
 * Points of one colour and ring are one path (one fill, one stroke), not one each.
 */
export function drawPoints(canvas, box, points, task, { showTest = true } = {}) {
  const ctx = canvas.getContext('2d');
  const [x0, x1, y0, y1] = box;
  const w = canvas.width, h = canvas.height;
  const n = showTest ? points.y.length : points.nTrain;
  const groups = new Map();  // `${colour}|${test}` → point indices
  for (let i = 0; i < n; i++) {
    const v = points.y[i];
    const colour = task === 'multiclass' ? `c${v % CLASS_COLOURS.length}` : task === 'classification' ? (v > 0.5 ? 'blue' : 'orange') : `r${lutIndex(v)}`;
    const key = `${colour}|${i < points.nTrain ? 0 : 1}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  }
  for (const [key, members] of groups) {
    const [colour, test] = key.split('|');
    const c = colour === 'blue' ? BLUE : colour === 'orange' ? ORANGE : colour[0] === 'c' ? CLASS_COLOURS[Number(colour.slice(1))]
      : [...PLAIN.subarray(3 * Number(colour.slice(1)), 3 * Number(colour.slice(1)) + 3)];
    ctx.beginPath();
    for (const i of members) {
      const px = ((points.X[2 * i] - x0) / (x1 - x0)) * w;
      const py = ((y1 - points.X[2 * i + 1]) / (y1 - y0)) * h;
      ctx.moveTo(px + 3.2, py);
      ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
    }
    ctx.fillStyle = `rgb(${c.map(Math.round).join(',')})`;
    ctx.fill();
    ctx.lineWidth = test === '0' ? 1 : 1.6;
    ctx.strokeStyle = test === '0' ? 'rgba(255,255,255,0.9)' : 'rgba(20,20,20,0.9)';
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
  paintGrid(canvas, scaled, n);
}
