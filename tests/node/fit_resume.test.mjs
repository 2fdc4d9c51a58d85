// model.fit continues its sequence of batches across calls and restarts it when the data, batch
// size, shuffle flag or seed change (through the JS API, both builds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';

const bits = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer));
const weights = (model) => Object.values(model.state_dict()).flatMap(bits);

for (const simd of [true, false]) {
  const ap = await load({ simd });
  const { nn, optim, datasets } = ap;
  const label = simd ? 'SIMD' : 'fallback';
  const data = datasets.circle({ n: 37, noise: 0.1, seed: 3 });
  const make = () => {
    const model = nn.Sequential.withOptions({ seed: 5 }, nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
    return { model, opt: optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 }) };
  };
  const fit = (m, options, X = data.X, y = data.y) =>
    Array.from(m.model.fit(X, y, { loss: 'binary_cross_entropy', optimizer: m.opt, batch_size: 5, seed: 9, ...options }));

  for (const shuffle of [true, false]) {
    test(`k fits of one epoch give the bits of one fit of k epochs, shuffle ${shuffle} (${label} build)`, () => {
      const once = make(), pieces = make();
      const all = fit(once, { epochs: 5, shuffle });
      const parts = [];
      for (let k = 0; k < 5; k++) parts.push(...fit(pieces, { epochs: 1, shuffle }));
      assert.equal(all.length, 5 * 8);
      assert.deepEqual(bits(parts), bits(all));
      assert.deepEqual(weights(pieces.model), weights(once.model));
      const more = fit(once, { steps: 13, shuffle });
      const moreParts = [...fit(pieces, { steps: 4, shuffle }), ...fit(pieces, { steps: 9, shuffle })];
      assert.deepEqual(bits(moreParts), bits(more), 'steps that end mid-epoch');
      assert.deepEqual(weights(pieces.model), weights(once.model));
      once.model.dispose();
      pieces.model.dispose();
    });
  }

  test(`fit restarts its sequence when data, batch_size, shuffle or seed change (${label} build)`, () => {
    // Plain SGD has no state, so a new model loaded with the same weights is a restarted one.
    const changes = {
      'no change': {},
      data: { X: data.X.map((v, i) => (i === 0 ? v + 0.25 : v)) },
      batch_size: { batch_size: 4 },
      shuffle: { shuffle: false },
      seed: { seed: 10 },
    };
    for (const [what, change] of Object.entries(changes)) {
      const a = nn.Sequential.withOptions({ seed: 5 }, nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
      const resumed = { model: a, opt: optim.SGD(a.parameters(), { lr: 0.1 }) };
      fit(resumed, { steps: 11, shuffle: true });
      const b = nn.Sequential.withOptions({ seed: 0 }, nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
      b.load_state_dict(a.state_dict());
      const fresh = { model: b, opt: optim.SGD(b.parameters(), { lr: 0.1 }) };
      const { X = data.X, ...options } = change;
      const r = fit(resumed, { steps: 20, shuffle: true, ...options }, X);
      const f = fit(fresh, { steps: 20, shuffle: true, ...options }, X);
      if (what === 'no change') assert.notDeepEqual(bits(r), bits(f), 'without a change the sequence continues');
      else assert.deepEqual(bits(r), bits(f), `${what}: restarts`);
      a.dispose();
      b.dispose();
    }
  });
}
