// Edge values as PyTorch takes them, and counts, sizes and seeds range-checked by the core before any
// conversion: every refusal names the function and the argument, and the module keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { load } from '../../dist/node.mjs';

const ap = await load();
const { nn, optim, datasets } = ap;
const data = datasets.circle({ n: 20, seed: 1 });
const net = () => nn.Sequential.withOptions({ seed: 1 }, nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1), nn.Sigmoid());
const fitWith = (model, optimizer, options) => model.fit(data.X, data.y, { loss: 'binary_cross_entropy', optimizer, ...options });

test('fit refuses batch_size 0; without batch_size it takes the full batch', () => {
  const model = net(), opt = optim.SGD(model.parameters(), { lr: 0.1 });
  assert.throws(() => fitWith(model, opt, { epochs: 1, batch_size: 0 }), { message: 'model.fit: batch_size must be at least 1 (omit it for the full batch)' });
  assert.equal(fitWith(model, opt, { epochs: 3 }).length, 3, 'one full-batch step per epoch');
  assert.equal(fitWith(model, opt, { epochs: 1, batch_size: 6 }).length, 4);
  model.dispose();
});

test('optimizers take lr = 0 (the weights stay), not a negative or NaN lr', () => {
  const model = net();
  const before = model.state_dict();
  for (const make of [optim.SGD, optim.Adam]) {
    const opt = make(model.parameters(), { lr: 0 });
    fitWith(model, opt, { steps: 3 });
    assert.deepEqual(model.state_dict(), before);
    opt.lr = 0.5;
    opt.lr = 0;
    assert.throws(() => { opt.lr = -0.1; }, /lr must be a finite number >= 0/);
  }
  assert.throws(() => optim.SGD(model.parameters(), { lr: -1 }), { message: 'optim.SGD: lr must be >= 0' });
  assert.throws(() => optim.Adam(model.parameters(), { lr: NaN }), { message: "optim.Adam: 'lr' must be a finite number" });
  model.dispose();
});

test('counts, sizes and seeds are checked before any conversion, naming function and argument', () => {
  const model = net(), opt = optim.SGD(model.parameters(), { lr: 0.1 });
  const refused = [
    [() => fitWith(model, opt, { steps: 2.5 }), "model.fit: 'steps' must be an integer between 0 and 1000000 (got 2.5)"],
    [() => fitWith(model, opt, { steps: -1 }), "model.fit: 'steps' must be an integer between 0 and 1000000 (got -1)"],
    [() => fitWith(model, opt, { epochs: 1e300 }), "model.fit: 'epochs' must be an integer between 0 and 1000000 (got 1.0000000000000001e+300)"],
    [() => fitWith(model, opt, { epochs: 600000, batch_size: 10 }), 'model.fit: 600000 epochs of 2 steps in one call is more than the limit of 1000000 steps'],
    [() => fitWith(model, opt, { steps: 1, batch_size: 2 ** 32 + 1 }), "model.fit: 'batch_size' must be an integer between 0 and 1048576 (got 4294967297)"],
    [() => fitWith(model, opt, { steps: 1, seed: 2 ** 53 + 2 }), "model.fit: 'seed' must be an integer between 0 and 9007199254740992 (got 9007199254740994)"],
    [() => fitWith(model, opt, { steps: 1, seed: -1 }), "model.fit: 'seed' must be an integer between 0 and 9007199254740992 (got -1)"],
    [() => model.reset_parameters({ seed: 0.5 }), "model.reset_parameters: 'seed' must be an integer between 0 and 9007199254740992 (got 0.5)"],
    [() => model.reset_parameters({ seed: 2 ** 64 }), "model.reset_parameters: 'seed' must be an integer between 0 and 9007199254740992 (got 1.8446744073709552e+19)"],
    [() => model.reset_parameters({ seed: '1' }), "model.reset_parameters: 'seed' must be a number (got string 1)"],
    [() => nn.Sequential.withOptions({ seed: -3 }, nn.Linear(2, 1)), "nn.Sequential.withOptions: 'seed' must be an integer between 0 and 9007199254740992 (got -3)"],
    [() => datasets.circle({ seed: 1.5 }), "datasets.circle: 'seed' must be an integer between 0 and 9007199254740992 (got 1.5)"],
    [() => datasets.spirals({ classes: 2.5 }), "datasets.spirals: 'classes' must be an integer between 2 and 10 (got 2.5)"],
    [() => datasets.circle({ n: -5 }), "datasets.circle: 'n' must be an integer between 2 and 100000 (got -5)"],
    [() => ap.grid(model, { n: 2.5 }), "grid: 'n' must be an integer between 2 and 512 (got 2.5)"],
    [() => ap.grid(model, { n: 1 }), "grid: 'n' must be an integer between 2 and 512 (got 1)"],
  ];
  for (const [call, message] of refused) assert.throws(call, { message });
  model.reset_parameters({ seed: 2 ** 53 });
  assert.equal(fitWith(model, opt, { steps: 2, seed: 2 ** 53, shuffle: true, batch_size: 5 }).length, 2, 'the largest seed works');
  model.dispose();
});

test('a constructor that throws frees its C++ model', () => {
  const heap = () => ap.memoryStats().heapInUse;
  assert.throws(() => nn.Sequential.withOptions({ seed: -1 }, nn.Linear(64, 64)), /'seed' must be an integer/);  // warm-up
  const before = heap();
  for (let i = 0; i < 200; i++) assert.throws(() => nn.Sequential.withOptions({ seed: -1 }, nn.Linear(64, 64)), /'seed' must be an integer/);
  assert.equal(heap(), before, 'no model left behind');
});

test('an optimizer does not keep a disposed, dropped model reachable', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const make = () => {
    const model = net();
    const opt = optim.SGD(model.parameters(), { lr: 0.1 });
    fitWith(model, opt, { steps: 1 });
    model.dispose();
    return new WeakRef(model);
  };
  const ref = make();
  for (let i = 0; i < 5 && ref.deref(); i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  assert.equal(ref.deref(), undefined);
});
