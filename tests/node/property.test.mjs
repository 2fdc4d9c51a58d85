// Property tests of the JS API with fast-check, seeded (AP_TEST_SEED) so a failure reproduces:
// valid calls give finite results where PyTorch would; invalid ones throw Errors naming the
// function; nn.fromJSON and load_state_dict reject malformed documents without touching
// Object.prototype; and the WASM heap returns to its baseline after dispose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { load } from '../../dist/node.mjs';
import { rng, int, uniform, validParams, network, data } from './random_cases.mjs';

const ap = await load();
const { F, nn, optim, datasets } = ap;
const SEED = Number(process.env.AP_TEST_SEED ?? 15);
const check = (property, numRuns) => fc.assert(property, { seed: SEED, numRuns });
const entries = ap.listActivations();
const finite = (a) => Array.from(a).every(Number.isFinite);

/** Runs fn, which must throw an Error whose message starts with `name: ` and, if given, names `argument`. */
function throwsNaming(fn, name, argument) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, `${name}: expected an Error, got ${error === undefined ? 'no throw' : String(error)}`);
  assert.ok(error.message.startsWith(`${name}: `), `expected a message naming ${name}, got: ${error.message}`);
  if (argument) assert.ok(error.message.includes(argument), `expected ${name}'s message to name ${argument}, got: ${error.message}`);
}

test('activations with valid parameters give finite values and gradients for finite inputs', () => {
  check(fc.property(fc.constantFrom(...entries), fc.integer(), fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 40 }),
    (a, seed, xs) => {
      const opts = validParams(a, rng(seed));
      assert.ok(finite(F[a.name](xs, opts)), `${a.name}(${JSON.stringify(opts)})`);
      assert.ok(finite(F[a.name].backward(xs, null, opts)), `${a.name}.backward(${JSON.stringify(opts)})`);
    }), 800);
});

test('random networks train to finite losses and weights (Adam, lr <= 0.05), evaluate and grid finitely', () => {
  check(fc.property(fc.integer(), fc.constantFrom('mse_loss', 'half_mse', 'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'cross_entropy'),
    (seed, loss) => {
      const rand = rng(seed);
      const net = network(ap, rand, { finalActivation: loss === 'binary_cross_entropy' ? 'Sigmoid' : undefined });
      const model = nn.Sequential.withOptions({ seed: int(rand, 0, 1000) }, ...net.modules);
      try {
        const n = int(rand, 1, 30);
        const { x, y } = data(rand, n, net.inputs, net.outputs, loss);
        assert.ok(finite(model.forward(x)));
        const optimizer = optim.Adam(model.parameters(), { lr: uniform(rand, 1e-4, 0.05), weight_decay: rand() < 0.5 ? 0 : 0.01 });
        const losses = model.fit(x, y, { loss, optimizer, steps: int(rand, 1, 30), batch_size: int(rand, 1, n + 2), shuffle: rand() < 0.5 });
        assert.ok(finite(losses), `losses ${losses}`);
        for (const [k, v] of Object.entries(model.state_dict())) assert.ok(finite(v), k);
        const e = model.evaluate(x, y, { loss });
        assert.ok(Number.isFinite(e.loss) && e.accuracy >= 0 && e.accuracy <= 1);
        if (net.inputs <= 2) assert.ok(finite(ap.grid(model, { n: 4, features: ['x1', 'x2'].slice(0, net.inputs) }).output));
      } finally {
        model.dispose();
      }
    }), 150);
});

// Options that are null or undefined mean "the default"; these are wrong in every place they go.
const badCounts = [-1, 1.5, NaN, Infinity, -Infinity, '3', {}, 1e300];
const badParams = [NaN, Infinity, -Infinity, '1', {}, [1], true];
const badElements = ['1', null, undefined, {}, [1], true];

test('invalid arguments throw Errors that name the function', () => {
  const model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));
  const opt = optim.SGD(model.parameters(), { lr: 0.1 });
  const x = [[1, 2], [3, 4]], y = [1, 0];
  try {
    check(fc.property(fc.constantFrom(...entries), fc.constantFrom(...badParams), fc.constantFrom(...badElements), fc.nat(), (a, bad, element, which) => {
      const where = `F.${a.name}`;
      // the input: not numbers; a parameter: not a finite number; an unknown option
      throwsNaming(() => F[a.name]([1, element, 2]), where);
      throwsNaming(() => F[a.name].backward([1, 2], [1, 2, 3]), `${where}.backward`);
      throwsNaming(() => F[a.name]([1], { no_such_option: 1 }), where);
      const numeric = a.params.filter((p) => !p.choices);
      if (numeric.length) throwsNaming(() => F[a.name]([1], { [numeric[which % numeric.length].name]: bad }), where);
      if (a.params.some((p) => p.choices)) throwsNaming(() => F[a.name]([1], { [a.params[0].name]: 'nope' }), where);
    }), 200);
    check(fc.property(fc.constantFrom(...badCounts, null, 2 ** 32 + 1), (bad) => {  // over the limits, or no count at all
      throwsNaming(() => nn.Linear(bad, 2), 'nn.Linear', 'in_features');
      throwsNaming(() => nn.Linear(2, bad), 'nn.Linear', 'out_features');
      if (bad !== null) {
        throwsNaming(() => model.fit(x, y, { optimizer: opt, steps: bad }), 'model.fit', 'steps');
        throwsNaming(() => model.fit(x, y, { optimizer: opt, epochs: bad }), 'model.fit', 'epochs');
        throwsNaming(() => datasets.circle({ n: bad }), 'datasets.circle', "'n'");
        throwsNaming(() => datasets.blobs({ n: 20, classes: bad }), 'datasets.blobs', 'classes');
      }
    }), 40);
    check(fc.property(fc.constantFrom(...badCounts), (bad) => {
      for (const key of ['batch_size', 'seed']) throwsNaming(() => model.fit(x, y, { optimizer: opt, steps: 1, [key]: bad }), 'model.fit', key);
      throwsNaming(() => model.reset_parameters({ seed: bad }), 'model.reset_parameters', 'seed');
      throwsNaming(() => nn.Sequential.withOptions({ seed: bad }, nn.Linear(1, 1)), 'nn.Sequential.withOptions', 'seed');
      throwsNaming(() => ap.grid(model, { n: bad }), 'grid', "'n'");
      throwsNaming(() => datasets.circle({ n: 20, seed: bad }), 'datasets.circle', 'seed');
    }), badCounts.length * 3);
    check(fc.property(fc.constantFrom(...badParams), fc.constantFrom(...badElements), (bad, element) => {
      throwsNaming(() => optim.SGD(model.parameters(), { lr: bad }), 'optim.SGD', 'lr');
      throwsNaming(() => optim.Adam(model.parameters(), { eps: bad }), 'optim.Adam', 'eps');
      throwsNaming(() => model.forward([[1, element]]), 'model.forward', 'x');
      throwsNaming(() => F.mse_loss([1, element], [1, 2]), 'F.mse_loss');
      if (typeof bad === 'number') {  // training data must be finite (forward and losses propagate NaN, as PyTorch)
        throwsNaming(() => model.fit([[1, bad], [1, 2]], y, { optimizer: opt, steps: 1 }), 'model.fit');
        throwsNaming(() => model.fit(x, [1, bad], { optimizer: opt, steps: 1 }), 'model.fit');
      }
    }), 60);
    // wrong lengths and unknown names
    throwsNaming(() => model.forward([1, 2, 3]), 'model.forward');
    throwsNaming(() => model.fit(x, [1, 2, 3], { optimizer: opt, steps: 1 }), 'model.fit');
    throwsNaming(() => F.mse_loss([1, 2], [1]), 'F.mse_loss');
    throwsNaming(() => F.cross_entropy([1, 2, 3], [0, 1]), 'F.cross_entropy');
    throwsNaming(() => model.fit(x, y, { optimizer: opt, steps: 1, loss: 'nope' }), 'model.fit', 'loss');
    throwsNaming(() => model.reset_parameters({ init: 'nope' }), 'model.reset_parameters', 'init');
    throwsNaming(() => datasets.function_boundary({ n: 20, function: 'nope' }), 'datasets.function_boundary', 'function');
    throwsNaming(() => datasets.features([[1, 2]], ['nope']), 'datasets.features');
    throwsNaming(() => nn.Linear(2, 2, { bias: 'no' }), 'nn.Linear', 'bias');
    throwsNaming(() => optim.SGD(model.parameters(), { lr: 0.1, regularization: 'l3' }), 'optim.SGD', 'regularization');
    throwsNaming(() => optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: 'yes' }), 'optim.SGD', 'nesterov');
    throwsNaming(() => model.fit(x, y, { optimizer: opt, steps: 1, shuffle: 'no' }), 'model.fit', 'shuffle');
    throwsNaming(() => model.fit(x, y, { optimizer: opt, steps: 1, epochs: 1 }), 'model.fit', 'not both');
    throwsNaming(() => model.fit([], [], { optimizer: opt, steps: 1 }), 'model.fit', 'x is empty');
    throwsNaming(() => ap.grid(model, { copy: 'no' }), 'grid', 'copy');
    throwsNaming(() => optim.SGD(model.parameters(), { lr: 1e40 }), 'optim.SGD', 'lr');
    throwsNaming(() => ap.activation('nope'), 'ap.activation', 'nope');
    throwsNaming(() => new nn.Module(), 'nn.Sequential', 'module');
  } finally {
    model.dispose();
  }
});

// ---- documents ------------------------------------------------------------------------------
const reference = nn.Sequential(nn.Linear(2, 3), nn.PReLU(), nn.Linear(3, 2, { bias: false }), nn.Softplus(2, 10));
const valid = reference.toJSON();
reference.dispose();
const clone = (v) => JSON.parse(JSON.stringify(v));
const KEYS = ['0.weight', '0.bias', '1.weight', '2.weight'];

/** Ways to break a toJSON() document, each of which must be refused. */
const breakers = [
  (d) => delete d.format, (d) => delete d.modules, (d) => delete d.state_dict, (d, k) => delete d.state_dict[KEYS[k % 4]],
  (d) => delete d.modules[0].type, (d) => delete d.modules[2].in, (d) => { d.format = 1; },
  (d, k) => { d.modules = [{}, 'x', null, 5][k % 4]; }, (d, k) => { d.state_dict = ['x', [], null, 5][k % 4]; },
  (d, k) => { d.modules[k % 4] = [null, 'Linear', 7, []][k % 4]; }, (d, k) => { d.modules[0].in = ['2', 2.5, -1, 1e9][k % 4]; },
  (d, k) => { d.modules[k % 2 === 0 ? 0 : 2].bias = ['yes', 1, 'false', {}][k % 4]; }, (d, k) => { d.modules[1].type = ['Conv2d', 'constructor', 'toString', '__proto__', 'Module', 'Sequential', 'fromJSON'][k % 7]; },
  (d, k) => { d.modules[3].params = [5, 'x', [1], null][k % 4]; }, (d, k) => { d.modules[3].params = { beta: [NaN, '2', {}, Infinity][k % 4] }; },
  (d, k) => { d.state_dict[KEYS[k % 4]].push(0); }, (d, k) => { d.state_dict[KEYS[k % 4]].pop(); },
  (d, k) => { d.state_dict[KEYS[k % 4]][0] = [NaN, Infinity, '1', null, {}, [1]][k % 6]; },
  (d, k) => { d.state_dict[KEYS[k % 4]] = ['x', 5, null, true, {}][k % 5]; },
  (d) => { d.state_dict['0.weight'] = [[1, 2, 3], [4, 5, 6]]; }, // rows of the wrong shape ([2, 3], not [3, 2])
  (d, k) => { d.state_dict[KEYS[k % 4]] = new Float32Array(k % 2 ? 2 ** 20 : 2 ** 26); },
  (d, k) => { Object.defineProperty(d.state_dict, ['__proto__', 'constructor', 'prototype', 'toString'][k % 4], { value: { polluted: 1 }, enumerable: true }); },
  (d, k) => { d.modules[3].params = JSON.parse(`{"${['__proto__', 'constructor'][k % 2]}": {"polluted": 1}}`); },
  // a misspelt or foreign key, which would otherwise be dropped (a 'bais': false model keeps its biases)
  (d, k) => { [d.modules[0], d.modules[1], d, d.modules[2]][k % 4][['bais', 'foo', 'extra', 'Bias'][k % 4]] = false; },
];

const STATE_BREAKERS = new Set([3, 15, 16, 17, 18, 19, 20, 21]);  // those that break only the state_dict

test('nn.fromJSON and load_state_dict refuse every malformed document and never touch Object.prototype', () => {
  const fresh = nn.fromJSON(valid); // the unbroken document loads and round-trips
  assert.deepEqual(fresh.toJSON(), valid);
  const before = fresh.state_dict();
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  try {
    check(fc.property(fc.nat(breakers.length - 1), fc.nat(), fc.boolean(), (b, k, asText) => {
      const doc = clone(valid);
      breakers[b](doc, k);
      // As text, a "__proto__" key is an own key of the parsed object (as from a file or a network).
      // As text (when JSON keeps it intact: no NaN, no typed arrays), "__proto__" is an own key, as in a file.
      const typed = Object.values(doc.state_dict ?? {}).some(ArrayBuffer.isView);
      const text = asText && !typed ? JSON.stringify(doc) : undefined;
      const input = text !== undefined && isDeepStrictEqual(JSON.parse(text), doc) ? text : doc;
      throwsNaming(() => nn.fromJSON(input), 'nn.fromJSON');
      if (STATE_BREAKERS.has(b)) {
        throwsNaming(() => fresh.load_state_dict(doc.state_dict), 'model.load_state_dict');
        for (const [key, v] of Object.entries(fresh.state_dict())) assert.deepEqual(v, before[key], 'a refused load changes nothing');
      }
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoKeys);
      assert.equal({}.polluted, undefined);
    }), 600);
  } finally {
    fresh.dispose();
  }
});

test('load_state_dict: strict (the default) needs every key; strict: false loads the keys present, as in PyTorch', () => {
  const model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));
  try {
    const sd = model.state_dict();
    const weight = Float32Array.from(sd['2.weight'], (v) => v + 1);
    throwsNaming(() => model.load_state_dict({ '2.weight': weight }), 'model.load_state_dict', 'missing keys 0.weight, 0.bias, 2.bias');
    throwsNaming(() => model.load_state_dict(sd, { strict: 'no' }), 'model.load_state_dict', 'strict');
    throwsNaming(() => model.load_state_dict(sd, { stric: false }), 'model.load_state_dict', 'stric');
    model.load_state_dict({ '2.weight': weight, '9.weight': [1] }, { strict: false });
    const after = model.state_dict();
    assert.deepEqual(after['2.weight'], weight);
    for (const key of ['0.weight', '0.bias', '2.bias']) assert.deepEqual(after[key], sd[key], `${key} kept`);
    throwsNaming(() => model.load_state_dict({ '2.weight': [1, 2] }, { strict: false }), 'model.load_state_dict', '2.weight');
    throwsNaming(() => model.load_state_dict({ 'module.0.weight': [1] }, { strict: false }), 'model.load_state_dict', "no key matches this model's");
    throwsNaming(() => nn.fromJSON(model.toJSON(), { strict: false }), 'nn.fromJSON', 'one argument');
    const misspelt = model.toJSON();
    misspelt.modules[0].bais = false;
    throwsNaming(() => nn.fromJSON(misspelt), 'nn.fromJSON', 'module 0 has unknown key "bais" (accepted: type, in, out, bias)');
  } finally {
    model.dispose();
  }
});

// ---- memory ----------------------------------------------------------------------------------
/** One API action of each kind; every object it makes is disposed before it returns. */
const actions = [
  (r) => { const m = nn.Sequential(...network(ap, r).modules); m.forward(new Float32Array(m.inFeatures * 3)); m.dispose(); },
  (r) => {
    const net = network(ap, r);
    const m = nn.Sequential(...net.modules);
    const { x, y } = data(r, 8, net.inputs, net.outputs, 'mse_loss');
    m.fit(x, y, { optimizer: optim[r() < 0.5 ? 'SGD' : 'Adam'](m.parameters(), { lr: 0.01 }), steps: 5, batch_size: 3, shuffle: true });
    if (net.inputs <= 2) ap.grid(m, { n: 8, features: ['x1', 'x2'].slice(0, net.inputs) });
    m.diagnostics();
    m.dispose();
  },
  (r) => { const m = nn.fromJSON(valid); m.load_state_dict(m.state_dict()); m.dispose(); },
  (r) => { const b = ap.buffer(int(r, 0, 5000)); F.tanh(b, { out: b }); b.dispose(); },
  (r) => { datasets.spiral({ n: int(r, 2, 300), seed: 1 }); datasets.features([[1, 2]], ['x1', 'sin_x2']); },
  (r) => { try { nn.fromJSON({ ...clone(valid), state_dict: {} }); } catch { /* refused */ } },
  (r) => { try { F.softmax(new Float32Array(7), { shape: [2, 3] }); } catch { /* refused */ } },
];

test('the WASM heap returns to its baseline after random API use and dispose', () => {
  for (const a of actions) a(rng(1)); // first use of each path may allocate for good (Embind tables)
  const baseline = ap.memoryStats();
  check(fc.property(fc.array(fc.tuple(fc.nat(actions.length - 1), fc.integer()), { minLength: 1, maxLength: 12 }), (steps) => {
    for (const [a, seed] of steps) actions[a](rng(seed));
    const now = ap.memoryStats();
    assert.equal(now.heapInUse, baseline.heapInUse, 'bytes in use');
    assert.equal(now.stackPointer, baseline.stackPointer, 'stack pointer');
  }), 100);
});
