// node bench/soak.mjs [--minutes 30] [--every 30] [--warmup S] [--port 8170] [--wasm fallback] [--no-reset]
// A long training run of the page in Chromium: the trainer plays at full speed (pressing Reset at
// every sample, so building and disposing networks is soaked too, unless --no-reset), and every
// `--every` seconds the script samples the training worker's WASM heap (bytes malloc'd, and the
// linear memory's size, from the worker's heartbeat answer) and the page's JS heap after a garbage
// collection (CDP Runtime.getHeapUsage). It prints a table and whether each is flat after the
// warm-up (default: a third of the run, at most 5 minutes). A script, not a test: it takes minutes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const minutes = Number(option('minutes', 30));
const every = Number(option('every', 30));
const warmup = Number(option('warmup', Math.min(300, (minutes * 60) / 3)));
const port = Number(option('port', process.env.PORT ?? 8170));
const wasm = option('wasm', 'simd');
const reset = !args.includes('--no-reset');
if (!(minutes > 0) || !(every > 0) || !(warmup >= 0) || !Number.isInteger(port) || !['simd', 'fallback'].includes(wasm)) {
  console.error('usage: node bench/soak.mjs [--minutes M>0] [--every S>0] [--warmup S>=0] [--port N] [--wasm simd|fallback] [--no-reset]');
  process.exit(2);
}

/** Growth allowed after the warm-up before a series is called not flat: 1 MiB or 5 %, whichever is larger. */
const TOLERANCE_BYTES = 1 << 20, TOLERANCE_SHARE = 0.05;
const MB = (b) => (b / 2 ** 20).toFixed(2);

/** Whether the samples after the warm-up stay within the tolerance of the first of them. */
export function flatAfter(values) {
  if (values.length < 2) return { flat: null, growth: 0 };
  const base = values[0];
  const growth = Math.max(...values) - base;
  return { flat: growth <= Math.max(TOLERANCE_BYTES, TOLERANCE_SHARE * base), growth };
}

async function main() {
  const { chromium } = await import('playwright-core');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`http://127.0.0.1:${port}/?trainer.speed=max${wasm === 'fallback' ? '&wasm=fallback' : ''}`);
    await page.waitForSelector('#trainer-root[data-train-epoch]', { timeout: 60_000 });
    // The worker's heartbeat answers carry its module's memoryStats(): keep the latest.
    await page.evaluate(() => {
      const client = document.getElementById('trainer-root').workerClient;
      let watched = null;
      setInterval(() => {
        if (watched === client.worker) return;  // (re)attach after a worker restart
        watched = client.worker;
        watched.addEventListener('message', (e) => { if (e.data?.type === 'pong' && e.data.memory) window.soakWorkerMemory = e.data.memory; });
      }, 200);
    });
    const cdp = await page.context().newCDPSession(page);
    const trainer = page.getByRole('region', { name: 'Train a network' });
    await trainer.getByRole('button', { name: 'Play' }).click();

    const rows = [];
    const t0 = Date.now();
    const total = minutes * 60;
    console.log(`soak: ${minutes} min, ${wasm} build, a sample every ${every} s, warm-up ${warmup} s${reset ? ', Reset at every sample' : ''}`);
    console.log('| t (s) | epoch | resets | worker WASM heap in use (MB) | worker WASM memory (MB) | page JS heap used (MB) |');
    console.log('|---:|---:|---:|---:|---:|---:|');
    for (let k = 0; ; k++) {
      const target = t0 + k * every * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, target - Date.now())));
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const s = await page.evaluate(() => ({ epoch: Number(document.getElementById('trainer-root').dataset.trainEpoch), memory: window.soakWorkerMemory ?? null }));
      const row = { t: Math.round((Date.now() - t0) / 1000), epoch: s.epoch, resets: reset ? k : 0, heapInUse: s.memory?.heapInUse ?? NaN, memoryBytes: s.memory?.memoryBytes ?? NaN, js: heap.usedSize };
      rows.push(row);
      console.log(`| ${row.t} | ${row.epoch} | ${row.resets} | ${MB(row.heapInUse)} | ${MB(row.memoryBytes)} | ${MB(row.js)} |`);
      if (row.t >= total) break;
      if (reset) await trainer.getByRole('button', { name: 'Reset' }).click();
    }
    const after = rows.filter((r) => r.t >= warmup);
    const verdict = (name, key) => {
      const { flat, growth } = flatAfter(after.map((r) => r[key]));
      const word = flat === null ? 'too few samples after the warm-up' : flat ? 'flat' : 'GROWING';
      console.log(`${name}: ${word} after ${warmup} s (${growth >= 0 ? '+' : ''}${MB(growth)} MB over ${after.length} samples; tolerance max(1 MB, 5 %))`);
      return flat;
    };
    console.log('');
    const ok = [verdict('worker WASM heap in use', 'heapInUse'), verdict('worker WASM memory', 'memoryBytes'), verdict('page JS heap', 'js')];
    const epochsPerSecond = rows.length > 1 && !reset ? (rows.at(-1).epoch - rows[0].epoch) / (rows.at(-1).t - rows[0].t) : null;
    if (epochsPerSecond !== null) console.log(`training speed: ${Math.round(epochsPerSecond)} epochs/s`);
    if (problems.length) console.log(`page problems:\n  ${problems.slice(0, 10).join('\n  ')}`);
    process.exitCode = ok.every((f) => f !== false) && !problems.length ? 0 : 1;
  } finally {
    await browser.close();
    server.kill();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
