// node bench/longrun.mjs [--quick]: the page's training pattern over a long run. The default page
// network (circle, 250 training points, 2-4-4-1 tanh + sigmoid, binary cross-entropy, SGD lr 0.03,
// batch 10, playground init) trained 20,000 epochs in chunks, timing only the fit() calls:
//   per-epoch, new seed:   one fit({ epochs: 1 }) per epoch with seed + epoch (the page's old pattern)
//   per-epoch, resumed:    one fit({ epochs: 1 }) per epoch with one seed (the sequence continues)
//   chunked:               fit({ epochs: 100 }) per call with one seed (as web/run.mjs trains: fit({ steps })
//                          per frame with the run's seed)
// Reports epochs/s over the first and the last 1,000 epochs and their ratio (flat = resuming is O(1)).
import { load } from '../dist/node.mjs';

export const longRunPatterns = [
  { name: 'per-epoch, new seed', epochsPerCall: 1, seedPerCall: true },
  { name: 'per-epoch, resumed', epochsPerCall: 1, seedPerCall: false },
  { name: 'chunked (100 epochs a call)', epochsPerCall: 100, seedPerCall: false },
];

/** One run of pattern p over `total` epochs: seconds per epoch (each call's time spread over its epochs). */
function timeRun(ap, p, total, X, y) {
  const { nn, optim } = ap;
  const model = nn.Sequential.withOptions({ seed: 1, init: 'playground' },
    nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
  const optimizer = optim.SGD(model.parameters(), { lr: 0.03 });
  const times = new Float64Array(total);
  for (let epoch = 0; epoch < total; epoch += p.epochsPerCall) {
    const t0 = performance.now();
    model.fit(X, y, { loss: 'binary_cross_entropy', optimizer, epochs: p.epochsPerCall, batch_size: 10, shuffle: true, seed: p.seedPerCall ? 1 + epoch : 1 });
    times.fill((performance.now() - t0) / 1000 / p.epochsPerCall, epoch, epoch + p.epochsPerCall);
  }
  model.dispose();
  return times;
}

/**
 * Runs every pattern `repeats` times (interleaved, after an untimed warm-up so the first window
 * measures the steady state, not V8's tier-up); returns the medians [{ name, first, last, ratio,
 * overall }] in epochs per second.
 */
export async function runLongRun({ quick = false, simd = true, repeats = quick ? 1 : 3 } = {}) {
  const ap = await load({ simd });
  const total = quick ? 2000 : 20000, window = 1000;
  const data = ap.datasets.circle({ n: 500, noise: 0, seed: 1 });
  const X = data.X.slice(0, 250 * 2), y = data.y.slice(0, 250);
  for (const p of longRunPatterns) timeRun(ap, p, window, X, y);
  const samples = longRunPatterns.map(() => []);
  for (let r = 0; r < repeats; r++) {
    longRunPatterns.forEach((p, i) => {
      const times = timeRun(ap, p, total, X, y);
      const rate = (from, to) => (to - from) / times.subarray(from, to).reduce((s, t) => s + t, 0);
      const first = rate(0, window), last = rate(total - window, total);
      samples[i].push({ first, last, ratio: last / first, overall: rate(0, total) });
    });
  }
  const median = (a) => [...a].sort((u, v) => u - v)[a.length >> 1];
  return longRunPatterns.map((p, i) => ({
    name: p.name, epochs: total,
    ...Object.fromEntries(['first', 'last', 'ratio', 'overall'].map((k) => [k, median(samples[i].map((s) => s[k]))])),
  }));
}

/** The Markdown table of runLongRun's rows. */
export function longRunTable(rows) {
  const f = (v) => Math.round(v).toLocaleString('en-US');
  return [
    '| call pattern | epochs | first 1,000 (epochs/s) | last 1,000 (epochs/s) | last / first | whole run (epochs/s) |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${f(r.epochs)} | ${f(r.first)} | ${f(r.last)} | ${r.ratio.toFixed(2)} | ${f(r.overall)} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(longRunTable(await runLongRun({ quick: process.argv.includes('--quick') })));
}
