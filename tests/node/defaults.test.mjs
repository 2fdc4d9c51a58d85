// Defaults the bindings take from the core (OptimizerOptions::defaults, TrainOptions): an option left
// out behaves as PyTorch's default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';

const ap = await load();

test("Adam without lr steps with torch.optim.Adam's default lr of 1e-3 (the first step moves each weight by lr)", () => {
  const model = ap.nn.Sequential.withOptions({ seed: 1 }, ap.nn.Linear(2, 1));
  const before = model.state_dict()['0.weight'];
  const opt = ap.optim.Adam(model.parameters());
  model.fit([[1, -2], [0.5, 3]], [1, -1], { loss: 'mse_loss', optimizer: opt, steps: 1 });
  const after = model.state_dict()['0.weight'];
  // Adam's first update is lr · m̂ / (√v̂ + eps) = lr · g / (|g| + eps): lr in size for every weight.
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(Math.abs(after[i] - before[i]) - 1e-3) < 1e-6, `weight ${i}: moved ${after[i] - before[i]}`);
  model.dispose();
});

test('fit without shuffle or seed keeps the stored order: two models give the same losses, and shuffle changes them', () => {
  const d = ap.datasets.circle({ n: 40, seed: 2 });
  const run = (extra) => {
    const model = ap.nn.Sequential.withOptions({ seed: 3 }, ap.nn.Linear(2, 3), ap.nn.Tanh(), ap.nn.Linear(3, 1));
    const losses = model.fit(d.X, d.y, { loss: 'mse_loss', optimizer: ap.optim.SGD(model.parameters(), { lr: 0.1 }), epochs: 2, batch_size: 8, ...extra });
    model.dispose();
    return Array.from(losses);
  };
  assert.deepEqual(run({}), run({ shuffle: false, seed: 0 }));
  assert.notDeepEqual(run({}), run({ shuffle: true }));
});
