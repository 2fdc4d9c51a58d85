// Input features, grids and state_dict values as a user reads them: column order, defaults, view
// lifetimes, shapes; and what the shipped module does not contain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { load } from '../../dist/node.mjs';

const ap = await load();
const { nn, datasets } = ap;
const pts = [[1, 2], [0.5, -1], [-3, 0.25]];

test('datasets.features returns the columns in the order given, repeats included, x1 and x2 by default', () => {
  const want = { x1: (a) => a, x2: (a, b) => b, x1_squared: (a) => a * a, x1_times_x2: (a, b) => a * b, sin_x2: (a, b) => Math.sin(b) };
  for (const names of [['x2', 'x1'], ['sin_x2', 'x1', 'x1_squared'], ['x1', 'x1', 'x1_times_x2', 'x1']]) {
    const f = datasets.features(pts, names);
    assert.equal(f.length, pts.length * names.length, names.join());
    pts.forEach(([a, b], r) => names.forEach((name, c) => {
      assert.ok(Math.abs(f[r * names.length + c] - want[name](a, b)) < 1e-6, `${names}: row ${r}, column ${c} (${name})`);
    }));
  }
  assert.deepEqual(Array.from(datasets.features(pts)), pts.flat());
  assert.throws(() => datasets.features(pts, []), /features must be a non-empty array/);
});

test('grid() feeds the features in the model\'s column order', () => {
  const model = nn.Sequential(nn.Linear(2, 1));
  model.load_state_dict({ '0.weight': [[1, 0]], '0.bias': [0] });  // output = first column
  const n = 3, box = [-1, 1, -2, 2];
  const g = ap.grid(model, { n, box, features: ['x2', 'x1'] });
  // Top row is y = 2 (x2): the first column is x2 wherever x1 is.
  for (let c = 0; c < n; c++) assert.equal(g.output[c], 2);
  assert.deepEqual(Array.from(ap.grid(model, { n, box }).output.slice(0, n)), [-1, 0, 1]);
  model.dispose();
});

test('grid() reports where it sampled: its points, fed to forward() with the same features, give its output bit for bit', () => {
  const model = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 1));
  const n = 7, box = [-6, 6, -3, 4], features = ['x1_times_x2', 'sin_x1', 'x2'];
  const g = ap.grid(model, { n, box, features });
  assert.equal(g.points.length, 2 * n * n);
  // Image order with both edges included: the top-left point is (x0, y1), the bottom-right (x1, y0).
  assert.deepEqual([g.points[0], g.points[n * n], g.points[n * n - 1], g.points[2 * n * n - 1]], [box[0], box[3], box[1], box[2]]);
  const xy = Array.from({ length: n * n }, (_, p) => [g.points[p], g.points[n * n + p]]);
  assert.deepEqual(g.output, model.forward(datasets.features(xy, features)));
  model.dispose();
});

test('grid({ copy: false }) views last until WASM memory grows, as documented', () => {
  const model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1));
  const view = ap.grid(model, { n: 8, copy: false });
  const copy = ap.grid(model, { n: 8 });
  assert.deepEqual(Array.from(view.output), Array.from(copy.output));
  const before = ap.memoryStats().memoryBytes;
  const big = ap.buffer(Math.min(ap.buildInfo().limits.maxElements, before / 4));  // as large as all memory: it must grow
  assert.ok(ap.memoryStats().memoryBytes > before, 'memory grew');
  assert.equal(view.output.length, 0, 'a view of the old memory is empty');
  assert.equal(copy.output.length, 64, 'copies are unaffected');
  big.dispose();
  model.dispose();
});

test('state_dict() values carry their PyTorch shapes; load_state_dict takes them and plain arrays', () => {
  const model = nn.Sequential(nn.Linear(3, 4), nn.PReLU(), nn.Linear(4, 2, { bias: false }));
  const sd = model.state_dict();
  assert.deepEqual(Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, [...v.shape]])),
    { '0.weight': [4, 3], '0.bias': [4], '1.weight': [1], '2.weight': [2, 4] });
  for (const v of Object.values(sd)) assert.equal(v.length, v.shape.reduce((p, d) => p * d, 1));
  const other = nn.Sequential(nn.Linear(3, 4), nn.PReLU(), nn.Linear(4, 2, { bias: false }));
  other.load_state_dict(sd);
  assert.deepEqual(other.forward([[1, 2, 3]]), model.forward([[1, 2, 3]]));
  other.load_state_dict(Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, Array.from(v)])));
  const wrong = { ...sd, '0.weight': Object.defineProperty(Float32Array.from(sd['0.weight']), 'shape', { value: [3, 4] }) };
  assert.throws(() => other.load_state_dict(wrong), /'0\.weight' has shape \[3,4\] but the model's is \[4,3\]/);
  model.dispose();
  other.dispose();
});

test('the shipped modules have no benchmark hooks (they live in the bench build)', async () => {
  for (const variant of ['simd', 'nosimd']) {
    const { default: factory } = await import(`../../dist/ap_${variant}.mjs`);
    const Module = await factory({ wasmBinary: await readFile(new URL(`../../dist/ap_${variant}.wasm`, import.meta.url)) });
    assert.equal(typeof Module.forward, 'function', 'the module loaded');
    assert.equal(Module.copyFloats, undefined);
    assert.equal(Module.peakMadd, undefined);
  }
});

test('index.d.ts types every limit and default the core exports', async () => {
  const dts = await readFile(new URL('../../dist/index.d.ts', import.meta.url), 'utf8');
  const body = (name) => dts.match(new RegExp(`export interface ${name} \\{([^}]*)\\}`))[1];
  const fields = (name) => [...body(name).matchAll(/readonly (\w+): number;/g)].map((m) => m[1]).sort();
  assert.deepEqual(fields('Limits'), Object.keys(ap.buildInfo().limits).sort());
  assert.deepEqual(fields('Defaults'), Object.keys(ap.buildInfo().defaults).sort());
});
