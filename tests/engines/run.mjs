#!/usr/bin/env node
// Runs every scenario of tests/engines/scenarios.mjs in Chromium, Firefox and WebKit (WebKitGTK), each
// browser started once and reused, and checks after every scenario that the engine reported no console
// error or warning, no page error and no failed request. Prints per engine its version, the WASM build
// the page loaded and "ENGINE: N passed, N failed", then "N passed, N failed"; exits 1 on any failure.
//
//   node tests/engines/run.mjs [chromium] [firefox] [webkit] [--grep TEXT] [--page /path/]
// (--page serves the page from another folder of the repository, e.g. a copy under .tmp/ while debugging;
//  --root serves another checkout, with its dist/; AP_ENGINES_PORT=N serves on port N instead of a free one.)
// Screenshots go to .tmp/screens/ (ENGINE-explorer.png, ENGINE-trainer.png, ENGINE-FAIL-n.png).
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { scenarios, CLASSIC, visibleAlerts } from './scenarios.mjs';
import { installErrorCollector } from './page-helper.mjs';
import { compute, diff } from './compute.mjs';
import { ChromiumDriver } from './drivers/chromium.mjs';
import { FirefoxDriver } from './drivers/firefox.mjs';
import { WebKitDriver } from './drivers/webkit.mjs';

const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENS = join(HERE, '.tmp', 'screens');
const ENGINES = { chromium: ChromiumDriver, firefox: FirefoxDriver, webkit: WebKitDriver };
const SCENARIO_TIMEOUT = 120_000;

const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args.splice(grepAt, 2)[1] : null;
const pageAt = args.indexOf('--page');
const PAGE = pageAt >= 0 ? args.splice(pageAt, 2)[1].replace(/\/?$/, '/') : '/';
const rootAt = args.indexOf('--root');
const ROOT = rootAt >= 0 ? resolve(args.splice(rootAt, 2)[1]) : HERE;
const wanted = args.length ? args : Object.keys(ENGINES);
for (const e of wanted) {
  if (!ENGINES[e]) {
    console.error(`unknown engine ${e} (known: ${Object.keys(ENGINES).join(', ')})`);
    process.exit(2);
  }
}
const selected = scenarios.filter((s) => !grep || s.name.includes(grep));

const live = new Set();  // drivers to close if we are interrupted
async function closeAll() {
  await Promise.allSettled([...live].map((d) => d.close()));
  live.clear();
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.log(`\n${sig}: closing the browsers`);
    closeAll().finally(() => process.exit(130));
  });
}

const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const withTimeout = (p, ms, what) => {
  let timer;
  return Promise.race([p, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`${what} did not finish in ${ms / 1000} s`)), ms)))])
    .finally(() => clearTimeout(timer));
};

// What Node computes, for the scenarios to compare against.
const { load } = await import(join(ROOT, 'dist', 'node.mjs'));
const nodeSimd = await load({ simd: true });
const nodeFallback = await load({ simd: false });
// A module that fails in Node fails the comparison scenario, not the whole run.
let values = null, nodeError = null, nodeSelf = [];
try {
  values = compute(nodeSimd);
  nodeSelf = diff(values, compute(nodeFallback));
} catch (e) {
  nodeError = `${e.name}: ${e.message}`;
}
const node = { values, error: nodeError, formulas: Object.fromEntries(CLASSIC.map((n) => [n, nodeSimd.activation(n).formula])) };

// The trainer's first epoch on XOR (seed 1, every other setting at its default) as Node computes it with
// the page's own configuration code (web/build-config.mjs, which the worker runs too).
let nodeEpoch1 = null;
try {
  const { networkFromState, trainEpochs, measure } = await import(join(ROOT, 'web', 'build-config.mjs'));
  const net = networkFromState(nodeSimd, { dataset: 'xor' });
  trainEpochs(net, 1);
  const m = measure(net);
  net.model.dispose();
  nodeEpoch1 = { train: m.trainLoss, test: m.testLoss };
} catch (e) {
  nodeEpoch1 = { error: `${e.name}: ${e.message}` };
}

mkdirSync(SCREENS, { recursive: true });
// Every HTML page starts with the error collector, so load-time errors are heard in every engine.
const server = await startServer(ROOT, { headScript: `(${installErrorCollector})();\n` });
const t0all = Date.now();
let totalPass = 0, totalFail = 0;
const flaky = [];  // scenarios that passed only at their second attempt
const summary = [];
if (nodeSelf.length) {
  console.log(`Node: the SIMD and fallback builds differ:\n  ${nodeSelf.join('\n  ')}`);
  totalFail++;
}

for (const engine of wanted) {
  const Driver = ENGINES[engine];
  let pass = 0, fail = 0;
  const notes = {};
  const t0 = Date.now();
  console.log(`\n== ${engine}`);
  for (const f of readdirSync(SCREENS)) if (f.startsWith(`${engine}-`) && f.endsWith('.png')) rmSync(join(SCREENS, f));
  const missing = Driver.available();
  let d = null;
  if (missing) {
    console.log(`  ${engine} is not installed: ${missing}`);
  } else {
    d = new Driver();
    live.add(d);
    try {
      await withTimeout(d.launch(), 60_000, `starting ${engine}`);
      console.log(`  ${d.version} (started in ${secs(t0)})`);
    } catch (e) {
      console.log(`  could not start ${engine}: ${e.message}`);
      await d.close().catch(() => {});
      live.delete(d);
      d = null;
    }
  }
  for (const [i, s] of selected.entries()) {
    if (!d) {
      console.log(`  FAIL ${s.name}: ${engine} did not run`);
      fail++;
      continue;
    }
    // One scenario attempt; a failure is tried once more, and a pass on the second attempt is reported as
    // flaky with the first attempt's reason (a page that fails twice fails).
    const attempt = async () => {
      const ts = Date.now();
      const failedBefore = server.log.length;
      let mark = server.log.length;
      const ctx = {
        url: (path) => `${server.url}${path}`,
        page: (query = '') => `${server.url}${PAGE}${query}`,
        node,
        screen: (what) => join(SCREENS, `${engine}-${what}.png`),
        note: (k, v) => (notes[k] = v),
        /** The server's requests since the scenario started or since the last call. */
        requests: () => server.log.slice(mark, (mark = server.log.length)),
        /** Requests the server answered with an error since the scenario started. */
        failedRequests: () => server.log.slice(failedBefore).filter((r) => r.status >= 400),
      };
      let problem = null, detail = '';
      try {
        detail = (await withTimeout(s.run(d, ctx), SCENARIO_TIMEOUT, 'the scenario')) ?? '';
      } catch (e) {
        problem = e.message;
        // What the page itself says (a worker's error, say) is often the reason.
        const alerts = await Promise.resolve(d.evaluate(visibleAlerts)).catch(() => []);
        if (alerts.length && !problem.includes(alerts[0])) problem += `\nthe page shows: ${alerts.join(' | ')}`;
      }
      // Whatever the scenario did, the engine must not have reported errors or failed requests.
      const errors = await Promise.resolve(d.errors()).catch((e) => [`could not collect errors: ${e.message}`]);
      const failed = server.log.slice(failedBefore).filter((r) => r.status >= 400).map((r) => `HTTP ${r.status} ${r.path}`);
      const all = [...errors, ...failed.filter((f) => !errors.some((e) => e.includes(f.split(' ').pop())))];
      if (all.length) problem = `${problem ? `${problem}; and ` : ''}the engine reported: ${all.slice(0, 10).join(' | ')}`;
      return { problem, detail, ts };
    };
    let { problem, detail, ts } = await attempt();
    const first = problem;
    if (first) ({ problem, detail, ts } = await attempt());
    if (problem) {
      fail++;
      console.log(`  FAIL ${s.name} (${secs(ts)}, twice)\n       ${problem.replace(/\n/g, '\n       ')}`);
      await d.screenshot(join(SCREENS, `${engine}-FAIL-${i + 1}.png`)).catch(() => {});
    } else if (first) {
      pass++;
      flaky.push(`${engine}: ${s.name}`);
      console.log(`  ok   ${s.name} (${secs(ts)}), at the second attempt — FLAKY: the first failed: ${first.replace(/\n/g, ' ')}`);
    } else {
      pass++;
      console.log(`  ok   ${s.name} (${secs(ts)})${detail ? ` — ${detail}` : ''}`);
    }
  }
  if (d) {
    await d.close().catch((e) => console.log(`  closing ${engine}: ${e.message}`));
    live.delete(d);
  }
  const version = d?.version ?? 'not run';
  const build = notes.build ?? 'unknown';
  console.log(`  version: ${version}; WASM build loaded by the page: ${build}; time ${secs(t0)}`);
  console.log(`${engine}: ${pass} passed, ${fail} failed`);
  summary.push({ engine, version, build, pass, fail, epoch1: notes['xor epoch 1'] });
  totalPass += pass;
  totalFail += fail;
}

// One seeded network, one epoch: every engine's page must show the losses Node computes for it, to the
// digits the page shows (the same WASM bits underneath).
const shown = summary.filter((s) => s.epoch1);
if (shown.length) {
  const fromNode = nodeEpoch1.error ? nodeEpoch1.error : `${nodeEpoch1.train} / ${nodeEpoch1.test}`;
  console.log(`\n== across engines: XOR, seed 1, epoch 1 (training / test loss): ${shown.map((s) => `${s.engine} ${s.epoch1}`).join(', ')}; Node ${fromNode}`);
  const matches = (text) => {
    const [train, test] = text.split(' / ');
    const digits = (t) => (t.split('.')[1] ?? '').length;
    const close = (t, v) => /^-?\d+(\.\d+)?$/.test(t) && Math.abs(Number(t) - v) <= 0.5 * 10 ** -digits(t) + 1e-12;
    return !nodeEpoch1.error && close(train, nodeEpoch1.train) && close(test, nodeEpoch1.test);
  };
  const off = shown.filter((s) => !matches(s.epoch1));
  if (off.length === 0) {
    console.log('  ok   every engine shows the losses Node computes');
    totalPass++;
  } else {
    console.log(`  FAIL ${off.map((s) => s.engine).join(', ')} show${off.length === 1 ? 's' : ''} other losses than Node computes`);
    totalFail++;
  }
}

await server.close();
console.log(`\nengines: ${summary.map((s) => `${s.engine} (${s.version}, ${s.build} build) ${s.pass}/${s.pass + s.fail}`).join('; ')} in ${secs(t0all)}`);
if (flaky.length) console.log(`flaky (passed at the second attempt): ${flaky.join('; ')}`);
// The README's "Tested in" table names the versions (typed there): say when this machine runs others.
const readme = readFileSync(join(HERE, 'README.md'), 'utf8');
for (const s of summary) {
  const v = s.version.match(/\d+(\.\d+)+/)?.[0];
  if (v && !readme.includes(v)) console.log(`note: README's "Tested in" table does not list ${s.version}; update it`);
}
console.log(`${totalPass} passed, ${totalFail} failed`);
process.exitCode = totalFail ? 1 : 0;
