// model.intermediates (every module's output) and model.backward (gradients of a loss without a
// step), which the trainer uses to draw pre-activation histograms and whole-training-set gradient norms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';

const ap = await load();
const rand = (n, seed) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 1073741824 - 1;
  });
};

test('intermediates: each Linear output is x·Wᵀ + b, each activation is F applied to it, the last is forward()', () => {
  const model = ap.nn.Sequential.withOptions({ seed: 3 }, ap.nn.Linear(3, 4), ap.nn.Tanh(), ap.nn.Linear(4, 2), ap.nn.LeakyReLU(0.2));
  const x = rand(5 * 3, 7);
  const out = model.intermediates(x);
  assert.deepEqual(out.map((m) => [m.kind, m.width]), [['linear', 4], ['activation', 4], ['linear', 2], ['activation', 2]]);
  const sd = model.state_dict();
  const W = sd['0.weight'], b = sd['0.bias'];
  for (let r = 0; r < 5; r++) {
    for (let j = 0; j < 4; j++) {
      let z = b[j];
      for (let i = 0; i < 3; i++) z += x[r * 3 + i] * W[j * 3 + i];
      assert.ok(Math.abs(out[0].values[r * 4 + j] - z) < 1e-6, `row ${r}, unit ${j}`);
    }
  }
  assert.deepEqual(Array.from(out[1].values), Array.from(ap.F.tanh(out[0].values)));
  assert.deepEqual(Array.from(out[3].values), Array.from(ap.F.leaky_relu(out[2].values, 0.2)));
  assert.deepEqual(Array.from(out[3].values), Array.from(model.forward(x)));
  model.dispose();
});

test('backward: a Linear layer under MSE gets dL/dW = 2/(N·out) · (XWᵀ + b − y)ᵀ X, and no step is taken', () => {
  const model = ap.nn.Sequential.withOptions({ seed: 5 }, ap.nn.Linear(3, 2));
  const N = 6;
  const x = rand(N * 3, 11), y = rand(N * 2, 13);
  const before = model.state_dict();
  const loss = model.backward(x, y, { loss: 'mse_loss' });
  const W = before['0.weight'], b = before['0.bias'];
  const expected = new Float64Array(6);
  let sum = 0;
  for (let r = 0; r < N; r++) {
    for (let j = 0; j < 2; j++) {
      let z = b[j];
      for (let i = 0; i < 3; i++) z += x[r * 3 + i] * W[j * 3 + i];
      const e = z - y[r * 2 + j];
      sum += e * e;
      for (let i = 0; i < 3; i++) expected[j * 3 + i] += (2 / (N * 2)) * e * x[r * 3 + i];
    }
  }
  assert.ok(Math.abs(loss - sum / (N * 2)) < 1e-6);
  const grad = model.parameters()[0].grad;
  expected.forEach((g, k) => assert.ok(Math.abs(grad[k] - g) < 1e-6, `weight grad ${k}: ${grad[k]} vs ${g}`));
  assert.deepEqual(Array.from(model.state_dict()['0.weight']), Array.from(W));
  model.dispose();
});

test('backward over a data set makes diagnostics() describe that set: the gradient norm is that of Parameter.grad', () => {
  const model = ap.nn.Sequential.withOptions({ seed: 2 }, ap.nn.Linear(2, 5), ap.nn.ReLU(), ap.nn.Linear(5, 3));
  const d = ap.datasets.blobs({ n: 60, seed: 1, classes: 3 });
  model.backward(d.X, d.y, { loss: 'cross_entropy' });
  const g = model.parameters()[0].grad;
  const norm = Math.hypot(...g);
  const diag = model.diagnostics();
  assert.ok(Math.abs(diag[0].weightGradNorm - norm) < 1e-5 * Math.max(1, norm), `${diag[0].weightGradNorm} vs ${norm}`);
  const pre = model.intermediates(d.X)[0].values;
  for (let j = 0; j < 5; j++) {
    let deadShare = 0;
    for (let r = 0; r < 60; r++) deadShare += pre[r * 5 + j] <= 0 ? 1 : 0;
    assert.ok(Math.abs(diag[0].inactive[j] - deadShare / 60) < 1e-6, `neuron ${j}`);
  }
  assert.throws(() => model.backward(d.X, d.y.subarray(1), { loss: 'cross_entropy' }), /model\.backward: y has 59 values/);
  model.dispose();
});
