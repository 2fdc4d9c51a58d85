// A/B of two builds in one process: W1 (training and grid frame), W2, W3 and the W4 activations
// with the WASM SIMD variant of each dist directory, repeats interleaved, medians printed. For judging a change on this
// noisy VM: copy dist/ aside before the change (cp -r dist /tmp/distA), rebuild, then
//   node bench/compare-builds.mjs /tmp/distA dist
// and once more with the order swapped.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plans, runWasm } from './mlp.mjs';

const dirs = process.argv.slice(2);
if (dirs.length < 2) {
  console.error('usage: node bench/compare-builds.mjs <distA> <distB> [...]');
  process.exit(2);
}
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
const builds = [];
for (const d of dirs) {
  const { load } = await import(pathToFileURL(resolve(d, 'node.mjs')).href);
  builds.push({ name: d, ap: await load({ simd: true }) });
}
const ps = plans(false);
const samples = {};
const add = (key, v) => (samples[key] ??= []).push(v);
for (let rep = 0; rep < 5; rep++) {
  for (const b of builds) {
    for (const p of ps) {
      const bufs = { X: b.ap.buffer(p.w.X.length).set(p.w.X), y: b.ap.buffer(p.w.y.length).set(p.w.y) };
      const r = runWasm(b.ap, p, bufs);
      if (p.epochs) add(`${p.w.name} examples/s (M) | ${b.name}`, r.examples / r.train / 1e6);
      else add(`${p.w.name} steps/s | ${b.name}`, r.steps / r.train);
      if (p.grid) add(`${p.w.name} grid frame (ms) | ${b.name}`, 1000 * r.grid);
      if (p.forward) add(`${p.w.name} forward samples/s (k) | ${b.name}`, p.w.n / r.forward / 1e3);
      bufs.X.dispose();
      bufs.y.dispose();
    }
  }
}
// W4: 2^20 inputs U(−4, 4) out of place, the builds alternating call by call batch.
const N = 1 << 20;
const w4 = builds.map((b) => {
  const x = b.ap.buffer(N), y = b.ap.buffer(N);
  x.set(Float32Array.from({ length: N }, (_, i) => -4 + (8 * ((i * 2654435761) % 4294967296)) / 4294967296));
  return { b, x, y };
});
const W4 = [['relu', {}], ['sigmoid', {}], ['tanh', {}], ['gelu_tanh', { approximate: 'tanh' }]];
for (const c of w4) for (const [label, opts] of W4) for (let k = 0; k < 20; k++) c.b.ap.F[label.split('_')[0]](c.x, { ...opts, out: c.y });
for (let rep = 0; rep < 15; rep++) {
  for (const [label, opts] of W4) {
    for (const c of w4) {
      const f = c.b.ap.F[label.split('_')[0]];
      f(c.x, { ...opts, out: c.y });
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < 10; k++) f(c.x, { ...opts, out: c.y });
      add(`W4 ${label} G elements/s | ${c.b.name}`, (10 * N) / Number(process.hrtime.bigint() - t0));
    }
  }
}
for (const [k, v] of Object.entries(samples).sort()) console.log(`${k.padEnd(60)} ${median(v).toFixed(3)}`);
