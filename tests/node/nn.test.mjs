// The PyTorch-shaped network API: PyTorch 1.13 trajectories through model.fit, state_dict in both
// directions, toPyTorch() run by real PyTorch when it is installed, datasets, grids, bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from '../../dist/node.mjs';

const ref = JSON.parse(readFileSync(new URL('../reference/torch_training.json', import.meta.url), 'utf8'));

function buildFromSpec(ap, modules) {
  return ap.nn.Sequential(...modules.map((m) => (m.type === 'Linear' ? ap.nn.Linear(m.in, m.out) : ap.nn[m.type](m.params))));
}

for (const simd of [true, false]) {
  const ap = await load({ simd });
  const label = simd ? 'SIMD' : 'fallback';

  test(`model.fit follows PyTorch's trajectories (${label} build)`, () => {
    for (const c of ref.cases) {
      const model = buildFromSpec(ap, c.modules);
      model.load_state_dict(c.init);
      const o = c.optimizer;
      const opt = o.kind === 'adam'
        ? ap.optim.Adam(model.parameters(), { lr: o.lr, weight_decay: o.weight_decay ?? 0 })
        : ap.optim.SGD(model.parameters(), { lr: o.lr, momentum: o.momentum ?? 0, nesterov: o.nesterov ?? false, weight_decay: o.weight_decay ?? 0 });
      const losses = model.fit(c.x, c.targets, { loss: c.loss, optimizer: opt, steps: c.steps, ...(c.batch_size ? { batch_size: c.batch_size } : {}) });
      assert.equal(losses.length, c.losses.length);
      c.losses.forEach((want, s) => assert.ok(Math.abs(losses[s] - want) <= 1e-5 * Math.abs(want) + 1e-7, `${c.name}: step ${s}: ${losses[s]} vs ${want}`));
      const sd = model.state_dict();
      for (const [k, v] of Object.entries(c.final)) {
        const worst = v.reduce((w, x, i) => Math.max(w, Math.abs(sd[k][i] - x)), 0);
        assert.ok(worst <= 1e-5, `${c.name}: ${k} differs by ${worst}`);
      }
      model.dispose();
    }
  });

  test(`a PyTorch state_dict gives PyTorch's outputs within 1e-6 (${label} build)`, () => {
    for (const c of ref.cases) {
      const model = buildFromSpec(ap, c.modules);
      model.load_state_dict(c.final);
      const inFeatures = c.modules[0].in;
      const y = model.forward(Float32Array.from(c.x.slice(0, 8 * inFeatures)));
      c.forward_y.forEach((want, i) => assert.ok(Math.abs(y[i] - want) <= 1e-6 * Math.max(1, Math.abs(want)), `${c.name}: output ${i}: ${y[i]} vs ${want}`));
      model.dispose();
    }
  });
}

const ap = await load();
const { nn, optim, F, datasets } = ap;

test('toPyTorch() code run by PyTorch reproduces our outputs (module and functional style)', (t) => {
  const python = '/usr/bin/python3';
  let hasTorch = false;
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    hasTorch = true;
  } catch {}
  if (!hasTorch) {
    console.log('# notice: PyTorch (python3-torch) is not installed; skipping the toPyTorch() round trip');
    t.skip('python3-torch not installed');
    return;
  }
  const model = nn.Sequential(nn.Linear(2, 6), nn.LeakyReLU(0.2), nn.Linear(6, 5), nn.GELU('tanh'), nn.Linear(5, 4),
    nn.PReLU(), nn.Linear(4, 3), nn.Softmax({ dim: 1 }));
  const x = [[0.5, -1.25], [2, 0.75], [-3, 1]];
  const ours = model.forward(x);
  const dir = mkdtempSync(join(tmpdir(), 'ap-topytorch-'));
  try {
    for (const style of ['module', 'functional']) {
      const file = join(dir, `${style}.py`);
      writeFileSync(file, `${model.toPyTorch({ style })}\nimport json\nwith torch.no_grad():\n    print(json.dumps(model(torch.tensor(${JSON.stringify(x)})).reshape(-1).tolist()))\n`);
      const theirs = JSON.parse(execFileSync(python, [file], { encoding: 'utf8' }).trim().split('\n').pop());
      assert.equal(theirs.length, ours.length);
      theirs.forEach((v, i) => assert.ok(Math.abs(v - ours[i]) <= 1e-6, `${style}: output ${i}: PyTorch ${v}, ours ${ours[i]}`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    model.dispose();
  }
});

test('nn modules take PyTorch names and arguments; toJSON/fromJSON round-trips', () => {
  const m = nn.Sequential(nn.Linear(3, 4), nn.ELU({ alpha: 0.5 }), nn.Linear(4, 2), nn.LogSoftmax({ dim: 1 }));
  assert.deepEqual(m.parameters().map((p) => [p.name, p.shape]), [['0.weight', [4, 3]], ['0.bias', [4]], ['2.weight', [2, 4]], ['2.bias', [2]]]);
  const x = [[1, 2, 3], [-1, 0, 0.5]];
  const back = nn.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assert.deepEqual(back.forward(x), m.forward(x));
  const y = m.forward(x);
  assert.ok(Math.abs(Math.exp(y[0]) + Math.exp(y[1]) - 1) < 1e-6);
  // A fresh model with the same seed starts from the same weights.
  const a = nn.Sequential.withOptions({ seed: 9 }, nn.Linear(2, 3)), b = nn.Sequential.withOptions({ seed: 9 }, nn.Linear(2, 3));
  assert.deepEqual(a.state_dict(), b.state_dict());
  for (const k of [m, back, a, b]) k.dispose();
});

test('train_step, optimizer lr changes between steps, evaluate and diagnostics', () => {
  const d = datasets.xor({ n: 200, seed: 4 });
  const model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1));
  const opt = optim.Adam(model.parameters(), { lr: 0.05 });
  const first = model.train_step(d.X, d.y, { loss: 'binary_cross_entropy_with_logits', optimizer: opt });
  opt.lr = 0.02;
  assert.equal(opt.lr, 0.02);
  const losses = model.fit(d.X, d.y, { loss: 'binary_cross_entropy_with_logits', optimizer: opt, epochs: 60, batch_size: 20, shuffle: true, seed: 2 });
  assert.equal(losses.length, 600);
  assert.ok(losses[losses.length - 1] < first, 'the loss went down');
  const e = model.evaluate(d.X, d.y, { loss: 'binary_cross_entropy_with_logits' });
  assert.ok(e.accuracy > 0.9, `xor accuracy ${e.accuracy}`);
  // Diagnostics describe the last forward pass (evaluate's, over all of X): a ReLU neuron is inactive
  // on an example where its input z = w·x + b is ≤ 0. Recomputed here from the weights, in double
  // (an example with |z| < 1e-5 may round either way).
  const diag = model.diagnostics();
  assert.equal(diag.length, 1);
  assert.equal(diag[0].inactive.length, 8);
  const { '0.weight': w, '0.bias': b } = model.state_dict();
  for (let j = 0; j < 8; j++) {
    let off = 0, near = 0;
    for (let r = 0; r < d.n; r++) {
      const z = w[2 * j] * d.X[2 * r] + w[2 * j + 1] * d.X[2 * r + 1] + b[j];
      if (z <= 0) off++;
      if (Math.abs(z) < 1e-5) near++;
    }
    assert.ok(Math.abs(diag[0].inactive[j] - off / d.n) <= near / d.n + 1e-6, `neuron ${j}: ${diag[0].inactive[j]} vs ${off / d.n}`);
  }
  model.dispose();
});

test('losses in F follow PyTorch definitions', () => {
  assert.equal(F.mse_loss([1, 2], [0, 0]), 2.5);
  assert.deepEqual([...F.mse_loss.backward([1, 2], [0, 0])], [1, 2]);
  assert.ok(Math.abs(F.binary_cross_entropy([0.5], [1]) - Math.log(2)) < 1e-7);
  assert.ok(Math.abs(F.binary_cross_entropy([0], [1]) - 100) < 1e-4, 'log clamped at -100');
  assert.ok(Math.abs(F.binary_cross_entropy_with_logits([0], [1]) - Math.log(2)) < 1e-7);
  const ce = F.cross_entropy([1, 2, 3, 1, 0, 0], [2, 0]);
  const want = (-(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3))) - (1 - Math.log(Math.E + 2))) / 2;
  assert.ok(Math.abs(ce - want) < 1e-6);
  assert.throws(() => F.binary_cross_entropy([1.5], [1]), /inputs must be probabilities in \[0, 1\]/);
  assert.throws(() => F.cross_entropy([1, 2, 3], [3]), /is not a class index/);
  assert.throws(() => F.mse_loss([1, 2], [1]), /input has 2 values but target has 1/);
});

test('datasets are seeded, shaped [n, 2], and feature transforms work', () => {
  const a = datasets.spiral({ n: 100, noise: 0.2, seed: 5 }), b = datasets.spiral({ n: 100, noise: 0.2, seed: 5 });
  assert.deepEqual(a.X, b.X);
  assert.equal(a.X.length, 200);
  assert.notDeepEqual(datasets.spiral({ n: 100, seed: 6 }).X, a.X);
  assert.deepEqual(new Set(a.y), new Set([0, 1]));
  const m = datasets.spirals({ n: 90, classes: 3, seed: 1 });
  assert.equal(m.classes, 3);
  assert.deepEqual([...new Set(m.y)].sort(), [0, 1, 2]);
  const fb = datasets.function_boundary({ n: 50, function: 'relu', seed: 2 });
  for (let i = 0; i < 50; i++) assert.equal(fb.y[i], fb.X[2 * i + 1] > Math.max(fb.X[2 * i], 0) ? 1 : 0);
  const f = datasets.features([[1, 2], [0.5, -1]], ['x1', 'x1_times_x2', 'sin_x2']);
  assert.ok(Math.abs(f[0] - 1) < 1e-7 && Math.abs(f[1] - 2) < 1e-7 && Math.abs(f[2] - Math.sin(2)) < 1e-6);
  assert.throws(() => datasets.circle({ n: 1e9 }), /datasets.circle: 'n' must be an integer between 2 and 100000 \(got 1000000000\)/);
  assert.throws(() => datasets.circle({ noise: 5 }), /noise must be between 0 and 1/);
  assert.throws(() => datasets.features([[1, 2]], ['x3']), /unknown feature "x3"/);
  assert.ok(datasets.list().some((d) => d.name === 'multi_gaussian' && d.task === 'regression'));
});

test('grid() gives the output and every neuron on an n×n grid', () => {
  const model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
  const g = ap.grid(model, { n: 20, box: [-2, 2, -1, 1], features: ['x1', 'x2', 'x1_squared'] });
  assert.equal(g.output.length, 400);
  assert.deepEqual(g.modules.map((m) => m.width), [4, 4, 1, 1]);
  // Top-left is (x0, y1): the same as a direct forward on that point's features.
  const direct = model.forward([[-2, 1, 4]]);
  assert.ok(Math.abs(direct[0] - g.output[0]) < 1e-7);
  const v = ap.grid(model, { n: 10, box: [-2, 2, -1, 1], features: ['x1', 'x2', 'x1_squared'], copy: false });
  assert.equal(v.output.length, 100);
  // One n×n image per neuron: values[j·n² + p] is neuron j at point p (row r from the top, column c).
  const multi = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 3));
  const n = 7, m = ap.grid(multi, { n, box: [-3, 3, -2, 2] });
  assert.equal(m.output.length, 3 * n * n);
  for (const [r, c] of [[0, 0], [2, 5], [6, 6], [6, 0]]) {
    const x1 = -3 + (6 / (n - 1)) * c, x2 = 2 - (4 / (n - 1)) * r;
    const direct = multi.forward([[x1, x2]]);
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(direct[j] - m.output[j * n * n + r * n + c]) < 1e-6, `neuron ${j} at (${r}, ${c})`);
  }
  multi.dispose();
  // Feature planes: every transform, at points that include the last (padded) block of n² = 49.
  const feats = ['x1', 'x2', 'x1_squared', 'x2_squared', 'x1_times_x2', 'sin_x1', 'sin_x2'];
  const wide = nn.Sequential(nn.Linear(7, 5), nn.ELU(), nn.Linear(5, 2));
  const f = ap.grid(wide, { n, box: [-3, 3, -2, 2], features: feats });
  const rows = datasets.features([[-3, 2], [-1, 2 - 4 / 6], [3, -2]], feats);
  const viaRows = wide.forward(rows);
  [[0, 0], [1, 2], [6, 6]].forEach(([r, c], k) => {
    for (let j = 0; j < 2; j++) assert.ok(Math.abs(viaRows[2 * k + j] - f.output[j * n * n + r * n + c]) < 1e-6, `features: output ${j} at (${r}, ${c})`);
  });
  wide.dispose();
  assert.throws(() => ap.grid(model, { n: 10 }), /takes 3 inputs but 2 features are selected/);
  assert.throws(() => ap.grid(model, { n: 100000 }), /grid: 'n' must be an integer between 2 and 512 \(got 100000\)/);
  model.dispose();
});

test('bad arguments throw clear errors; 100,000 failures leave the heap and stack unchanged', () => {
  assert.throws(() => nn.Linear(0, 2), /nn\.Linear: in_features must be an integer between 1 and/);
  assert.throws(() => nn.Sequential('x'), /argument 0 is not a module/);
  assert.throws(() => nn.Sequential(nn.Linear(2, 3), nn.Linear(4, 1)), /Linear expects 4 input features but the previous module gives 3/);
  assert.throws(() => nn.LeakyReLU({ slope: 1 }), /unknown option 'slope'/);
  assert.throws(() => nn.Softmax({ dim: 0 }), /only dim=1/);
  const model = nn.Sequential(nn.Linear(2, 1));
  assert.throws(() => model.fit([[1, 2]], [1], { steps: 1 }), /pass optimizer/);
  const opt = optim.SGD(model.parameters(), { lr: 0.1 });
  assert.throws(() => optim.SGD(model.parameters(), { lr: -1 }), /optim.SGD: lr must be >= 0/);
  assert.throws(() => optim.SGD(model.parameters(), { learning_rate: 1 }), /unknown option 'learning_rate'/);
  assert.throws(() => model.fit([[1, 2]], [1, 2], { optimizer: opt, steps: 1 }), /y has 2 values but 1 examples need 1/);
  assert.throws(() => model.fit([[1, NaN]], [1], { optimizer: opt, steps: 1 }), /input value 1 is not a finite number/);
  assert.throws(() => model.fit([1, 2, 3], [1], { optimizer: opt, steps: 1 }), /not a multiple of 2 features/);
  assert.throws(() => model.load_state_dict({ '0.weight': [1, 2] }), /missing keys 0\.bias/);
  assert.throws(() => model.load_state_dict({ '0.weight': [1], '0.bias': [0] }), /'0\.weight' needs 2 values/);
  assert.throws(() => nn.fromJSON('{"modules": ['), /nn\.fromJSON: the text is not valid JSON/);
  const wide = nn.Sequential(nn.Linear(1, 4096), nn.ReLU(), nn.Linear(4096, 1));
  assert.throws(() => wide.forward(new Float32Array(20000)), /20000 examples of a network 4096 wide is more than the limit/);
  assert.equal(wide.forward(new Float32Array(10)).length, 10, 'still usable');
  wide.dispose();
  assert.throws(() => nn.fromJSON({ format: 'other' }), /not a model exported by toJSON/);
  const saved = model.toJSON();
  saved.state_dict['0.weight'] = [1, 'x'];
  assert.throws(() => nn.fromJSON(saved), /0\.weight\[1\] must be a number/);
  saved.modules[0].type = 'Conv2d';
  assert.throws(() => nn.fromJSON(saved), /module 0 has unknown type "Conv2d"/);
  const before = ap.memoryStats();
  let thrown = 0;
  const calls = [
    () => model.fit([[1, NaN]], [1], { optimizer: opt, steps: 1 }),
    () => model.forward([1, 2, 3]),
    () => F.cross_entropy([1, 2, 3], [3]),
    () => nn.Sequential(nn.Linear(2, 3), nn.Linear(4, 1)),
    () => datasets.circle({ n: 1 }),
  ];
  for (let i = 0; i < 20000; i++) {
    for (const call of calls) {
      try {
        call();
      } catch {
        thrown++;
      }
    }
  }
  assert.equal(thrown, 100000);
  assert.deepEqual(ap.memoryStats(), before);
  assert.equal(model.fit([[1, 2]], [1], { optimizer: opt, steps: 2 }).length, 2, 'still usable');
  model.dispose();
  assert.throws(() => model.forward([[1, 2]]), { message: /^model\.forward: the model was used after dispose\(\)/ });
});
