// npm run bench [-- --quick]: every candidate on W1–W4 in one process tree, repeats interleaved,
// medians, machine load recorded, accuracy checked, ratios against the fastest peer, and the bound
// rows (WASM SIMD multiply-add peak, memcpy). Writes bench/RESULTS.md (or --out FILE).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { activationTable, runActivationBench } from './activations.mjs';
import { browserTable, runBrowserBench } from './browser.mjs';
import { longRunTable, runLongRun } from './longrun.mjs';
import { mlpTable, plans, runMlpBench } from './mlp.mjs';
import { brainTrain, convnetTrain, playgroundTrain, tf, tfActivation, tfBackpropTrain, tfLayersTrain, tfTrain, useTf } from './peers.mjs';
import { loadBench } from './hooks.mjs';
import { prng } from './workloads.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : new URL('./RESULTS.md', import.meta.url).pathname;
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
const loadBefore = loadavg();
const started = Date.now();
const log = (...m) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...m);

// ---- ours ---------------------------------------------------------------------------------------
log('activations (W4), ours');
const act = await runActivationBench({ quick });
log('MLP workloads (W1-W3), ours');
const mlp = await runMlpBench({ quick });
log('long run (the page\'s fit pattern), ours');
const longRun = await runLongRun({ quick });

// ---- peers --------------------------------------------------------------------------------------
const ps = plans(quick);
const peerRepeats = quick ? 1 : 3;
const peerRows = {};
const add = (cand, key, v) => ((peerRows[cand] ??= {})[key] ??= []).push(v);
const record = (cand, wname, r, n) => {
  add(cand, `${wname}.examplesPerSecond`, r.examples / r.train);
  add(cand, `${wname}.stepsPerSecond`, r.steps / r.train);
  add(cand, `${wname}.accuracy`, r.accuracy);
  if (r.grid) add(cand, `${wname}.gridMs`, 1000 * r.grid);
  if (r.forward) add(cand, `${wname}.forwardSamplesPerSecond`, n / r.forward);
};
for (let rep = 0; rep < peerRepeats; rep++) {
  for (const backend of ['wasm', 'cpu']) {
    await useTf(backend);
    const name = `tfjs-${backend}`;
    for (const p of ps) {
      if (backend === 'cpu' && p.w.name === 'W3' && !quick && rep > 0) continue;  // slow; one sample is enough
      log(`${name} ${p.w.name}`);
      const steps = p.steps ?? undefined;
      const epochs = p.epochs ? (quick ? p.epochs : Math.min(p.epochs, 200)) : undefined;
      record(name, p.w.name, tfTrain(p.w, { epochs, steps, rand: prng(7), grid: p.grid, forward: p.forward }), p.w.n);
    }
    if (backend === 'wasm') {
      // Its fastest path: hand-written backprop with explicitly transposed matMuls (the same
      // epochs or steps as its autodiff row above).
      for (const p of ps) {
        log(`tfjs-wasm backprop ${p.w.name}`);
        const epochs = p.epochs ? (quick ? p.epochs : Math.min(p.epochs, 200)) : undefined;
        record('tfjs-wasm backprop', p.w.name, tfBackpropTrain(p.w, { epochs, steps: p.steps ?? undefined, rand: prng(7) }), p.w.n);
      }
      log('tfjs-wasm layers W1');
      record('tfjs-wasm layers', 'W1', await tfLayersTrain(ps[0].w, { epochs: quick ? 5 : 50 }), ps[0].w.n);
    }
  }
  log('pure-JS engines W1');
  record('playground-style JS', 'W1', playgroundTrain(ps[0].w, { epochs: ps[0].epochs, rand: prng(7) }), ps[0].w.n);
  record('brain.js 1.6.1', 'W1', brainTrain(ps[0].w, { epochs: ps[0].epochs }), ps[0].w.n);
  record('convnetjs 0.3.0', 'W1', convnetTrain(ps[0].w, { epochs: ps[0].epochs }), ps[0].w.n);
  if (!quick) {
    log('pure-JS engines W2');
    record('convnetjs 0.3.0', 'W2', convnetTrain(ps[1].w, { epochs: 1 }), ps[1].w.n);
  }
}
for (const [c, r] of Object.entries(peerRows)) mlp.rows[c] = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]));

// TensorFlow.js W4 on its WASM backend.
await useTf('wasm');
const x = tf.tensor1d(Float32Array.from({ length: act.n }, (_, i) => -4 + (8 * ((i * 2654435761) % 4294967296)) / 4294967296));
const w4 = {};
for (let r = 0; r < act.repeats; r++) {
  for (const name of ['relu', 'sigmoid', 'tanh', 'gelu_tanh']) (w4[name] ??= []).push(act.n / tfActivation(name, x, quick ? 2 : 10));
}
x.dispose();
act.rows['tfjs-wasm'] = Object.fromEntries(Object.entries(w4).map(([k, v]) => [k, median(v)]));

// ---- the browser: W1 and W4 in headless Chromium, ours vs TensorFlow.js WASM -----------------------
log('browser (headless Chromium)');
const browser = await runBrowserBench({ quick });

// ---- bounds -------------------------------------------------------------------------------------
const { peakMadd } = await loadBench({ simd: true });
const iters = quick ? 2e6 : 2e7;
const peak = [];
for (let r = 0; r < 3; r++) {
  const t0 = process.hrtime.bigint();
  peakMadd(iters);
  peak.push((iters * 64) / (Number(process.hrtime.bigint() - t0) / 1e9));
}

// ---- report -------------------------------------------------------------------------------------
const loadAfter = loadavg();
const r1 = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '–');
const simd = mlp.rows['wasm-simd'], tfw = mlp.rows['tfjs-wasm'];
// TensorFlow.js's fastest path per workload: autodiff (optimizer.minimize) or hand-written backprop.
const tfBest = (k) => Math.max(tfw[k] ?? 0, mlp.rows['tfjs-wasm backprop']?.[k] ?? 0);
const targets = [
  ['W1 training examples/s vs tfjs-wasm (its fastest path)', r1(simd['W1.examplesPerSecond'], tfBest('W1.examplesPerSecond')), '≥ 150×'],
  ['W3 training steps/s vs tfjs-wasm (its fastest path)', r1(simd['W3.stepsPerSecond'], tfBest('W3.stepsPerSecond')), '≥ 1.8×'],
  ['sigmoid elements/s vs tfjs-wasm', r1(act.rows['wasm-simd'].sigmoid, act.rows['tfjs-wasm'].sigmoid), '≥ 2×'],
  ['tanh elements/s vs tfjs-wasm', r1(act.rows['wasm-simd'].tanh, act.rows['tfjs-wasm'].tanh), '≥ 25×'],
  ['gelu (tanh) elements/s vs tfjs-wasm', r1(act.rows['wasm-simd'].gelu_tanh, act.rows['tfjs-wasm'].gelu_tanh), '≥ 25×'],
  ['W1 examples/s (absolute)', `${(simd['W1.examplesPerSecond'] / 1e6).toFixed(2)} M`, '≥ 5 M'],
  ['W1 grid frame 100×100', `${simd['W1.gridMs'].toFixed(3)} ms`, '≤ 0.2 ms'],
  ['W2 steps/s', simd['W2.stepsPerSecond'].toFixed(0), '≥ 2,000'],
  ['W3 steps/s', simd['W3.stepsPerSecond'].toFixed(0), '≥ 200'],
  ['W3 forward samples/s', `${(simd['W3.forwardSamplesPerSecond'] / 1e3).toFixed(1)} k`, '≥ 50 k'],
  ['relu vs WASM memcpy (paired)', act.rows['wasm-simd'].reluOverMemcpy.toFixed(2), '≥ 0.9'],
  ['long run: last / first 1,000 epochs (worst pattern)', Math.min(...longRun.map((r) => r.ratio)).toFixed(2), '≥ 0.9'],
  ['long run: chunked fit epochs/s', Math.round(longRun[2].overall).toLocaleString('en-US'), '≥ 20,000'],
  ['sigmoid / tanh / gelu (G elements/s)', ['sigmoid', 'tanh', 'gelu_tanh'].map((k) => (act.rows['wasm-simd'][k] / 1e9).toFixed(2)).join(' / '), '≥ 1.2 / 1.2 / 0.8'],
];
// Measured value / target for the numeric targets, for the shortfall section.
const ratio = (a, b) => (a && b ? a / b : NaN);
const shortfalls = [
  ['W1 training vs tfjs-wasm (its fastest path)', ratio(simd['W1.examplesPerSecond'], tfBest('W1.examplesPerSecond')) / 150],
  ['W3 training vs tfjs-wasm (its fastest path)', ratio(simd['W3.stepsPerSecond'], tfBest('W3.stepsPerSecond')) / 1.8],
  ['sigmoid vs tfjs-wasm', ratio(act.rows['wasm-simd'].sigmoid, act.rows['tfjs-wasm'].sigmoid) / 2],
  ['tanh vs tfjs-wasm', ratio(act.rows['wasm-simd'].tanh, act.rows['tfjs-wasm'].tanh) / 25],
  ['gelu vs tfjs-wasm', ratio(act.rows['wasm-simd'].gelu_tanh, act.rows['tfjs-wasm'].gelu_tanh) / 25],
  ['W1 examples/s', simd['W1.examplesPerSecond'] / 5e6],
  ['W1 grid frame', 0.2 / simd['W1.gridMs']],
  ['W2 steps/s', simd['W2.stepsPerSecond'] / 2000],
  ['W3 steps/s', simd['W3.stepsPerSecond'] / 200],
  ['W3 forward samples/s', simd['W3.forwardSamplesPerSecond'] / 5e4],
  ['relu vs memcpy', act.rows['wasm-simd'].reluOverMemcpy / 0.9],
  ['long run last / first', Math.min(...longRun.map((r) => r.ratio)) / 0.9],
  ['long run chunked epochs/s', longRun[2].overall / 20000],
  ['sigmoid G/s', act.rows['wasm-simd'].sigmoid / 1.2e9],
  ['tanh G/s', act.rows['wasm-simd'].tanh / 1.2e9],
  ['gelu G/s', act.rows['wasm-simd'].gelu_tanh / 0.8e9],
];
const missed = shortfalls.filter(([, r]) => r < 1);
// Ratio of each candidate to the fastest peer (not ours) per column.
const peerNames = Object.keys(mlp.rows).filter((c) => !['wasm-simd', 'wasm-fallback', 'native'].includes(c));
const ratioCols = ['W1.examplesPerSecond', 'W2.stepsPerSecond', 'W3.stepsPerSecond'];
const best = Object.fromEntries(ratioCols.map((k) => [k, Math.max(...peerNames.map((c) => mlp.rows[c][k] ?? 0))]));
const ratioLines = ['| candidate | ' + ratioCols.map((k) => `${k.split('.')[0]} vs fastest peer`).join(' | ') + ' |', `|---|${ratioCols.map(() => '---:').join('|')}|`];
for (const [c, r] of Object.entries(mlp.rows)) ratioLines.push(`| ${c} | ${ratioCols.map((k) => r1(r[k], best[k])).join(' | ')} |`);

const md = `# Benchmark results

Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model} (${cpus().length} cores),
Node ${process.version}, load average ${loadBefore.map((v) => v.toFixed(2)).join(' ')} before and ${loadAfter.map((v) => v.toFixed(2)).join(' ')} after.
${quick ? '**Quick mode: one short repeat, warm-up only; numbers are indicative, not for comparison.**\n' : ''}
Our rows are medians of ${mlp.repeats} interleaved repeats (after a warm-up run, since V8 first runs WASM with its
baseline compiler); peers are medians of ${peerRepeats}. TensorFlow.js 4.22 runs single-threaded (WASM backend with SIMD/XNNPACK
and the cpu backend) with ops + \`optimizer.minimize\` (autodiff) on pre-built batch tensors, its layers API \`model.fit\`
(W1 only), and on WASM also its fastest path we know, hand-written backprop with \`tf.matMul\` on explicitly
transposed tensors and in-place updates (row "tfjs-wasm backprop"). Ratios below are against the fastest peer path.
Accuracy columns show each candidate really trained (on the training set). Throughput of pure-JS engines is per example
(they update per example or per batch as their APIs do; brain.js uses its own momentum).

## Targets

| measure | ours (WASM SIMD) | target |
|---|---:|---:|
${targets.map((t) => `| ${t[0]} | ${t[1]} | ${t[2]} |`).join('\n')}

## Where we fall short, and why

${missed.length ? missed.map(([k, r]) => `- **${k}**: ${(100 * r).toFixed(0)} % of the target (${(100 * (1 - r)).toFixed(0)} % short).`).join('\n') : 'Every target is met in this run.'}

Why, as far as measured (details and the commands in the closing notes of issues #3 and #4):
- **sigmoid** is 1/(1 + e^−x) with e^−x from a two-step ln 2 reduction and a monic degree-5 polynomial (3.7 ulp worst
  case, scripts/fit_exp_poly.py), one division, no selects: 22 vector operations. This VM retires about 8.5 G
  f32x4 operations/s in such loops (measured on polynomial chains), which caps sigmoid near 1.5 G/s. XNNPACK's
  WASM SIMD sigmoid (what TensorFlow.js runs) is the same kind of kernel, so 2× over it would need a less exact one.
- **tanh** is a degree-4/4 rational with a monic numerator (scripts/fit_rational_tanh.py, ≤ 3.6e-7 absolute,
  exact ±1 past 8.66): 21 vector operations, so the same throughput cap applies (about 1.6–1.8 G/s here). gelu (tanh)
  is x·σ(2u), so it runs at sigmoid's speed. TensorFlow.js's WASM tanh itself runs at 0.05–0.09 G/s from run to run,
  which moves the ratio a lot: 25× would need 1.3–2.3 G/s.
- **relu vs memcpy**: both are bound by memory traffic; the memcpy bound is the host's native memmove (for large sizes
  Emscripten's memcpy calls TypedArray.copyWithin). The target row uses the paired ratio (relu and memcpy blocks
  alternating on the same buffers, see the W4 table): 0.92–0.97 over six runs. The ratio of the separately timed
  columns moved between 0.76 and 1.00, because each inherits a different cache state and moment of this VM.
- **W1 grid frame**: about 1.4 M vector operations per frame (160,000 tanh are 60 % of them; dense layers
  feature-major, one output plane at a time, no transposes), at the same ~8.5 G operations/s cap: 0.16–0.18 ms when
  the VM runs at its usual speed, more in its slow phases.
- This VM's speed drifts by up to 30 % within minutes; compare rows within one run only.

## W1–W3: training and inference

${mlpTable(mlp)}

${ratioLines.join('\n')}

## Long run: the page's fit pattern over ${longRun[0].epochs.toLocaleString('en-US')} epochs

The default page network (circle, 250 training points, 2-4-4-1 tanh, batch 10, SGD) in Node (WASM SIMD), only the
fit() calls timed; medians of interleaved repeats after a warm-up (\`node bench/longrun.mjs\`). A flat last / first
ratio means resuming a fit costs the same at any epoch. Targets: last / first ≥ 0.9, chunked ≥ 20,000 epochs/s.

${longRunTable(longRun)}

## W4: activations over 2^20 float32 inputs U(−4, 4), out of place

${activationTable(act)}

## In the browser: W1 and W4 in headless Chromium

${browserTable(browser)}

## Bounds

| bound | value |
|---|---:|
| WASM SIMD f32x4 multiply-add peak (8 chains) | ${(median(peak) / 1e9).toFixed(1)} GFLOP/s |
| WASM memcpy (2^20 floats) | ${(act.rows['wasm-simd'].memcpy * 4 / 1e9).toFixed(1)} GB/s |
`;
writeFileSync(out, md);
log(`wrote ${out}`);
console.log(md);
