// A/B of two builds in one process: W1 (training and grid frame), W2 and W3 with the WASM SIMD
// variant of each dist directory, repeats interleaved, medians printed. For judging a change on this
// noisy VM: copy dist/ aside before the change (cp -r dist /tmp/distA), rebuild, then
//   node bench/compare-builds.mjs /tmp/distA dist
// and once more with the order swapped.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildModel } from './mlp.mjs';
import { w1, w2, w3 } from './workloads.mjs';

const dirs = process.argv.slice(2);
if (dirs.length < 2) {
  console.error('usage: node bench/compare-builds.mjs <distA> <distB> [...]');
  process.exit(2);
}
const now = () => Number(process.hrtime.bigint()) / 1e9;
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
const builds = [];
for (const d of dirs) {
  const { load } = await import(pathToFileURL(resolve(d, 'node.mjs')).href);
  builds.push({ name: d, ap: await load({ simd: true }) });
}
const plans = [{ w: w1(), epochs: 200, grid: 100 }, { w: w2(), steps: 200 }, { w: w3(), steps: 30 }];
const samples = {};
const add = (key, v) => (samples[key] ??= []).push(v);
for (let rep = 0; rep < 5; rep++) {
  for (const b of builds) {
    for (const p of plans) {
      const { ap } = b;
      const X = ap.buffer(p.w.X.length).set(p.w.X), y = ap.buffer(p.w.y.length).set(p.w.y);
      const model = buildModel(ap, p.w);
      const opt = ap.optim.SGD(model.parameters(), { lr: p.w.lr });
      const t0 = now();
      const losses = model.fit(X, y, { loss: p.w.loss, optimizer: opt, epochs: p.epochs, steps: p.steps, batch_size: p.w.batch });
      const dt = now() - t0;
      if (p.epochs) add(`${p.w.name} examples/s (M) | ${b.name}`, (p.epochs * p.w.n) / dt / 1e6);
      else add(`${p.w.name} steps/s | ${b.name}`, losses.length / dt);
      if (p.grid) {
        const g0 = now();
        for (let k = 0; k < 100; k++) ap.grid(model, { n: p.grid, box: [-6, 6, -6, 6], copy: false });
        add(`${p.w.name} grid frame (ms) | ${b.name}`, (now() - g0) * 10);
      }
      model.dispose();
      X.dispose();
      y.dispose();
    }
  }
}
for (const [k, v] of Object.entries(samples).sort()) console.log(`${k.padEnd(60)} ${median(v).toFixed(3)}`);
