// The "space bent by the layers" view's numbers (web/space-run.mjs, posted by the worker's TrainingRun):
// every stage's coordinates are the hidden layers' outputs as the core computes them — checked against
// model.intermediates, against ap.grid over the same points, and for the first layer against an affine
// map from state_dict followed by ap.F — and the drawn decision line classifies the training points
// as the network does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';
import { TrainingRun } from '../../web/run.mjs';
import { GRID_N, LINES, STRIDE, gridLinePoints, pairsFor } from '../../web/space-run.mjs';
import { SPACE_KEYS, contextOf, readState } from '../../web/state.mjs';

const ap = await load();
const BOX = [-6, 6, -6, 6];

function run(values, epochs = 0) {
  const r = new TrainingRun(ap, { grid: 8, box: BOX, lite: true, ...values });
  if (epochs) assert.equal(r.trainSteps(epochs * r.stepsPerEpoch), '');
  return r;
}

const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('grid lines: 2 × LINES lines of GRID_N points along rows and columns of an ap.grid of GRID_N × GRID_N points', () => {
  const { X, cells } = gridLinePoints(BOX);
  assert.equal(cells.length, 2 * LINES * GRID_N);
  // The first line keeps x1 at the first column's centre and walks x2 downwards; the next family keeps x2.
  close(X[0], -6, 1e-6, 'first point x1');
  close(X[1], 6, 1e-6, 'first point x2');
  close(X[2 * (GRID_N - 1) + 1], -6, 1e-6, 'last point of the first line, x2');
  close(X[2 * GRID_N], -6 + (12 / (GRID_N - 1)) * STRIDE, 1e-6, 'the second line of constant x1');
  const h = LINES * GRID_N;
  close(X[2 * h + 3] - X[2 * h + 1], 0, 1e-6, 'a line of the second family keeps x2');
  assert.equal(new Set(cells).size, 2 * LINES * GRID_N - LINES * LINES);  // lines cross at LINES² points
});

test('every stage is the hidden layer output of model.intermediates and of ap.grid, for the chosen pair of units', () => {
  const r = run({ dataset: 'circle', hidden: '3,2', activation: 'tanh', lr: 0.1, space: { pairs: [[2, 0], [0, 1]] } }, 20);
  const { msg } = r.snapshot();
  const s = msg.space;
  assert.deepEqual(s.stages.map((st) => `${st.kind}${st.layer}`), ['input0', 'linear1', 'activation1', 'linear2', 'activation2']);
  assert.deepEqual(s.stages[1].units, [2, 0]);
  assert.equal(s.nGrid, 2 * LINES * GRID_N);
  assert.equal(s.nData, r.points.y.length);
  const inter = r.model.intermediates(r.inputs);
  const grid = ap.grid(r.model, { n: GRID_N, box: BOX, features: ['x1', 'x2'] });
  const { cells } = gridLinePoints(BOX);
  const n2 = GRID_N * GRID_N;
  for (const st of s.stages.slice(1)) {
    const [a, b] = st.units;
    const plane = grid.modules[st.module].values;
    for (let k = 0; k < s.nGrid; k += 7) {
      close(st.xy[2 * k], plane[a * n2 + cells[k]], 1e-5, `${st.kind} ${st.layer} grid point ${k}`);
      close(st.xy[2 * k + 1], plane[b * n2 + cells[k]], 1e-5, `${st.kind} ${st.layer} grid point ${k}`);
    }
    const v = inter[st.module].values;
    for (let i = 0; i < s.nData; i++) {
      assert.equal(st.xy[2 * (s.nGrid + i)], v[i * st.width + a]);
      assert.equal(st.xy[2 * (s.nGrid + i) + 1], v[i * st.width + b]);
    }
  }
  // The input stage is the plane itself: the grid lines, then the data points.
  assert.deepEqual(Array.from(s.stages[0].xy.subarray(2 * s.nGrid)), Array.from(r.points.X));
  r.dispose();
});

test('the first layer by hand: an affine map from state_dict, then ap.F of the activation', () => {
  for (const activation of ['tanh', 'relu', 'sigmoid']) {
    const r = run({ dataset: 'xor', hidden: '2,2', activation, lr: 0.1, space: {} }, 5);
    const s = r.snapshot().msg.space;
    const sd = r.model.state_dict();
    const W = sd['0.weight'], b = sd['0.bias'];
    const x = s.stages[0].xy;
    const z = new Float32Array(x.length);
    for (let k = 0; k < x.length / 2; k++) {
      for (let j = 0; j < 2; j++) z[2 * k + j] = W[2 * j] * x[2 * k] + W[2 * j + 1] * x[2 * k + 1] + b[j];
    }
    z.forEach((v, i) => close(s.stages[1].xy[i], v, 1e-5, `${activation}: linear ${i}`));
    const f = ap.F[activation](s.stages[1].xy);
    f.forEach((v, i) => close(s.stages[2].xy[i], v, 1e-6, `${activation}: activation ${i}`));
    r.dispose();
  }
});

test('trained on the circle, the drawn line w·h + b = 0 separates the classes and agrees with the network on every training point', () => {
  const r = run({ dataset: 'circle', hidden: '3,2', activation: 'tanh', lr: 0.1, space: {} }, 150);
  const { msg } = r.snapshot();
  const s = msg.space;
  assert.ok(msg.trainAccuracy > 0.97, `trained to ${msg.trainAccuracy}`);
  assert.equal(s.line.exact, true);
  const h = s.stages.at(-1).xy;
  const p = r.model.forward(r.inputs);  // the sigmoid head's probability of class 1
  let agree = 0, right = 0, counted = 0;
  for (let i = 0; i < s.nTrain; i++) {
    const side = s.line.w[0] * h[2 * (s.nGrid + i)] + s.line.w[1] * h[2 * (s.nGrid + i) + 1] + s.line.b;
    if (Math.abs(p[i] - 0.5) < 1e-4) continue;  // on the line: either side is fair
    counted++;
    if (side > 0 === p[i] > 0.5) agree++;
    if (side > 0 === r.points.y[i] > 0.5) right++;
    close(s.logits[i], side, 1e-4, `logit of point ${i}`);
  }
  assert.equal(agree, counted);
  assert.ok(right / counted > 0.97, `the line separates ${right} of ${counted}`);
  r.dispose();
});

test('a two-logit output draws the line of logit₁ − logit₀; a wider last layer says its line is not exact', () => {
  const two = run({ dataset: 'gauss', hidden: '2', activation: 'tanh', output: 'softmax', space: {} }, 10);
  const s = two.snapshot().msg.space;
  const h = s.stages.at(-1).xy;
  const out = two.model.forward(two.inputs);
  for (let i = 0; i < s.nData; i++) {
    const side = s.line.w[0] * h[2 * (s.nGrid + i)] + s.line.w[1] * h[2 * (s.nGrid + i) + 1] + s.line.b;
    close(side, out[2 * i + 1] - out[2 * i], 1e-4, `point ${i}`);
  }
  two.dispose();
  const wide = run({ dataset: 'circle', hidden: '2,3', activation: 'relu', space: { pairs: [[0, 1], [1, 5]] } });
  const w = wide.snapshot().msg.space;
  assert.equal(w.line.exact, false);
  assert.deepEqual(w.stages.at(-1).units, [0, 1]);  // unit 6 of a 3-unit layer: units 1 and 2 instead
  wide.dispose();
});

test('pairsFor and the state table: pairs are 1-based in links, widths of at least two units', () => {
  assert.deepEqual(pairsFor([3, 2, 2], [[2, 1], [0, 3]]), [[2, 1], [0, 1], [0, 1]]);
  const ctx = contextOf(ap);
  const read = (q) => readState(SPACE_KEYS, (k) => q[k] ?? null, ctx);
  assert.equal(read({ units: '1-3,2-1' }).values.units, '1-3,2-1');
  assert.match(read({ units: '1-1' }).notices[0], /ignored units="1-1": each pair must be two different unit numbers/);
  assert.match(read({ hidden: '3,1' }).notices[0], /layer widths must be whole numbers from 2 to/);
  assert.match(read({ hidden: '' }).notices[0], /at least 1 hidden layer/);
  assert.match(read({ dataset: 'spirals' }).notices[0], /not one of circle, xor, gauss, spiral/);
  assert.equal(read({}).values.hidden, '3,2');
});
