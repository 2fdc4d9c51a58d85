// The "space bent by the layers" view's numbers (web/space-run.mjs, posted by the worker's TrainingRun):
// every stage's coordinates are the hidden layers' outputs as the core computes them — checked against
// model.intermediates, against ap.grid over the same points, and for the first layer against an affine
// map from state_dict followed by ap.F — and the drawn decision line classifies the training points
// as the network does; for several classes the decision regions (polygons clipped from a rectangle)
// hold exactly the points where their class's score is largest, and classify as the network does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';
import { TrainingRun } from '../../web/run.mjs';
import { GRID_N, LINES, STRIDE, gridLinePoints, pairsFor } from '../../web/space-run.mjs';
import { classAt, clipHalfPlane, decisionRegions } from '../../web/space-regions.mjs';
import { ticks } from '../../web/space-draw.mjs';
import { SPACE_KEYS, contextOf, readState } from '../../web/state.mjs';

const ap = await load();
const BOX = [-6, 6, -6, 6];

function run(values, epochs = 0) {
  const r = new TrainingRun(ap, { grid: 8, box: BOX, lite: true, ...values });
  if (epochs) assert.equal(r.trainSteps(epochs * r.stepsPerEpoch), '');
  return r;
}

const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** ap.grid's points for a GRID_N × GRID_N grid over BOX. */
function gridPoints() {
  const model = ap.nn.Sequential(ap.nn.Linear(2, 1));
  const { points } = ap.grid(model, { n: GRID_N, box: BOX });
  model.dispose();
  return points;
}

test('grid lines: 2 × LINES lines of GRID_N points along rows and columns of an ap.grid of GRID_N × GRID_N points', () => {
  const { X, cells } = gridLinePoints(gridPoints());
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
  const { cells } = gridLinePoints(gridPoints());
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
  assert.match(read({ dataset: 'plane' }).notices[0], /not one of circle, xor, gauss, spiral/);  // a regression task
  assert.equal(read({ dataset: 'blobs', classes: '4' }).values.classes, 4);  // several classes: decision regions
  assert.equal(read({}).values.hidden, '3,2');
});

// ---- decision regions of several classes -------------------------------------------------------

/** Ray casting, written here apart from the module: is (x, y) inside the polygon? */
function inside(poly, x, y) {
  let odd = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i], [xj, yj] = poly[j];
    if ((yi > y) !== (yj > y) && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) odd = !odd;
  }
  return odd;
}
const area = (poly) => Math.abs(poly.reduce((s, [x, y], i) => { const [u, v] = poly[(i + 1) % poly.length]; return s + x * v - u * y; }, 0)) / 2;
/** A small seeded generator, so the random cases are the same on every run. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('clipping a square by one half-plane keeps the side where a·x + b·y + c ≥ 0', () => {
  const square = [[-1, -1], [1, -1], [1, 1], [-1, 1]];
  const right = clipHalfPlane(square, 1, 0, -0.5);  // x ≥ 0.5: a 0.5 × 2 strip
  close(area(right), 1, 1e-12, 'strip area');
  assert.ok(right.every(([x]) => x >= 0.5 - 1e-12));
  assert.deepEqual(clipHalfPlane(square, 1, 0, 5), square);  // everything kept
  assert.deepEqual(clipHalfPlane(square, 1, 0, -5), []);     // nothing left
  close(area(clipHalfPlane(square, 1, 1, 0)), 2, 1e-12, 'a diagonal halves the square');
});

test('each class\'s region holds exactly the points where its score is largest, and the regions tile the rectangle', () => {
  const rand = random(7);
  const rect = [-2, 3, -1.5, 2.5];
  for (let trial = 0; trial < 40; trial++) {
    const k = 2 + (trial % 5);
    const w = Array.from({ length: k }, () => [4 * rand() - 2, 4 * rand() - 2]);
    const b = Array.from({ length: k }, () => 2 * rand() - 1);
    const regions = decisionRegions(w, b, rect);
    close(regions.reduce((s, p) => s + (p.length ? area(p) : 0), 0), 5 * 4, 1e-9, `trial ${trial}: the areas add up to the rectangle's`);
    for (let n = 0; n < 400; n++) {
      const x = rect[0] + 5 * rand(), y = rect[2] + 4 * rand();
      const z = w.map((wi, i) => wi[0] * x + wi[1] * y + b[i]);
      const sorted = [...z].sort((p, q) => q - p);
      if (sorted[0] - sorted[1] < 1e-6) continue;  // on a boundary: either side is fair
      const best = z.indexOf(sorted[0]);
      regions.forEach((poly, i) => assert.equal(inside(poly, x, y), i === best, `trial ${trial}, (${x}, ${y}), class ${i}`));
      assert.equal(classAt(w, b, x, y), best);
    }
  }
});

test('a class that wins nowhere in the rectangle has no region; tick values step by 1, 2 or 5 × 10^k', () => {
  // Class 2 scores −10 everywhere; classes 0 and 1 split the plane at x = 0.
  const regions = decisionRegions([[0, 0], [1, 0], [0, 0]], [0, 0, -10], [-1, 1, -1, 1]);
  assert.deepEqual(regions[2], []);
  close(area(regions[0]), 2, 1e-12, 'left half');
  close(area(regions[1]), 2, 1e-12, 'right half');
  assert.deepEqual(ticks(-1.12, 1.12), { values: [-1, -0.5, 0, 0.5, 1], digits: 1 });
  assert.deepEqual(ticks(-6.7, 6.7).values, [-6, -4, -2, 0, 2, 4, 6]);
  assert.equal(ticks(0.5, 30).values.at(-1), 30);
});

test('ties: two classes with the same scores do not both take the plane (the first wins, as classAt says); a class touching only a corner has no region', () => {
  const same = decisionRegions([[1, 0], [1, 0]], [0, 0], [-1, 1, -1, 1]);
  close(area(same[0]), 4, 1e-12, 'the first of two identical classes wins everywhere');
  assert.deepEqual(same[1], []);
  assert.equal(classAt([[1, 0], [1, 0]], [0, 0], 0.3, 0.3), 0);
  // Class 1 wins where x + y ≥ 2: inside the square that is only the corner (1, 1).
  const corner = decisionRegions([[0, 0], [1, 1]], [0, -2], [-1, 1, -1, 1]);
  assert.deepEqual(corner[1], []);
  close(area(corner[0]), 4, 1e-12, 'class 0 keeps the whole square');
  // A boundary through two vertices: the diagonal's triangles, with no repeated vertex.
  const half = clipHalfPlane([[-1, -1], [1, -1], [1, 1], [-1, 1]], -1, 1, 0);
  assert.equal(half.length, 3);
  close(area(half), 2, 1e-12, 'the triangle above y = x');
});

test('several classes: the last stage\'s regions classify every data point as model.forward does, and are drawn where the points lie', () => {
  const r = run({ dataset: 'blobs', classes: 4, hidden: '3,2', activation: 'tanh', lr: 0.1, space: {} }, 60);
  const { msg } = r.snapshot();
  const s = msg.space;
  assert.equal(s.line, null);
  assert.equal(s.regions.exact, true);
  assert.equal(s.regions.w.length, 4);
  const out = r.model.forward(r.inputs);  // the four logits per point (cross_entropy: no head module)
  const h = s.stages.at(-1).xy;
  let xs = [], ys = [];
  for (let i = 0; i < s.nData; i++) { xs.push(h[2 * (s.nGrid + i)]); ys.push(h[2 * (s.nGrid + i) + 1]); }
  const rect = [Math.min(...xs) - 1, Math.max(...xs) + 1, Math.min(...ys) - 1, Math.max(...ys) + 1];
  const regions = decisionRegions(s.regions.w, s.regions.b, rect);
  let counted = 0, right = 0;
  for (let i = 0; i < s.nData; i++) {
    const z = Array.from(out.subarray(4 * i, 4 * i + 4));
    z.forEach((v, c) => close(s.logits[4 * i + c], v, 1e-5, `logit ${c} of point ${i}`));
    const sorted = [...z].sort((p, q) => q - p);
    if (sorted[0] - sorted[1] < 1e-4) continue;
    counted++;
    const best = z.indexOf(sorted[0]);
    assert.equal(classAt(s.regions.w, s.regions.b, xs[i], ys[i]), best, `point ${i}`);
    assert.ok(inside(regions[best], xs[i], ys[i]), `point ${i} lies in class ${best}'s polygon`);
    if (i < s.nTrain && best === r.points.y[i]) right++;
  }
  assert.ok(counted > 0.95 * s.nData, `${counted} of ${s.nData} points away from a boundary`);
  assert.ok(right > 0.9 * s.nTrain, `trained: ${right} of ${s.nTrain} training points in their own region`);
  r.dispose();
  const wide = run({ dataset: 'blobs', classes: 3, hidden: '2,3', activation: 'relu', space: {} });
  assert.equal(wide.snapshot().msg.space.regions.exact, false);  // a 3-unit last layer: no polygons in a pair
  wide.dispose();
});
