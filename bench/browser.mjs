// Runs bench/browser.html (W1 and W4, ours vs TensorFlow.js WASM) in Debian's headless Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export async function runBrowserBench({ quick = false } = {}) {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath}` };
  const root = new URL('..', import.meta.url).pathname;
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((resolve, reject) => {
      server.stdout.on('data', (d) => {
        const m = String(d).match(/http:\/\/[\d.:]+\//);
        if (m) resolve(m[0]);
      });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...(process.env.AP_JS_FLAGS ? [`--js-flags=${process.env.AP_JS_FLAGS}`] : []), '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${url}bench/browser.html${quick ? '?quick=1' : ''}`);
      await page.waitForFunction(() => window.__benchResult, null, { timeout: quick ? 60_000 : 600_000 });
      const result = await page.evaluate(() => window.__benchResult);
      result.browser = browser.version();
      return result;
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}

export function browserTable(r) {
  if (r.skipped) return `Not run: ${r.skipped}.`;
  if (r.error) return `Failed: ${r.error}`;
  const cols = [
    ['W1.coldExamplesPerSecond', 'W1 first fit ex/s', (v) => `${(v / 1e6).toFixed(3)} M`],
    ['W1.examplesPerSecond', 'W1 train ex/s (warm)', (v) => `${(v / 1e6).toFixed(3)} M`],
    ['W1.gridMs', 'W1 grid 100² (ms)', (v) => v.toFixed(3)],
    ['W1.accuracy', 'W1 acc', (v) => v.toFixed(3)],
    ['W4.relu', 'relu', (v) => `${(v / 1e9).toFixed(2)} G/s`],
    ['W4.sigmoid', 'sigmoid', (v) => `${(v / 1e9).toFixed(2)} G/s`],
    ['W4.tanh', 'tanh', (v) => `${(v / 1e9).toFixed(2)} G/s`],
    ['W4.gelu_tanh', 'gelu (tanh)', (v) => `${(v / 1e9).toFixed(2)} G/s`],
  ];
  const lines = [`Chromium ${r.browser}.`, '', `| candidate | ${cols.map((c) => c[1]).join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`];
  for (const [name, row] of Object.entries(r.rows)) lines.push(`| ${name} | ${cols.map(([k, , f]) => (row[k] === undefined ? '–' : f(row[k]))).join(' | ')} |`);
  const a = r.rows['ours wasm-simd'], b = r.rows['tfjs-wasm'];
  if (a && b) {
    // W1 against TensorFlow.js's fastest path: autodiff or hand-written backprop, whichever is faster.
    const tfW1 = Math.max(b['W1.examplesPerSecond'], r.rows['tfjs-wasm backprop']?.['W1.examplesPerSecond'] ?? 0);
    lines.push('', `Ratios (ours / tfjs-wasm, its fastest path): W1 ${(a['W1.examplesPerSecond'] / tfW1).toFixed(0)}×, ` +
      ['sigmoid', 'tanh', 'gelu_tanh'].map((k) => `${k} ${(a[`W4.${k}`] / b[`W4.${k}`]).toFixed(1)}×`).join(', ') +
      `. TensorFlow.js trained W1 for ${b['W1.epochs']} epochs (its throughput does not depend on the count).`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runBrowserBench({ quick: process.argv.includes('--quick') });
  console.log(browserTable(r));
}
