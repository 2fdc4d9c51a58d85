// node bench/arrival.mjs [--runs N]: how fast the page arrives — the explorer's first chart after
// navigation, and the bytes on the wire until then — served by scripts/serve.mjs (compressed, with
// ETags) to Chromium, in three conditions:
//   cold, throttled: a new profile, "fast 4G" (9 Mbit/s down, 1.5 up, 60 ms round trip) and 4× CPU slowdown;
//   cold, localhost: a new profile, no throttling;
//   second visit:    the same profile again (files revalidated with 304s).
// Medians of N runs (default 5). Writes bench/ARRIVAL.md. Timing belongs here, never in the tests.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const PORT = 8157;
const FAST_4G = { offline: false, latency: 60, downloadThroughput: (9e6 / 8), uploadThroughput: (1.5e6 / 8) };
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

/** Loads the page once in `context`; returns ms to the explorer's first chart and bytes transferred until then and in all. */
async function visit(context, throttled) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', FAST_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  let bytes = 0, bytesAtChart = null;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(`http://127.0.0.1:${PORT}/index.html`, { waitUntil: 'commit' });
  // The first frame in which the explorer's chart canvas has ink, measured from navigation start.
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const look = () => {
      const c = document.querySelector('#explorer-root canvas');
      if (c && c.width > 0) {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 3; i < d.length; i += 16) if (d[i] > 0) ink++;
        if (ink > 200) return resolve(performance.now());
      }
      requestAnimationFrame(look);
    };
    look();
  }));
  bytesAtChart = bytes;
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  const total = bytes;
  await page.close();
  return { ms, kbAtChart: bytesAtChart / 1024, kbTotal: total / 1024 };
}

const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 600));
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const rows = { 'cold, fast 4G + 4× CPU': [], 'cold, localhost': [], 'second visit, localhost': [] };
try {
  // Warm the server's compressed copies first, so no run pays for compressing.
  await visit(await browser.newContext(), false);
  for (let r = 0; r < RUNS; r++) {
    rows['cold, fast 4G + 4× CPU'].push(await visit(await browser.newContext(), true));
    const ctx = await browser.newContext();
    rows['cold, localhost'].push(await visit(ctx, false));
    rows['second visit, localhost'].push(await visit(ctx, false));
    await ctx.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const lines = [
  '# How fast the page arrives',
  '',
  `\`node bench/arrival.mjs\` (${new Date().toISOString().slice(0, 10)}, Chromium ${browser.version?.() ?? ''}, medians of ${RUNS} runs). Time from navigation to the`,
  'first frame with the explorer\'s chart drawn; kilobytes on the wire (compressed, headers included) until then and until the page has loaded everything.',
  '',
  '| condition | first chart (ms) | KB until the chart | KB in all |',
  '|---|---:|---:|---:|',
  ...Object.entries(rows).map(([name, rs]) => `| ${name} | ${median(rs.map((r) => r.ms)).toFixed(0)} | ${median(rs.map((r) => r.kbAtChart)).toFixed(0)} | ${median(rs.map((r) => r.kbTotal)).toFixed(0)} |`),
  '',
  'Targets (issue 13): first chart ≤ 1500 ms cold under fast 4G + 4× CPU, ≤ 300 ms on localhost; ≤ 150 KB compressed for the explorer\'s first view.',
];
writeFileSync(new URL('./ARRIVAL.md', import.meta.url), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
