// The core gives the same bits natively and in both WASM builds: each scenario (every optimizer
// setting, regularisation and a learnable PReLU) runs in the native build (build/ap_dump_run) and
// through the JS API of the SIMD and fallback builds in this one test run, and every initial weight,
// per-step loss and trained weight is compared bit for bit; each run also lowers the loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { load } from '../../dist/node.mjs';

const tool = new URL('../../build/ap_dump_run', import.meta.url).pathname;
const scenarios = [
  { activation: 'tanh', loss: 'mse_loss', optimizer: 'sgd', momentum: 0.9, nesterov: 1, regularization: 1, init: 'xavier', seed: 99 },
  { activation: 'relu', loss: 'binary_cross_entropy_with_logits', optimizer: 'adam', regularization: 2, init: 'xavier', seed: 99 },
  { activation: 'gelu', loss: 'mse_loss', optimizer: 'adam', init: 'kaiming', seed: 2024 },
  { activation: 'prelu', loss: 'mse_loss', optimizer: 'sgd', momentum: 0.5, init: 'pytorch', seed: 7 },
];
const bits = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer));
const floats = (b) => new Float32Array(Uint32Array.from(b).buffer);

test('a seeded training run gives the same bits natively and in both WASM builds', async () => {
  assert.ok(existsSync(tool), `${tool} is missing: build the native tree first (npm test does)`);
  for (const simd of [true, false]) {
    const ap = await load({ simd });
    for (const s of scenarios) {
      const args = Object.entries(s).map(([k, v]) => `${k}=${v}`);
      const native = JSON.parse(execFileSync(tool, args, { encoding: 'utf8' }));
      const model = ap.nn.Sequential.withOptions({ seed: s.seed, init: s.init },
        ap.nn.Linear(3, 5), ap.nn[ap.activation(s.activation).module](), ap.nn.Linear(5, 1));
      const label = `${simd ? 'SIMD' : 'fallback'} ${s.activation}`;
      for (const [k, v] of Object.entries(model.state_dict())) assert.deepEqual(bits(v), native[`initial ${k}`], `${label}: initial ${k}`);
      const r = s.regularization ?? 0;
      const common = { lr: 0.05, weight_decay: 0.01, regularization: ['none', 'l1', 'l2'][r], regularization_rate: r ? 0.001 : 0 };
      const optimizer = s.optimizer === 'adam'
        ? ap.optim.Adam(model.parameters(), common)
        : ap.optim.SGD(model.parameters(), { ...common, momentum: s.momentum ?? 0, nesterov: Boolean(s.nesterov) });
      const losses = model.fit(floats(native.x), floats(native.targets), { loss: s.loss, optimizer, batch_size: 16, epochs: 5, shuffle: true, seed: 3 });
      assert.deepEqual(bits(losses), native.losses, `${label}: losses`);
      const epoch = (e) => losses.slice(4 * e, 4 * e + 4).reduce((p, v) => p + v, 0);  // 4 steps an epoch
      assert.ok(epoch(4) < epoch(0), `${label}: the last epoch's loss ${epoch(4)} is below the first's ${epoch(0)}`);
      for (const [k, v] of Object.entries(model.state_dict())) assert.deepEqual(bits(v), native[`final ${k}`], `${label}: final ${k}`);
      model.dispose();
    }
  }
});
