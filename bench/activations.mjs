// W4 activation throughput: 2^20 float32 inputs U(-4, 4), out of place, relu / sigmoid / tanh /
// gelu (tanh approximation), for the WASM SIMD build, the WASM fallback build and the native build,
// measured side by side in one run (repeats interleaved across candidates, medians reported), with
// the max error of each against a float64 reference and the WASM memcpy bound. relu / memcpy is a
// paired ratio: blocks of relu and memcpy calls alternate on the same buffers (which of the two goes
// first alternates too), and the median of the per-pair ratios is reported, so both see the same
// cache state and the same moment of this VM.
//   node bench/activations.mjs [--quick] [--json out.json]
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { loadBench } from './hooks.mjs';

const N = 1 << 20;

function makeInputs() {
  let s = 42;  // xorshift32: the same inputs every run
  const x = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    x[i] = -4 + 8 * ((s >>> 0) / 4294967296);
  }
  return x;
}

const reference = {
  relu: (v) => Math.max(v, 0),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: Math.tanh,
  gelu_tanh: (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))),
};
const CASES = [
  { label: 'relu', name: 'relu', opts: {} },
  { label: 'sigmoid', name: 'sigmoid', opts: {} },
  { label: 'tanh', name: 'tanh', opts: {} },
  { label: 'gelu_tanh', name: 'gelu', opts: { approximate: 'tanh' } },
];

const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

export async function runActivationBench({ quick = false } = {}) {
  const REPEATS = quick ? 3 : 7;
  const INNER = quick ? 2 : 20;
  const x = makeInputs();
  const candidates = [];
  for (const simd of [true, false]) {
    const { ap, copyFloats } = await loadBench({ simd });
    const xb = ap.buffer(N).set(x), yb = ap.buffer(N);
    candidates.push({ name: simd ? 'wasm-simd' : 'wasm-fallback', ap, copyFloats, xb, yb, times: {} });
  }
  // Accuracy once per candidate and function.
  const maxError = {};
  for (const c of candidates) {
    for (const k of CASES) {
      c.ap.F[k.name](c.xb, { ...k.opts, out: c.yb });
      const y = c.yb.array;
      let err = 0;
      for (let i = 0; i < N; i++) err = Math.max(err, Math.abs(y[i] - reference[k.label](x[i])));
      maxError[`${c.name}/${k.label}`] = err;
    }
  }
  // Warm-up: V8 runs WASM with its baseline compiler first and tiers hot functions up later.
  for (const c of candidates) {
    for (let k = 0; k < 10; k++) {
      for (const cs of CASES) c.ap.F[cs.name](c.xb, { ...cs.opts, out: c.yb });
      c.copyFloats(c.yb, c.xb, N);
    }
  }
  // Timing: interleave candidates within each repeat.
  for (let r = 0; r < REPEATS; r++) {
    for (const c of candidates) {
      for (const k of [...CASES, { label: 'memcpy' }]) {
        const run = () => (k.label === 'memcpy' ? c.copyFloats(c.yb, c.xb, N) : c.ap.F[k.name](c.xb, { ...k.opts, out: c.yb }));
        // One untimed call first: the other candidate's runs evict these buffers, and a cold first
        // call costs relu (which reads its output's cache lines before writing) more than memcpy.
        run();
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < INNER; i++) run();
        const s = Number(process.hrtime.bigint() - t0) / 1e9 / INNER;
        (c.times[k.label] ??= []).push(s);
      }
    }
  }
  // relu against memcpy, paired (see the header).
  const PAIRS = quick ? 5 : 31;
  const pairedRatio = (c) => {
    const relu = () => c.ap.F.relu(c.xb, { out: c.yb }), copy = () => c.copyFloats(c.yb, c.xb, N);
    const time = (f) => {
      f();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 10; i++) f();
      return Number(process.hrtime.bigint() - t0);
    };
    const ratios = [];
    for (let k = 0; k < PAIRS; k++) {
      // The order alternates within the pairs, so neither always runs first.
      const [a, b] = k % 2 ? [time(relu), time(copy)] : [time(copy), time(relu)].reverse();
      ratios.push(b / a);
    }
    return median(ratios);
  };
  const rows = {};
  for (const c of candidates) {
    rows[c.name] = Object.fromEntries(Object.entries(c.times).map(([k, t]) => [k, N / median(t)]));
    rows[c.name].reluOverMemcpy = pairedRatio(c);
    c.xb.dispose();
    c.yb.dispose();
  }
  const nativeBin = new URL('../build/ap_bench_activations', import.meta.url).pathname;
  if (existsSync(nativeBin)) {
    const out = execFileSync(nativeBin, quick ? ['--quick'] : [], { encoding: 'utf8' });
    rows.native = Object.fromEntries(out.trim().split('\n').map((l) => JSON.parse(l)).map((o) => [o.name, o.elementsPerSecond]));
  }
  return { n: N, repeats: REPEATS, rows, maxError, machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadavg: loadavg() } };
}

export function activationTable(result) {
  const cols = ['relu', 'sigmoid', 'tanh', 'gelu_tanh', 'memcpy'];
  const lines = [
    `| build | ${cols.join(' | ')} | relu / memcpy (paired) | relu / memcpy (columns) |`,
    `|---|${cols.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const [name, r] of Object.entries(result.rows)) {
    const g = (k) => (r[k] ? `${(r[k] / 1e9).toFixed(3)} G/s` : '–');
    const columns = r.memcpy ? (r.relu / r.memcpy).toFixed(2) : '–';
    lines.push(`| ${name} | ${cols.map(g).join(' | ')} | ${r.reluOverMemcpy ? r.reluOverMemcpy.toFixed(2) : '–'} | ${columns} |`);
  }
  lines.push('', 'Paired: blocks of 10 relu and 10 memcpy calls alternate on the same buffers, either one first in turn, median of the per-pair ratios ' +
    '(both see the same cache state and the same moment of the VM). Columns: the two medians above, which were ' +
    'timed at different moments (relu right after the other build\'s runs, memcpy right after gelu on the same buffers).');
  lines.push('', '| max abs error vs float64 | value |', '|---|---:|');
  for (const [k, v] of Object.entries(result.maxError)) lines.push(`| ${k} | ${v.toExponential(2)} |`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
  const result = await runActivationBench({ quick: args.includes('--quick') });
  console.log(activationTable(result));
  console.log(`\nmachine: ${result.machine.cpu}, ${result.machine.cores} cores, load ${result.machine.loadavg.map((v) => v.toFixed(2)).join(' ')}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
}
