// Requests past the module's maximum memory (a huge network, forward pass or grid) are refused up
// front with how much they needed, and the module keeps working with its memory as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';

for (const simd of [true, false]) {
  const ap = await load({ simd });
  const { nn, optim, datasets } = ap;
  const works = () => {
    const model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1));
    const d = datasets.circle({ n: 50, seed: 1 });
    const losses = model.fit(d.X, d.y, { optimizer: optim.SGD(model.parameters(), { lr: 0.1 }), epochs: 5, batch_size: 10 });
    assert.equal(losses.length, 25);
    assert.equal(ap.grid(model, { n: 16 }).output.length, 256);
    model.dispose();
  };

  test(`huge requests are refused up front with the memory they need (${simd ? 'SIMD' : 'fallback'} build)`, () => {
    works();
    const heap = ap.memoryStats().heapInUse, bytes = ap.memoryStats().memoryBytes;
    const needs = /needs ([\d.]+) GiB of memory; the module has at most 2 GiB \([\d.]+ \w+ in use\)/;

    // A Linear(2, 4096) followed by 63 activations keeps 64 planes of 4096 values per example.
    const wide = nn.Sequential(nn.Linear(2, 4096), ...Array.from({ length: 63 }, () => nn.ReLU()));
    const x = new Float32Array(16384 * 2);
    assert.throws(() => wide.forward(x), (e) => {
      assert.match(e.message, /^model\.forward: a forward and backward pass over 16384 examples needs/);
      const [, gib] = e.message.match(needs);
      assert.ok(Math.abs(Number(gib) - (4 * 16384 * (2 + 64 * 4096 + 2 * 4096)) / 2 ** 30) < 0.01, e.message);
      return true;
    });
    wide.dispose();

    const gridNet = nn.Sequential(nn.Linear(2, 256), ...Array.from({ length: 63 }, () => nn.Tanh()));
    assert.throws(() => ap.grid(gridNet, { n: 512 }), (e) => {
      assert.match(e.message, /^grid: a 512×512 grid needs/);
      const [, gib] = e.message.match(needs);
      assert.ok(Math.abs(Number(gib) - (4 * 512 * 512 * (2 + 2 + 64 * 256)) / 2 ** 30) < 0.01, e.message);
      return true;
    });
    gridNet.dispose();

    // Linear(4096, 4096) has 4096² + 4096 parameters, past the limit: refused before any layer is allocated.
    assert.throws(() => nn.Sequential(...Array.from({ length: 32 }, () => nn.Linear(4096, 4096))),
      { message: 'nn.Sequential: 16781312 parameters is more than the limit of 16777216' });

    assert.equal(ap.memoryStats().heapInUse, heap, 'nothing left allocated');
    assert.equal(ap.memoryStats().memoryBytes, bytes, 'the memory did not grow');
    works();
  });
}

// A phone may grant far less than the maximum: when the browser refuses to grow WASM memory (a
// stand-in: Memory.prototype.grow throws, as an engine does when it cannot reserve more), allocations
// that passed the up-front check fail in C++ (std::bad_alloc); each must reach the caller as an Error
// naming the function, never as a raw WebAssembly.Exception, and the module must keep working.
test('allocations the browser refuses are Errors naming the call, and the module keeps working', async () => {
  const ap = await load();
  const { nn, optim } = ap;
  const grow = WebAssembly.Memory.prototype.grow;
  const refused = [];
  const wide = nn.Sequential(nn.Linear(2, 512), nn.ReLU(), nn.Linear(512, 512));
  const heap = ap.memoryStats().heapInUse;
  WebAssembly.Memory.prototype.grow = function refuse() { throw new RangeError('test: no more memory'); };
  try {
    const attempts = {
      'nn.Sequential': () => nn.Sequential(nn.Linear(2, 4000), nn.ReLU(), nn.Linear(4000, 4000)),
      'ap.buffer': () => ap.buffer(50_000_000),
      'model.forward': () => wide.forward(new Float32Array(2 * 20_000)),
    };
    for (const [where, call] of Object.entries(attempts)) {
      assert.throws(call, (e) => {
        assert.ok(e instanceof Error, `${where} threw ${Object.prototype.toString.call(e)}, not an Error`);
        assert.match(e.message, /out of memory|could not allocate/, `${where}: ${e.message}`);
        refused.push(where);
        return true;
      });
    }
  } finally {
    WebAssembly.Memory.prototype.grow = grow;
  }
  assert.deepEqual(refused, ['nn.Sequential', 'ap.buffer', 'model.forward']);
  // A refusal halfway through building a network would leave its first layers allocated.
  assert.equal(ap.memoryStats().heapInUse, heap, 'the refused calls left nothing allocated');
  wide.dispose();
  // Memory may grow again: the same network is built and trains.
  const model = nn.Sequential(nn.Linear(2, 4000), nn.ReLU(), nn.Linear(4000, 1));
  const losses = model.fit(new Float32Array([0, 1, 1, 0]), new Float32Array([1, 0]), { optimizer: optim.SGD(model.parameters(), { lr: 0.01 }), epochs: 2 });
  assert.ok(losses.every(Number.isFinite));
  model.dispose();
});
