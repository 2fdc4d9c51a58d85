// The per-call cost of linking with -sDYNAMIC_EXECUTION=0 (no eval / new Function in Embind's glue,
// so embeds work under a strict CSP). Embind then calls through generic invokers instead of
// generated ones; this measures what that costs on the calls a page makes most often, two builds
// side by side in one process, repeats interleaved, medians printed. Usage: build once without the
// flag and copy dist/ aside (cp -r dist /tmp/dist-eval), rebuild with it, then
//   node bench/dynamic-execution.mjs /tmp/dist-eval dist
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dirs = process.argv.slice(2);
if (dirs.length !== 2) {
  console.error('usage: node bench/dynamic-execution.mjs <dist built with eval> <dist built with -sDYNAMIC_EXECUTION=0>');
  process.exit(2);
}
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

async function setup(dir) {
  const { load } = await import(pathToFileURL(resolve(dir, 'node.mjs')).href);
  const ap = await load({ simd: true });
  const model = ap.nn.Sequential(ap.nn.Linear(2, 4), ap.nn.Tanh(), ap.nn.Linear(4, 1));
  const one = new Float32Array([0.5]), row = new Float32Array([0.1, -0.2]), big = new Float32Array(4096).fill(0.3);
  const X = new Float32Array(20).fill(0.1), y = new Float32Array(10).fill(1);
  const opt = ap.optim.SGD(model.parameters(), { lr: 0.01 });
  return {
    dir,
    calls: {
      'F.relu, 1 element': () => ap.F.relu(one),
      'F.tanh, 4096 elements': () => ap.F.tanh(big),
      'model.forward, 1 row': () => model.forward(row),
      'fit, 1 step of 10 rows': () => model.fit(X, y, { loss: 'mse_loss', optimizer: opt, steps: 1, batch_size: 10 }),
      'buildInfo()': () => ap.buildInfo(),
    },
  };
}

function nsPerCall(fn) {
  const n = 20000;
  for (let i = 0; i < 2000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t0) / n;
}

const builds = [await setup(dirs[0]), await setup(dirs[1])];
const samples = new Map();
for (let rep = 0; rep < 7; rep++) {
  for (const name of Object.keys(builds[0].calls)) {
    for (const [k, b] of builds.entries()) {
      const key = `${name}|${k}`;
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key).push(nsPerCall(b.calls[name]));
    }
  }
}
console.log(`| call | ${dirs[0]} (ns) | ${dirs[1]} (ns) | ratio |`);
console.log('|---|---:|---:|---:|');
for (const name of Object.keys(builds[0].calls)) {
  const a = median(samples.get(`${name}|0`)), b = median(samples.get(`${name}|1`));
  console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)} |`);
}
