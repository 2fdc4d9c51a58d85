// The worker's part of the "space bent by the layers" view: the input plane's grid lines and the data
// points carried through the network, one 2-D picture per stage (the input plane; per hidden layer,
// after its Linear map and after its activation), read from model.intermediates — the core's own
// forward pass, never recomputed here. The grid lines run along every STRIDE-th row and column of an
// ap.grid of GRID_N × GRID_N points over the box, so each of their points is also a point of ap.grid
// (tests/node/space.test.mjs compares the two).

export const LINES = 15;
export const STRIDE = 3;
/** Samples along each grid line: the grid lines are rows and columns of an ap.grid of this size. */
export const GRID_N = STRIDE * (LINES - 1) + 1;

/**
 * The grid lines' points: first LINES lines of constant x1 (grid columns 0, STRIDE, …), each sampled
 * top to bottom, then LINES lines of constant x2 (grid rows), each sampled left to right.
 * @param {Float32Array} points ap.grid's `points` for an n = GRID_N grid (its x plane, then its y plane)
 * @returns {{ X: Float32Array, cells: Int32Array }} X as rows (x1, x2), the core's own grid points;
 *   cells: each point's index in ap.grid's image order (row · GRID_N + column, row 0 at the top)
 */
export function gridLinePoints(points) {
  const n = GRID_N, n2 = n * n;
  const X = new Float32Array(2 * LINES * n * 2), cells = new Int32Array(2 * LINES * n);
  let k = 0;
  const put = (r, c) => {
    const cell = r * n + c;
    X[2 * k] = points[cell];
    X[2 * k + 1] = points[n2 + cell];
    cells[k++] = cell;
  };
  for (let l = 0; l < LINES; l++) for (let r = 0; r < n; r++) put(r, l * STRIDE);
  for (let l = 0; l < LINES; l++) for (let c = 0; c < n; c++) put(l * STRIDE, c);
  return { X, cells };
}

/** Columns a and b of a row-major [rows, width] block, interleaved as (a, b) pairs. */
function columns(values, width, [a, b], from, rows) {
  const xy = new Float32Array(2 * rows);
  for (let r = 0; r < rows; r++) {
    xy[2 * r] = values[(from + r) * width + a];
    xy[2 * r + 1] = values[(from + r) * width + b];
  }
  return xy;
}

/** The pair of units shown for each hidden layer (0-based), [0, 1] where none is asked for or it does not fit. */
export function pairsFor(widths, asked = []) {
  return widths.map((w, l) => {
    const p = asked[l];
    return p && p[0] < w && p[1] < w && p[0] !== p[1] ? [p[0], p[1]] : [0, 1];
  });
}

/**
 * Adds the `space` part to a TrainingRun's snapshot message: per stage the grid lines' and the data
 * points' 2-D coordinates (Float32Arrays, transferable), and in the last hidden layer's pair of units
 * the output layer's decision line (one or two logits) or its K classes' scores (`regions`: w as
 * [w_i(a), w_i(b)] per class, b per class), with the data's logits.
 * @param {import('./run.mjs').TrainingRun} run a run configured with `cfg.space = { pairs: [[a, b], …] }`
 * @param {object} msg the snapshot message (gets `space`)
 * @param {Transferable[]} transfer gets the new arrays' buffers
 */
export function addSpace(run, msg, transfer) {
  const { ap, model, cfg } = run;
  if (!run.spaceInputs) {
    // Where ap.grid samples a GRID_N × GRID_N grid over the box (the core's points, so each grid-line
    // point is one of them), evaluated once per run.
    const grid = gridLinePoints(ap.grid(model, { n: GRID_N, box: cfg.box, features: run.features }).points);
    const nGrid = grid.X.length / 2, nData = run.points.y.length;
    const gridFeatures = ap.datasets.features(grid.X, run.features);
    const k = run.features.length;
    const inputs = new Float32Array((nGrid + nData) * k);
    inputs.set(gridFeatures);
    inputs.set(run.inputs, nGrid * k);
    const plane = new Float32Array(2 * (nGrid + nData));
    plane.set(grid.X);
    plane.set(run.points.X, 2 * nGrid);
    run.spaceInputs = { inputs, plane, nGrid, nData };
  }
  const { inputs, plane, nGrid, nData } = run.spaceInputs;
  const rows = nGrid + nData;
  const mods = model.modules;
  const lastLinear = mods.map((m) => m.kind).lastIndexOf('linear');
  const widths = mods.filter((m, i) => m.kind === 'linear' && i < lastLinear).map((m) => m.out);
  const pairs = pairsFor(widths, cfg.space?.pairs);
  const outs = model.intermediates(inputs);
  const stages = [{ kind: 'input', layer: 0, module: -1, width: 2, units: [0, 1], xy: plane.slice() }];
  let layer = -1;
  for (let i = 0; i < lastLinear; i++) {
    const m = mods[i];
    if (m.kind === 'linear') layer++;
    const o = outs[i];
    stages.push({
      kind: m.kind, fn: m.kind === 'activation' ? m.name : null, layer: layer + 1, module: i, width: o.width,
      units: pairs[layer], xy: columns(o.values, o.width, pairs[layer], 0, rows),
    });
  }
  const out = mods[lastLinear];
  const sd = model.state_dict();
  const W = sd[`${lastLinear}.weight`], bias = sd[`${lastLinear}.bias`] ?? new Float32Array(out.out);
  const z = outs[lastLinear];
  const row = (r) => W.subarray(r * out.in, (r + 1) * out.in);
  const [a, c] = pairs.at(-1);
  let line = null, regions = null, logits = null;
  if (out.out <= 2 && widths.length) {
    // One logit: w·h + b. Two logits (a two-class softmax): class 1 wins where (w₁ − w₀)·h + b₁ − b₀ > 0.
    const w = out.out === 1 ? row(0) : row(1).map((v, j) => v - row(0)[j]);
    const b = out.out === 1 ? bias[0] : bias[1] - bias[0];
    line = { w: [w[a], w[c]], b, exact: out.in === 2 };
    logits = new Float32Array(nData);
    for (let r = 0; r < nData; r++) {
      const v = z.values.subarray((nGrid + r) * out.out, (nGrid + r + 1) * out.out);
      logits[r] = out.out === 1 ? v[0] : v[1] - v[0];
    }
  } else if (widths.length) {
    // K logits: class i wins where its score w_i·h + b_i is largest (web/space-regions.mjs draws the regions).
    regions = { w: Array.from({ length: out.out }, (_, i) => [row(i)[a], row(i)[c]]), b: Array.from(bias), exact: out.in === 2 };
    logits = z.values.slice(nGrid * out.out, (nGrid + nData) * out.out);
  }
  if (logits) transfer.push(logits.buffer);
  msg.space = { box: cfg.box, lines: LINES, samples: GRID_N, nGrid, nData, nTrain: run.nTrain, stages, line, regions, logits };
  transfer.push(...stages.map((s) => s.xy.buffer));
}
