// node bench/page.mjs [--quick]: the trainer's own speed, measured the way a reader meets it.
//   Node:     web/run.mjs's TrainingRun (what the worker runs) on the default network, frame by frame
//             as the worker does it (a chunk of steps sized by time, then a snapshot), 20,000 epochs:
//             epochs/s over the first and the last 1,000 epochs.
//   Chromium: the page itself at "As fast as possible": epochs/s in the first second after Play and
//             after warm-up, frames/s of the main thread, and Long Tasks (> 50 ms) seen in 10 s; the
//             same for a race of 4 contestants.
// Writes bench/PAGE.md. Timing belongs here, never in the tests.
import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { load } from '../dist/node.mjs';
import { TrainingRun } from '../web/run.mjs';
import { TRAINER_KEYS, contextOf, defaults } from '../web/state.mjs';

const quick = process.argv.includes('--quick');

async function nodeLongRun() {
  const ap = await load();
  const cfg = { ...defaults(TRAINER_KEYS, contextOf(ap)), grid: 64, box: [-6, 6, -6, 6] };
  const run = new TrainingRun(ap, cfg);
  const total = quick ? 3000 : 20000, window = 1000;
  const at = new Float64Array(total + 1);  // wall time when each epoch was first reached
  let rate = 20, reached = 0;
  const t0 = performance.now();
  while (run.epoch < total) {
    const steps = Math.max(1, Math.floor(rate * 11));
    const c0 = performance.now();
    run.trainSteps(steps);
    const ms = performance.now() - c0;
    if (ms > 0.5) rate = 0.5 * rate + 0.5 * (steps / ms);
    run.snapshot();
    const now = performance.now() - t0;
    while (reached < Math.min(total, Math.floor(run.epoch))) at[++reached] = now;
  }
  run.dispose();
  const eps = (from, to) => ((to - from) * 1000) / (at[to] - at[from]);
  return { first: eps(0, window), last: eps(total - window, total), overall: eps(0, total), total };
}

async function chromium() {
  const { chromium: browserType } = await import('playwright-core');
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '8150'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 600));
  const browser = await browserType.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const measure = async (query, race) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      window.apLongTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.apLongTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
      window.apFrames = 0;
      const tick = () => { window.apFrames++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    await page.goto(`http://127.0.0.1:8150/${query}`);
    await page.waitForSelector('#trainer-root[data-train-epoch]');
    await page.waitForTimeout(500);
    const t = page.getByRole('region', { name: 'Train a network' });
    const epoch = async () => Number(await t.getByLabel('Epoch', { exact: true }).textContent());
    const seconds = quick ? 4 : 10;
    const start = await page.evaluate(() => { window.apLongTasks.length = 0; return { frames: window.apFrames, t: performance.now() }; });
    if (race) {
      const r = page.getByRole('region', { name: 'Race' });
      for (const [k, a] of ['tanh', 'relu', 'sigmoid', 'elu'].entries()) await r.getByLabel(`Contestant ${k + 1}`).selectOption(a);
      await r.getByRole('button', { name: 'Race', exact: true }).click();
    } else {
      await t.getByRole('button', { name: 'Play' }).click();
    }
    const samples = [];
    for (let s = 0; s <= seconds; s++) {
      samples.push(race ? 0 : await epoch());
      await page.waitForTimeout(1000);
    }
    const end = await page.evaluate(() => ({ frames: window.apFrames, t: performance.now(), long: [...window.apLongTasks] }));
    await page.close();
    const fps = ((end.frames - start.frames) * 1000) / (end.t - start.t);
    return { firstSecond: samples[1] - samples[0], warm: (samples.at(-1) - samples[2]) / (seconds - 2), fps, longTasks: end.long.length, longest: Math.max(0, ...end.long) };
  };
  try {
    return { single: await measure('?trainer.speed=max', false), race: await measure('?trainer.speed=max', true), version: browser.version() };
  } finally {
    await browser.close();
    server.kill();
  }
}

const n = await nodeLongRun();
const c = await chromium();
const f = (v) => Math.round(v).toLocaleString('en-US');
const md = `# The trainer's speed (\`node bench/page.mjs\`${quick ? ' --quick' : ''})

Generated ${new Date().toISOString().slice(0, 10)}; Chromium ${c.version}. Compare rows within one run: this VM's speed drifts.

| measure | measured | target |
|---|---:|---:|
| Node, worker pattern, epochs/s over the first 1,000 epochs | ${f(n.first)} | |
| Node, worker pattern, epochs/s over the last 1,000 of ${f(n.total)} | ${f(n.last)} | |
| Node, last / first | ${(n.last / n.first).toFixed(2)} | ≥ 0.9 |
| Node, whole run, epochs/s (snapshots included) | ${f(n.overall)} | ≥ 20,000 |
| Chromium, default network, epochs/s after warm-up (every heatmap redrawn) | ${f(c.single.warm)} | ≥ 10,000 |
| Chromium, epochs in the first second after Play / warm rate | ${(c.single.firstSecond / c.single.warm).toFixed(2)} | ≥ 0.5 |
| Chromium, frames/s while training | ${c.single.fps.toFixed(1)} | ≥ 55 |
| Chromium, long tasks (> 50 ms) while training | ${c.single.longTasks} (longest ${c.single.longest.toFixed(0)} ms) | 0 |
| Chromium, race of 4, frames/s | ${c.race.fps.toFixed(1)} | ≥ 30 |
| Chromium, race of 4, long tasks | ${c.race.longTasks} (longest ${c.race.longest.toFixed(0)} ms) | 0 |
`;
console.log(md);
if (!quick) writeFileSync(new URL('./PAGE.md', import.meta.url), md);
