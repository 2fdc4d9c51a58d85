// Every activation against PyTorch 1.13 (tests/reference/torch_reference.json), through the JS API,
// in the SIMD and the fallback build: ≤ 4 ulp or ≤ 1e-6 absolute, same NaN/Inf, same sign of zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from '../../dist/node.mjs';

const ref = JSON.parse(readFileSync(new URL('../reference/torch_reference.json', import.meta.url), 'utf8'));
const fromHex = (hex) => new Float32Array(Uint32Array.from(hex, (h) => parseInt(h, 16)).buffer);
const x = fromHex(ref.x);

function ulpDistance(a, b) {
  const key = (f) => {
    const i = new Int32Array(Float32Array.of(f).buffer)[0];
    return i < 0 ? -2147483648 - i : i;
  };
  return Math.abs(key(a) - key(b));
}

/** Messages for elements that differ from PyTorch beyond the tolerance. */
function mismatches(ours, torch, inputs, what) {
  const bad = [];
  for (let i = 0; i < ours.length; i++) {
    const [a, b] = [ours[i], torch[i]];
    let ok;
    if (Number.isNaN(b)) ok = Number.isNaN(a);
    else if (!Number.isFinite(b)) ok = a === b;
    else if (b === 0 && a === 0) ok = Object.is(a, b);
    else ok = Number.isFinite(a) && (Math.abs(a - b) <= 1e-6 || ulpDistance(a, b) <= 4);
    if (!ok) bad.push(`${what} at x=${inputs[i]}: ours ${a}, PyTorch ${b}`);
  }
  return bad;
}

for (const simd of [true, false]) {
  const ap = await load({ simd });
  test(`elementwise activations match PyTorch ${ref.torch} (${simd ? 'SIMD' : 'fallback'} build)`, () => {
    assert.ok(ref.elementwise.length >= 30);
    for (const c of ref.elementwise) {
      const f = ap.F[c.name];
      const bad = [
        ...mismatches(f(x, c.params), fromHex(c.y), x, `${c.name}(${JSON.stringify(c.params)}) value`),
        ...mismatches(f.backward(x, null, c.params), fromHex(c.gx), x, `${c.name} gradient`),
      ];
      assert.deepEqual(bad.slice(0, 5), []);
    }
  });
  test(`softmax family matches PyTorch along each dim (${simd ? 'SIMD' : 'fallback'} build)`, () => {
    const v = ref.vector;
    const vx = fromHex(v.x), gy = fromHex(v.gy);
    for (const c of v.cases) {
      const opts = { shape: v.shape, dim: c.dim };
      const bad = [
        ...mismatches(ap.F[c.name](vx, opts), fromHex(c.y), vx, `${c.name} dim=${c.dim} value`),
        ...mismatches(ap.F[c.name].backward(vx, gy, opts), fromHex(c.gx), vx, `${c.name} dim=${c.dim} gradient`),
      ];
      assert.deepEqual(bad.slice(0, 5), []);
    }
  });
  test(`every registry entry is covered by the PyTorch data (${simd ? 'SIMD' : 'fallback'} build)`, () => {
    const covered = new Set([...ref.elementwise, ...ref.vector.cases].map((c) => c.name));
    assert.deepEqual(ap.listActivations().map((a) => a.name).filter((n) => !covered.has(n)), []);
  });
}
