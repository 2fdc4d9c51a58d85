// F.<loss> with PyTorch's `reduction` against PyTorch 1.13 (tests/reference/torch_losses.json), and
// every options object of the API refusing names it does not accept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from '../../dist/node.mjs';

const ref = JSON.parse(readFileSync(new URL('../reference/torch_losses.json', import.meta.url), 'utf8'));
const close = (got, want) => Math.abs(got - want) <= 1e-5 * Math.abs(want) + 1e-6;

for (const simd of [true, false]) {
  const { F } = await load({ simd });
  test(`F.<loss>(x, t, { reduction }) and .backward match PyTorch (${simd ? 'SIMD' : 'fallback'} build)`, () => {
    assert.equal(ref.cases.length, 15);
    for (const c of ref.cases) {
      const where = `${c.loss} ${c.reduction}`;
      const options = { reduction: c.reduction };
      const value = F[c.loss](c.input, c.target, options);
      if (c.reduction === 'none') {
        assert.ok(value instanceof Float32Array, where);
        assert.equal(value.length, c.value.length, `${where}: PyTorch's number of elements`);
        value.forEach((v, i) => assert.ok(close(v, c.value[i]), `${where}[${i}]: ${v} vs ${c.value[i]}`));
      } else {
        assert.equal(typeof value, 'number', where);
        assert.ok(close(value, c.value[0]), `${where}: ${value} vs ${c.value[0]}`);
      }
      const grad = F[c.loss].backward(c.input, c.target, options);
      assert.equal(grad.length, c.grad.length);
      grad.forEach((g, i) => assert.ok(close(g, c.grad[i]), `${where}: grad[${i}] ${g} vs ${c.grad[i]}`));
    }
  });
}

test('losses refuse unknown reductions and options, naming the accepted ones', async () => {
  const { F } = await load();
  assert.throws(() => F.mse_loss([1], [0], { reduction: 'nope' }), { message: "F.mse_loss: reduction must be one of 'mean', 'sum', 'none' (got 'nope')" });
  assert.throws(() => F.mse_loss([1], [0], { reduce: 'sum' }), { message: "F.mse_loss: unknown option 'reduce' (accepted: reduction)" });
  assert.throws(() => F.cross_entropy.backward([1, 2], [0], { weight: [1, 1] }), /F\.cross_entropy: unknown option 'weight' \(accepted: reduction\)/);
  assert.throws(() => F.binary_cross_entropy([0.5], [1], { reduction: 1 }), /F\.binary_cross_entropy: reduction must be 'mean', 'sum' or 'none' \(got number 1\)/);
  assert.throws(() => F.half_mse([1], [0], 'sum'), /F\.half_mse: options must be an object \(got string sum\)/);
});

test('every options object refuses a name it does not accept', async () => {
  const ap = await load();
  const { nn, optim, datasets } = ap;
  const model = nn.Sequential(nn.Linear(2, 1));
  const optimizer = optim.SGD(model.parameters(), { lr: 0.1 });
  const before = model.state_dict()['0.weight'];
  const cases = [
    ['nn.Linear', () => nn.Linear(2, 1, { bais: false }), 'bais'],
    ['nn.Sequential.withOptions', () => nn.Sequential.withOptions({ sead: 1 }, nn.Linear(2, 1)), 'sead'],
    ['model.reset_parameters', () => model.reset_parameters({ scheme: 'xavier' }), 'scheme'],
    ['model.fit', () => model.fit([[1, 2]], [1], { optimizer, steps: 1, batchsize: 1 }), 'batchsize'],
    ['model.train_step', () => model.train_step([[1, 2]], [1], { optimizer, lr: 1 }), 'lr'],
    ['model.evaluate', () => model.evaluate([[1, 2]], [1], { reduction: 'sum' }), 'reduction'],
    ['model.backward', () => model.backward([[1, 2]], [1], { optimizer }), 'optimizer'],
    ['model.toPyTorch', () => model.toPyTorch({ format: 'module' }), 'format'],
    ['optim.Adam', () => optim.Adam(model.parameters(), { momentum: 0.9 }), 'momentum'],
    ['datasets.circle', () => datasets.circle({ points: 10 }), 'points'],
    ['grid', () => ap.grid(model, { size: 10 }), 'size'],
  ];
  for (const [where, call, name] of cases) {
    assert.throws(call, (e) => e instanceof Error && e.message.startsWith(`${where}: unknown option '${name}' (accepted: `), where);
  }
  assert.deepEqual(model.state_dict()['0.weight'], before, 'the refused fit and reset_parameters changed nothing');
  model.dispose();
});
