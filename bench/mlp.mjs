// W1–W3 for our builds: WASM SIMD, WASM fallback (through the JS API, data in WASM buffers) and
// native (build/ap_bench_mlp on the same data). Repeats interleave the candidates; medians reported.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from '../dist/node.mjs';
import { w1, w2, w3 } from './workloads.mjs';

const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
const now = () => Number(process.hrtime.bigint()) / 1e9;

/** The Sequential a workload describes. */
export function buildModel(ap, w) {
  const { nn } = ap;
  const mods = [];
  let width = w.in;
  for (const h of w.hidden) {
    mods.push(nn.Linear(width, h), w.activation === 'relu' ? nn.ReLU() : nn.Tanh());
    width = h;
  }
  mods.push(nn.Linear(width, w.out));
  if (w.head === 'sigmoid') mods.push(nn.Sigmoid());
  return nn.Sequential.withOptions({ seed: 1 }, ...mods);
}

/** Plan of each workload: how long to train and what else to time. */
export function plans(quick) {
  return [
    { w: w1(), epochs: quick ? 20 : 200, grid: 100 },
    { w: w2(), steps: quick ? 10 : 200 },
    { w: w3(), steps: quick ? 3 : 40, forward: true },
  ];
}

export function runWasm(ap, p, bufs) {
  const model = buildModel(ap, p.w);
  const opt = ap.optim.SGD(model.parameters(), { lr: p.w.lr });
  const t0 = now();
  const losses = model.fit(bufs.X, bufs.y, { loss: p.w.loss, optimizer: opt, epochs: p.epochs, steps: p.steps, batch_size: p.w.batch });
  const train = now() - t0;
  const r = { train, steps: losses.length, examples: p.epochs ? p.epochs * p.w.n : p.steps * p.w.batch };
  r.accuracy = model.evaluate(bufs.X, bufs.y, { loss: p.w.loss }).accuracy;
  if (p.grid) {
    // Untimed frames first: a model's first grid allocates its output planes, and V8 optimises the
    // JS side of grid() only after it has run a while. A page draws frame after frame, so the timed
    // frames are the steady state.
    for (let k = 0; k < 20; k++) ap.grid(model, { n: p.grid, box: [-6, 6, -6, 6], copy: false });
    const frames = 50, g0 = now();
    for (let k = 0; k < frames; k++) ap.grid(model, { n: p.grid, box: [-6, 6, -6, 6], copy: false });
    r.grid = (now() - g0) / frames;
  }
  if (p.forward) {
    const f0 = now();
    for (let k = 0; k < 5; k++) model.forward(bufs.X);
    r.forward = (now() - f0) / 5;
  }
  model.dispose();
  return r;
}

export async function runMlpBench({ quick = false, repeats = quick ? 1 : 5 } = {}) {
  const ps = plans(quick);
  const wasm = [];
  for (const simd of [true, false]) {
    const ap = await load({ simd });
    wasm.push({ name: simd ? 'wasm-simd' : 'wasm-fallback', ap, bufs: ps.map((p) => ({ X: ap.buffer(p.w.X.length).set(p.w.X), y: ap.buffer(p.w.y.length).set(p.w.y) })) });
  }
  const nativeBin = new URL('../build/ap_bench_mlp', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'ap-bench-'));
  const files = ps.map((p, i) => {
    const file = join(dir, `w${i + 1}.bin`);
    const hdr = Int32Array.of(p.w.n, p.w.in, p.w.y.length / p.w.n);
    writeFileSync(file, Buffer.concat([Buffer.from(hdr.buffer), Buffer.from(p.w.X.buffer), Buffer.from(p.w.y.buffer)]));
    return file;
  });
  const samples = {};
  const add = (cand, wname, key, v) => ((samples[cand] ??= {})[`${wname}.${key}`] ??= []).push(v);
  try {
    // Warm-up: V8 first runs WASM with its baseline compiler and tiers up hot functions later.
    ps.forEach((p, i) => wasm.forEach((c) => runWasm(c.ap, { ...p, epochs: p.epochs && (quick ? 2 : 20), steps: p.steps && (quick ? 2 : 20) }, c.bufs[i])));
    for (let r = 0; r < repeats; r++) {
      ps.forEach((p, i) => {
        for (const c of wasm) {
          const res = runWasm(c.ap, p, c.bufs[i]);
          add(c.name, p.w.name, 'examplesPerSecond', res.examples / res.train);
          add(c.name, p.w.name, 'stepsPerSecond', res.steps / res.train);
          add(c.name, p.w.name, 'accuracy', res.accuracy);
          if (res.grid) add(c.name, p.w.name, 'gridMs', 1000 * res.grid);
          if (res.forward) add(c.name, p.w.name, 'forwardSamplesPerSecond', p.w.n / res.forward);
        }
        if (existsSync(nativeBin)) {
          const args = [files[i], `hidden=${p.w.hidden.join(',')}`, `activation=${p.w.activation}`, `head=${p.w.head}`, `out=${p.w.out}`,
            `loss=${p.w.loss}`, `batch=${p.w.batch}`, `lr=${p.w.lr}`, p.epochs ? `epochs=${p.epochs}` : `steps=${p.steps}`, 'repeats=1'];
          if (p.grid) args.push(`grid=${p.grid}`);
          if (p.forward) args.push('forward=1');
          const res = JSON.parse(execFileSync(nativeBin, args, { encoding: 'utf8' }));
          for (const [k, v] of Object.entries(res)) add('native', p.w.name, k, v);
        }
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const c of wasm) c.bufs.forEach((b) => { b.X.dispose(); b.y.dispose(); });
  }
  const rows = {};
  for (const [cand, s] of Object.entries(samples)) rows[cand] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, median(v)]));
  return { repeats, rows };
}

export function mlpTable(result) {
  const cols = [
    ['W1.examplesPerSecond', 'W1 train ex/s', (v) => (v >= 1e5 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(1)} k`)],
    ['W1.gridMs', 'W1 grid 100² (ms)', (v) => v.toFixed(3)],
    ['W2.stepsPerSecond', 'W2 steps/s', (v) => v.toFixed(0)],
    ['W3.stepsPerSecond', 'W3 steps/s', (v) => v.toFixed(1)],
    ['W3.forwardSamplesPerSecond', 'W3 fwd samples/s', (v) => `${(v / 1e3).toFixed(1)} k`],
    ['W1.accuracy', 'W1 acc', (v) => v.toFixed(3)],
    ['W2.accuracy', 'W2 acc', (v) => v.toFixed(3)],
    ['W3.accuracy', 'W3 acc', (v) => v.toFixed(3)],
  ];
  const lines = [`| candidate | ${cols.map((c) => c[1]).join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`];
  for (const [name, r] of Object.entries(result.rows)) {
    lines.push(`| ${name} | ${cols.map(([k, , f]) => (r[k] === undefined ? '–' : f(r[k]))).join(' | ')} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runMlpBench({ quick: process.argv.includes('--quick') });
  console.log(mlpTable(result));
}
