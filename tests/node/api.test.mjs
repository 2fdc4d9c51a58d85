// The JS entry in Node: build selection, agreement between builds, the F API, and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { load, simdSupported } from '../../dist/node.mjs';

const simd = await load();
const fallback = await load({ simd: false });

/** A grid over [-12, 12] plus the edge values the core must handle. */
function inputs() {
  const edges = [0, -0, Infinity, -Infinity, NaN, 100, -100, 1e-8, -1e-8, 20, -20, 88, -88, 89, -89, 3.4e38, -3.4e38];
  const grid = Array.from({ length: 2001 }, (_, i) => -12 + (24 * i) / 2000);
  return Float32Array.from([...edges, ...grid]);
}

test('the SIMD build is chosen in Node 20 and the fallback can be forced', () => {
  assert.equal(simdSupported(), true);
  assert.equal(simd.buildInfo().simd, true);
  assert.equal(simd.buildInfo().variant, 'simd');
  assert.equal(simd.buildInfo().isa, 'wasm-simd128');
  assert.equal(fallback.buildInfo().simd, false);
  assert.equal(fallback.buildInfo().variant, 'nosimd');
});

test('SIMD and fallback builds give bit-identical values and gradients for every activation', () => {
  const x = inputs();
  const g = x.map((_, i) => ((i * 37) % 11) / 5 - 1);
  for (const a of simd.listActivations()) {
    const opts = a.kind === 'vector' ? { shape: [x.length / 2, 2] } : {};
    for (const p of a.params) if (p.required) opts[p.name] = 0.5;
    for (const [name, fa, fb] of [
      ['forward', simd.F[a.name](x, opts), fallback.F[a.name](x, opts)],
      ['backward', simd.F[a.name].backward(x, g, opts), fallback.F[a.name].backward(x, g, opts)],
    ]) {
      assert.equal(fa.length, x.length);
      for (let i = 0; i < x.length; i++) {
        assert.ok(Object.is(fa[i], fb[i]), `${a.name} ${name} at x=${x[i]}: simd ${fa[i]} vs fallback ${fb[i]}`);
      }
    }
  }
});

test('values agree with a float64 evaluation in JS', () => {
  const x = inputs();
  const ref = {
    step: (v) => (v > 0 ? 1 : 0),
    sigmoid: (v) => 1 / (1 + Math.exp(-v)),
    tanh: Math.tanh,
    relu: (v) => (Number.isNaN(v) ? NaN : Math.max(v, 0)),
    leaky_relu: (v) => (v > 0 ? v : 0.01 * v),
  };
  for (const [name, f] of Object.entries(ref)) {
    const y = simd.F[name](x);
    for (let i = 0; i < x.length; i++) {
      const want = f(x[i]);
      if (!Number.isFinite(want)) assert.ok(Object.is(y[i], want), `${name}(${x[i]}) = ${y[i]}, want ${want}`);
      else assert.ok(Math.abs(y[i] - want) <= 1e-6 + 4 * 1.2e-7 * Math.abs(want), `${name}(${x[i]}) = ${y[i]}, want ${want}`);
    }
  }
});

test('functional API: PyTorch-style parameters, positional slope, gradients, softmax dims', () => {
  const { F } = simd;
  assert.deepEqual([...F.leaky_relu([-2, 3], 0.2)], [Math.fround(-0.4), 3]);
  assert.deepEqual([...F.leaky_relu([-2, 3], { negative_slope: 0.5 })], [-1, 3]);
  assert.deepEqual([...F.leaky_relu.backward([-2, 0, 3], [1, 1, 2])], [Math.fround(0.01), Math.fround(0.01), 2]);
  assert.deepEqual([...F.relu.backward([-1, 0, 2])], [0, 0, 1]);
  assert.ok(Object.is(F.relu([-0])[0], -0), 'relu(-0) is -0 as in PyTorch');
  const rows = F.softmax([1, 2, 3, 1, 1, 1], { shape: [2, 3] });
  assert.ok(Math.abs(rows[0] + rows[1] + rows[2] - 1) < 1e-6);
  assert.ok(Math.abs(rows[3] - 1 / 3) < 1e-7);
  const cols = F.softmax([1, 2, 3, 4], { shape: [2, 2], dim: 0 });
  assert.ok(Math.abs(cols[0] + cols[2] - 1) < 1e-6 && Math.abs(cols[1] + cols[3] - 1) < 1e-6);
  assert.ok(Math.abs(cols[2] - 1 / (1 + Math.exp(-2))) < 1e-6);
  const out = new Float32Array(3);
  assert.equal(F.sigmoid([0, 0, 0], { out }), out);
  assert.deepEqual([...out], [0.5, 0.5, 0.5]);
  assert.deepEqual([...F.tanh(new Float64Array([0]))], [0]);
  assert.deepEqual([...F.threshold([0.2, 0.7], 0.5, -1)], [-1, Math.fround(0.7)]);
  assert.ok(Math.abs(F.gelu([1], 'tanh')[0] - F.gelu([1], { approximate: 'tanh' })[0]) === 0);
  const t = F.log_softmax(Float32Array.from({ length: 24 }, (_, i) => i % 7), { shape: [2, 3, 4], dim: 1 });
  for (let a = 0; a < 2; a++) for (let c = 0; c < 4; c++) {
    let sum = 0;
    for (let b = 0; b < 3; b++) sum += Math.exp(t[a * 12 + b * 4 + c]);
    assert.ok(Math.abs(sum - 1) < 1e-6, 'log_softmax over the middle dimension of a 3-D shape');
  }
});

test('the registry is listed once, with parameters and defaults', () => {
  const list = simd.listActivations();
  assert.deepEqual(list.slice(0, 5).map((a) => a.name), ['step', 'sigmoid', 'tanh', 'relu', 'leaky_relu']);
  assert.ok(list.some((a) => a.name === 'softmax' && a.kind === 'vector'));
  assert.deepEqual(Object.keys(simd.F), [...list.map((a) => a.name), ...simd.losses()]);
  const names = list.flatMap((a) => [a.name, a.module, ...a.aliases]);
  assert.equal(new Set(names).size, names.length, 'no name is listed twice');
  assert.deepEqual(simd.activation('GELU').params[0], { name: 'approximate', default: 'none', doc: simd.activation('gelu').params[0].doc, required: false, learnable: false, choices: ['none', 'tanh'] });
  assert.deepEqual(list.filter((a) => a.params.some((p) => p.learnable)).map((a) => a.name), ['prelu']);
  assert.deepEqual(list.filter((a) => !a.torchModule).map((a) => a.name), ['step', 'sine', 'gaussian']);
  assert.equal(simd.activation('heaviside').name, 'step');
  const leaky = simd.activation('LeakyReLU');
  assert.equal(leaky.name, 'leaky_relu');
  assert.deepEqual(leaky.params.map((p) => [p.name, p.default]), [['negative_slope', 0.01]]);
  assert.equal(simd.buildInfo().defaults.learningRate, 0.03);
  assert.equal(simd.activation('step').pytorch, 'torch.heaviside(x, torch.tensor(0.0))');
  assert.ok(list.every((a) => a.formula && a.derivative && a.range));
  assert.equal(simd.activation('sigmoid').range, '(0, 1)');
  assert.deepEqual(simd.activation('tanh').tolerance, { ulp: 4, abs: 1e-6 });
  assert.ok(list.every((a) => a.tolerance.ulp > 0 && a.tolerance.abs > 0));
});

test('bad input gives a clear Error and the module keeps working', () => {
  const { F } = simd;
  assert.throws(() => F.relu('abc'), { name: 'TypeError', message: /F\.relu: x must be a Float32Array or an array of numbers/ });
  assert.throws(() => F.relu([1, 'a']), { name: 'TypeError', message: /x\[1\] must be a number/ });
  assert.throws(() => F.relu(), { name: 'TypeError', message: /got undefined/ });
  assert.throws(() => simd.activation('nope'), { message: /^ap.activation: unknown activation "nope" \(known: step, sigmoid/ });
  assert.throws(() => F.leaky_relu([1], { negative_slope: NaN }), { message: /'negative_slope' must be a finite number/ });
  assert.throws(() => F.leaky_relu([1], { slope: 1 }), { message: /unknown option 'slope'/ });
  assert.throws(() => F.relu([1], 0.5), { message: /takes no positional parameter/ });
  assert.throws(() => F.threshold([1]), { message: /F\.threshold: parameter 'threshold' is required/ });
  assert.throws(() => F.gelu([1], 'fast'), { message: /'approximate' must be one of 'none', 'tanh'/ });
  assert.throws(() => F.celu([1], 0), { message: /F\.celu: celu: parameter 'alpha' must not be 0/ });
  assert.throws(() => F.leaky_relu([1], 0.1, { negative_slope: 0.2 }), { message: /given both positionally and as an option/ });
  assert.throws(() => F.relu.backward([1, 2], [1]), { name: 'RangeError', message: /gradOutput has 1 elements but the input has 2/ });
  assert.throws(() => F.softmax([1, 2, 3], { shape: [2, 2] }), { name: 'RangeError', message: /does not match/ });
  assert.throws(() => F.softmax([1, 2, 3, 4], { shape: [2, 2], dim: 2 }), { name: 'RangeError', message: /'dim'/ });
  assert.throws(() => F.sigmoid([1, 2], { out: new Float32Array(3) }), { message: /'out' must be a Float32Array or ap\.buffer of length 2 \(got a Float32Array of length 3\)/ });
  assert.throws(() => F.relu({ length: 1e12 }), { name: 'TypeError' });
  assert.rejects(load({ simd: 'yes' }), /option 'simd' must be true, false or 'auto'/);
  assert.rejects(load({ nope: 1 }), /unknown option 'nope'/);
  // NaN inputs are data, not errors: they propagate as in PyTorch.
  assert.ok(Number.isNaN(F.sigmoid([NaN])[0]));
  assert.deepEqual([...F.relu([-1, 2])], [0, 2]);
});

test('ap.buffer: cache-line aligned WASM memory used in place as input, gradOutput and out', () => {
  const { F } = simd;
  const x = simd.buffer(37).set(Array.from({ length: 37 }, (_, i) => i - 18));
  const y = simd.buffer(37), g = simd.buffer(37).set(new Float32Array(37).fill(2));
  for (const b of [x, y, g, simd.buffer(0), simd.buffer(1)]) assert.equal(b.ptr % 64, 0, 'every block starts on a cache line');
  assert.equal(F.relu(x, { out: y }), y);
  assert.deepEqual([...y.toArray()], [...F.relu(x.toArray())]);
  F.tanh.backward(x, g, { out: y });  // 2·(1 − tanh²)
  assert.deepEqual([...y.array], [...F.tanh.backward(x.toArray(), new Float32Array(37).fill(2))]);
  assert.throws(() => x.set([1, 2]), { name: 'RangeError', message: /got 2 values for a buffer of 37/ });
  assert.throws(() => simd.buffer(-1), { name: 'RangeError' });
  assert.throws(() => simd.buffer(1.5), { name: 'RangeError' });
  x.dispose();
  x.dispose();  // twice is fine
  assert.throws(() => F.relu(x), { message: /used after dispose/ });
  assert.deepEqual([...F.relu([-1, 2])], [0, 2], 'the module keeps working');
});

test('arrays over the core limit are refused before any allocation', () => {
  const limit = simd.buildInfo().limits.maxElements;
  const huge = new Float32Array(limit + 1);
  assert.throws(() => simd.F.relu(huge), { name: 'RangeError', message: new RegExp(`more than the limit of ${limit}`) });
  assert.deepEqual([...simd.F.relu([3])], [3]);
});

test('many failed calls leave the WASM heap and stack where they were', async () => {
  const ap = await load();
  const x = new Float32Array(1000);
  ap.F.relu(x); // warm up the allocator
  const before = ap.memoryStats();
  let thrown = 0;
  for (let i = 0; i < 20000; i++) {
    for (const call of [
      () => ap.F.softmax(x, { shape: [3, 3] }),
      () => ap.F.leaky_relu(x, { negative_slope: Infinity }),
      () => ap.F.relu.backward(x, [1, 2]),
      () => ap.F.tanh([1, {}]),
    ]) {
      try {
        call();
      } catch {
        thrown++;
      }
    }
  }
  const after = ap.memoryStats();
  assert.equal(thrown, 80000);
  assert.deepEqual(after, before);
  assert.ok(Number.isFinite(before.heapInUse) && before.stackPointer > 0);
  assert.equal(ap.F.relu(Float32Array.of(-1, 5))[1], 5);
});

test('a failure reported by C++ (not caught in JS) also leaks nothing', async () => {
  const ap = await load();
  const before = ap.memoryStats();
  for (let i = 0; i < 10000; i++) {
    assert.throws(() => ap._core.forward(999, 0, 0, 0, 0, 0, 1, 1), /unknown activation id 999/);
  }
  assert.deepEqual(ap.memoryStats(), before);
});

test('CommonJS entry loads the same module', async () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../../dist/node.cjs');
  const ap = await cjs.load({ simd: false });
  assert.equal(ap.buildInfo().simd, false);
  assert.deepEqual([...ap.F.relu([-1, 1])], [0, 1]);
});

test('the single-file variant loads with no .wasm file and no wasmBinary (SIMD and fallback)', async () => {
  const single = await import('../../dist/single.mjs');
  for (const simdWanted of [true, false]) {
    const ap = await single.load({ simd: simdWanted });
    assert.equal(ap.buildInfo().simd, simdWanted);
    assert.deepEqual([...ap.F.relu([-1, 2])], [0, 2]);
    assert.deepEqual(ap.F.gelu([0.5, -2], 'tanh'), simd.F.gelu([0.5, -2], 'tanh'));
  }
});
