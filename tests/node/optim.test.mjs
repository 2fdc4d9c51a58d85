// optim.SGD / optim.Adam through the JS API: Parameter.grad is the backward's gradient (the
// regularisers enter the update only), and the edge values torch.optim accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';

const ap = await load();
const { nn, optim, datasets } = ap;
const data = datasets.xor({ n: 40, seed: 2 });
const net = (seed = 4) => nn.Sequential.withOptions({ seed }, nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));

test('Parameter.grad after a regularised step equals the gradient without regularisers', () => {
  for (const [make, options] of [
    [optim.SGD, { lr: 0.1, momentum: 0.9, weight_decay: 0.05, regularization: 'l1', regularization_rate: 0.1 }],
    [optim.Adam, { lr: 0.01, weight_decay: 0.05, regularization: 'l2', regularization_rate: 0.1 }],
  ]) {
    // Full-batch steps: the gradient of one step depends only on the weights before it.
    const plain = net(), regularised = net();
    const opt = make(regularised.parameters(), options);
    regularised.fit(data.X, data.y, { optimizer: opt, steps: 1 });
    const before = regularised.state_dict();
    regularised.fit(data.X, data.y, { optimizer: opt, steps: 1 });
    const plainOpt = make(plain.parameters(), { lr: options.lr });
    plain.load_state_dict(before);
    plain.fit(data.X, data.y, { optimizer: plainOpt, steps: 1 });
    regularised.parameters().forEach((p, i) => {
      assert.deepEqual(Array.from(p.grad), Array.from(plain.parameters()[i].grad), `${p.name}`);
      assert.ok(p.grad.some((g) => g !== 0), `${p.name} has a gradient`);
    });
    assert.notDeepEqual(regularised.state_dict()['0.weight'], plain.state_dict()['0.weight'], 'the regularisers changed the update');
    plain.dispose();
    regularised.dispose();
  }
});
