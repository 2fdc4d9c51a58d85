// web/reproduce.mjs: the generated script, run under PyTorch 1.13 (Debian's python3-torch), must
// retrain the page's network on the same batches in the same order — every step's loss within 1e-4
// relative, the final weights within 1e-5 — and model.toPyTorch() must give model.forward's outputs.
// Without PyTorch the torch tests are reported as skipped (install: apt-get install python3-torch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from '../../dist/node.mjs';
import { pytorchScript, pyNumber } from '../../web/reproduce.mjs';
import { float32Text } from '../../web/csv.mjs';

const ap = await load();
const { nn, optim, datasets } = ap;

// Debian's python3-torch lives in /usr/bin/python3's packages (a pyenv python3 first on PATH lacks it);
// AP_TORCH_PYTHON names another interpreter.
const candidates = process.env.AP_TORCH_PYTHON ? [process.env.AP_TORCH_PYTHON] : ['/usr/bin/python3', 'python3'];
const python = candidates.find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
const NO_TORCH = 'PyTorch is not installed (apt-get install -y python3-torch): the PyTorch comparison did not run';
if (!python) console.log(`# NOTICE: ${NO_TORCH}`);
const dir = mkdtempSync(join(tmpdir(), 'ap-reproduce-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs Python source (a file in the temp dir) and returns its stdout. */
function runPython(name, source, args = []) {
  const file = join(dir, name);
  writeFileSync(file, source);
  const r = spawnSync(python, [file, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${name} exited with ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Trains like the page (fit in several chunks of steps, shuffled), returning what pytorchScript needs. */
function trainLikeThePage({ model, optimizer, optimizerOptions, loss, data, nTrain, batchSize, seed, epochs, chunks }) {
  const X = data.X.subarray(0, 2 * nTrain), y = data.y.subarray(0, nTrain);
  const initialState = model.state_dict();
  const total = epochs * Math.ceil(nTrain / batchSize);
  const losses = [];
  let done = 0;
  for (const c of chunks) {  // uneven chunks: the sequence of batches must continue across fit calls
    const steps = Math.min(c, total - done);
    if (steps > 0) losses.push(...model.fit(X, y, { loss, optimizer, steps, batch_size: batchSize, shuffle: true, seed }));
    done += steps;
  }
  if (done < total) losses.push(...model.fit(X, y, { loss, optimizer, steps: total - done, batch_size: batchSize, shuffle: true, seed }));
  return {
    modelJSON: model.toJSON(), initialState, optimizer: optimizerOptions, loss, X: data.X, y: data.y, nTrain, batchSize,
    shuffle: true, seed, epochs, losses: Float32Array.from(losses),
  };
}

function checkAgainstTorch(t, name, run) {
  if (!python) return t.skip(NO_TORCH);
  const script = pytorchScript(run);
  const out = join(dir, `${name}.json`);
  const stdout = runPython(`${name}.py`, script, ['--json', out]);
  const r = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(r.losses.length, run.losses.length);
  r.losses.forEach((v, i) => {
    const rel = Math.abs(v - run.losses[i]) / Math.max(Math.abs(v), Math.abs(run.losses[i]), 1e-12);
    assert.ok(rel <= 1e-4, `step ${i + 1}: PyTorch ${v}, page ${run.losses[i]} (relative difference ${rel})`);
  });
  for (const [k, v] of Object.entries(run.modelJSON.state_dict)) {
    const worst = Math.max(...v.map((w, i) => Math.abs(w - r.state_dict[k][i])));
    assert.ok(worst <= 1e-5, `${k}: final weights differ by ${worst}`);
  }
  t.diagnostic(`${name}: ${run.losses.length} steps, largest relative loss difference ${r.max_relative_loss_difference.toExponential(2)}, ` +
    `largest weight difference ${r.max_weight_difference.toExponential(2)}`);
  assert.ok(r.max_relative_loss_difference <= 1e-4, stdout);
  assert.match(stdout, /largest relative difference from the page's loss curve: .* \(is within/);
  return r;
}

test('circle, 2-4-4-1 tanh + sigmoid, SGD with momentum: PyTorch retraces the page step by step', (t) => {
  const data = datasets.circle({ n: 100, noise: 0.1, seed: 4 });
  const model = nn.Sequential.withOptions({ seed: 11, init: 'playground' },
    nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
  const optimizerOptions = { kind: 'sgd', lr: 0.03, momentum: 0.9 };
  const optimizer = optim.SGD(model.parameters(), { lr: 0.03, momentum: 0.9 });
  const run = trainLikeThePage({ model, optimizer, optimizerOptions, loss: 'binary_cross_entropy', data, nTrain: 80,
    batchSize: 10, seed: 7, epochs: 30, chunks: [3, 37, 8, 61] });
  assert.equal(run.losses.length, 240);
  const r = checkAgainstTorch(t, 'circle', run);
  if (r) assert.ok(r.test_loss > 0);
  model.dispose();
});

test('3-class spirals, ReLU, Adam with L2 regularisation, cross-entropy: PyTorch retraces the page', (t) => {
  const data = datasets.spirals({ n: 120, classes: 3, noise: 0.05, seed: 2 });
  const model = nn.Sequential.withOptions({ seed: 5 }, nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 3));
  const options = { lr: 0.01, regularization: 'l2', regularization_rate: 0.003 };
  const optimizer = optim.Adam(model.parameters(), options);
  const run = trainLikeThePage({ model, optimizer, optimizerOptions: { kind: 'adam', ...options }, loss: 'cross_entropy', data,
    nTrain: 90, batchSize: 10, seed: 3, epochs: 15, chunks: [9, 1, 50] });
  checkAgainstTorch(t, 'spirals', run);
  model.dispose();
});

test('L1 regularisation, a last batch shorter than the others, and full-batch runs without shuffling', (t) => {
  const data = datasets.xor({ n: 64, noise: 0, seed: 9 });
  const model = nn.Sequential.withOptions({ seed: 2 }, nn.Linear(2, 5), nn.LeakyReLU(0.1), nn.Linear(5, 1));
  const options = { lr: 0.05, momentum: 0.5, nesterov: false, regularization: 'l1', regularization_rate: 0.01 };
  const optimizer = optim.SGD(model.parameters(), options);
  const run = trainLikeThePage({ model, optimizer, optimizerOptions: { kind: 'sgd', ...options }, loss: 'binary_cross_entropy_with_logits',
    data, nTrain: 47, batchSize: 10, seed: 1, epochs: 12, chunks: [7] });
  checkAgainstTorch(t, 'l1', run);
  model.dispose();

  const m2 = nn.Sequential.withOptions({ seed: 8 }, nn.Linear(2, 3), nn.GELU('tanh'), nn.Linear(3, 1), nn.Tanh());
  const initialState = m2.state_dict();
  const o2 = optim.SGD(m2.parameters(), { lr: 0.05 });
  const losses = m2.fit(data.X, data.y, { loss: 'half_mse', optimizer: o2, epochs: 20 });
  checkAgainstTorch(t, 'fullbatch', { modelJSON: m2.toJSON(), initialState, optimizer: { kind: 'sgd', lr: 0.05 }, loss: 'half_mse',
    X: data.X, y: data.y, batchSize: 0, shuffle: false, epochs: 20, losses });
  m2.dispose();
});

test('model.toPyTorch() (module and functional style) under torch gives model.forward within 1e-5', (t) => {
  if (!python) return t.skip(NO_TORCH);
  const points = datasets.spiral({ n: 50, noise: 0.2, seed: 1 }).X;
  const models = [
    nn.Sequential.withOptions({ seed: 1 }, nn.Linear(2, 6), nn.Tanh(), nn.Linear(6, 6), nn.ReLU(), nn.Linear(6, 1), nn.Sigmoid()),
    nn.Sequential.withOptions({ seed: 2 }, nn.Linear(2, 5), nn.ELU({ alpha: 0.5 }), nn.Linear(5, 4), nn.PReLU(), nn.Linear(4, 3), nn.Softmax({ dim: 1 })),
    nn.Sequential.withOptions({ seed: 3 }, nn.Linear(2, 4), nn.GELU('tanh'), nn.Linear(4, 4, { bias: false }), nn.Sine(), nn.Linear(4, 2)),
  ];
  models.forEach((model, i) => {
    const want = model.forward(points);
    for (const style of ['module', 'functional']) {
      const source = `${model.toPyTorch({ style })}
import json
x = torch.tensor(${JSON.stringify(Array.from(points, pyNumber).map(Number))}).reshape(-1, 2)
with torch.no_grad():
    print(json.dumps(model(x).reshape(-1).tolist()))
`;
      const got = JSON.parse(runPython(`forward_${i}_${style}.py`, source));
      assert.equal(got.length, want.length);
      const worst = Math.max(...got.map((v, j) => Math.abs(v - want[j])));
      assert.ok(worst <= 1e-5, `model ${i}, ${style} style: outputs differ by ${worst}`);
    }
    model.dispose();
  });
});

test('pytorchScript embeds only numbers and allow-listed names, losslessly', () => {
  const model = nn.Sequential.withOptions({ seed: 1 }, nn.Linear(2, 2), nn.Sigmoid());
  const base = { modelJSON: model.toJSON(), optimizer: { kind: 'sgd', lr: 0.1 }, loss: 'mse_loss', X: [0.1, 0.2], y: [1, 0], epochs: 1 };
  assert.throws(() => pytorchScript({ ...base, y: [1] }) && pytorchScript({ ...base, X: [1, 2, 3] }), /X must hold 2 inputs per row/);
  const hostile = structuredClone(base.modelJSON);
  hostile.modules[1] = { type: "Sigmoid(); import os; os.system('x')", params: {} };
  assert.throws(() => pytorchScript({ ...base, modelJSON: hostile }), /module 1 has no valid type/);
  hostile.modules[1] = { type: 'LeakyReLU', params: { negative_slope: '__import__("os")' } };
  assert.throws(() => pytorchScript({ ...base, modelJSON: hostile }), /must be a number or a plain word/);
  assert.throws(() => pytorchScript({ ...base, loss: 'os.system' }), /loss must be one of/);
  assert.throws(() => pytorchScript({ ...base, optimizer: { kind: 'sgd', lr: NaN } }), /optimizer.lr must be a finite number/);
  const bad = { ...base, initialState: { '0.weight; import os': [1] } };
  assert.throws(() => pytorchScript(bad), /initialState has an invalid key/);
  const w = model.state_dict()['0.weight'];
  const text = pytorchScript({ ...base, initialState: model.state_dict() });
  for (const v of w) assert.ok(text.includes(float32Text(v)), `weight ${v} is embedded in its shortest float32 form`);
  assert.equal(pyNumber(Math.fround(0.1)), '0.10000000149011612');
  assert.equal(pyNumber(-0), '-0.0');
  assert.equal(pyNumber(Infinity), "float('inf')");
  model.dispose();
});
